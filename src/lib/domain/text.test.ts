import { describe, it, expect } from 'vitest';
import { fold, words, nfc, identifier } from './text';

describe('fold', () => {
	it('drops Vietnamese diacritics and lower-cases', () => {
		expect(fold('Đăng ký khai sinh')).toBe('dang ky khai sinh');
		expect(fold('CHỨNG THỰC BẢN SAO')).toBe('chung thuc ban sao');
	});

	it('folds đ and Đ to d, which Unicode decomposition does not do', () => {
		expect('đ'.normalize('NFD')).toBe('đ');
		expect(fold('đất đai')).toBe('dat dai');
		expect(fold('ĐỊA CHÍNH')).toBe('dia chinh');
	});

	it('gives the same result for composed (NFC) and decomposed (NFD) input', () => {
		const composed = 'Thủ tục đăng ký kết hôn'.normalize('NFC');
		const decomposed = composed.normalize('NFD');
		expect(decomposed).not.toBe(composed);
		expect(fold(decomposed)).toBe(fold(composed));
		expect(fold(decomposed)).toBe('thu tuc dang ky ket hon');
	});

	it('turns punctuation into single spaces but keeps the dots of a code', () => {
		expect(fold('Cấp bản sao (trích lục),  giấy tờ')).toBe('cap ban sao trich luc giay to');
		expect(fold('1.001193')).toBe('1.001193');
	});
});

describe('words', () => {
	it('splits folded text and trims dots at word edges', () => {
		expect(words('Hộ tịch. Đăng ký 1.001193.')).toEqual(['ho', 'tich', 'dang', 'ky', '1.001193']);
	});
});

describe('nfc', () => {
	it('composes decomposed text', () => {
		expect(nfc('Hộ tịch'.normalize('NFD'))).toBe('Hộ tịch'.normalize('NFC'));
	});
});

describe('identifier', () => {
	it('makes the four spellings of one dossier code one key', () => {
		const spellings = ['HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX\u201077'];
		expect(new Set(spellings.map(identifier))).toEqual(new Set(['HSX-77']));
	});

	it('drops invisible characters and collapses spaces, and keeps Vietnamese letters (NFC)', () => {
		expect(identifier('\uFEFF 000.00.12.H29 -  260101 \u200B')).toBe('000.00.12.H29 - 260101');
		expect(identifier('đ1')).toBe('Đ1');
		expect(identifier('Quầy 3'.normalize('NFD'))).toBe('QUẦY 3'.normalize('NFC'));
	});

	it('leaves different codes different', () => {
		expect(identifier('HSX-77')).not.toBe(identifier('HSX-78'));
		expect(identifier('1.000178')).toBe('1.000178');
	});
});
