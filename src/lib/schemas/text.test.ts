import { describe, expect, it } from 'vitest';
import { cleanString, hasControlCharacters } from './text';

describe('control characters', () => {
	it('refuses NUL and other controls in any text, line breaks only in one-line text', () => {
		expect(hasControlCharacters('a\u0000b', true)).toBe(true);
		expect(hasControlCharacters('a\u007Fb', true)).toBe(true);
		expect(hasControlCharacters('a\u0085b', true)).toBe(true);
		expect(hasControlCharacters('dòng 1\ndòng 2\tcột', true)).toBe(false);
		expect(hasControlCharacters('dòng 1\ndòng 2')).toBe(true);
		expect(hasControlCharacters('Quầy số 3 – Hộ tịch 🙂')).toBe(false);
	});

	it('refuses lone surrogates and non-characters but keeps real pairs', () => {
		expect(hasControlCharacters('x\uD83Dy')).toBe(true);
		expect(hasControlCharacters('x\uDE42')).toBe(true);
		expect(hasControlCharacters('\uFFFF')).toBe(true);
		expect(hasControlCharacters('\uD83D\uDE42')).toBe(false);
	});

	it('gives a Vietnamese message naming the field', () => {
		const r = cleanString('Góp ý', { multiline: true }).safeParse('chờ lâu\u0000');
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].message).toBe('Góp ý chứa ký tự điều khiển hoặc ký tự không hợp lệ');
		expect(cleanString('Góp ý', { multiline: true }).parse('chờ\nlâu')).toBe('chờ\nlâu');
	});
});
