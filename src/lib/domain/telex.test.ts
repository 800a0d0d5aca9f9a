import { describe, expect, it } from 'vitest';
import { setMark, setTone, tapMark, tapTone, telex, typeTelex } from './telex';
import { fold } from './text';

describe('Telex on real words', () => {
	it.each([
		['dduwowngf', 'đường'],
		['dduowngf', 'đường'],
		['dduwongf', 'đường'],
		['DDuowngf', 'Đường'],
		['truwowngf', 'trường'],
		['nguowif', 'người'],
		['nguwoif', 'người'],
		['nguoiwf', 'người'],
		['nguowfi', 'người'],
		['khuyeens', 'khuyến'],
		['khuyeesn', 'khuyến'],
		['khuyesen', 'khuyến'],
		['quoocs', 'quốc'],
		['quocso', 'quốc'],
		['quosoc', 'quốc'],
		['thuyr', 'thuỷ'],
		['thury', 'thuỷ'],
		['chowf', 'chờ'],
		['laau', 'lâu'],
		['lauaa', 'laua'],
		['hoaf', 'hoà'],
		['hoafn', 'hoàn'],
		['muaf', 'mùa'],
		['quar', 'quả'],
		['gias', 'giá'],
		['gif', 'gì'],
		['tieengs', 'tiếng'],
		['vieetj', 'việt'],
		['nguyeenx', 'nguyễn'],
		['cuwus', 'cứu'],
		['huouw', 'hươu'],
		['khoer', 'khoẻ'],
		['ddaats', 'đất'],
		['hocj', 'học'],
		['hoocj', 'hộc'],
		['trinhf', 'trình'],
		['tuwj', 'tự'],
		['thur tucj', 'thủ tục']
	])('%s → %s', (keys, word) => {
		expect(telex(keys)).toBe(word.normalize('NFC'));
	});

	it('types the issue example key by key: "chowf laau" → "chờ lâu"', () => {
		expect(telex('chowf laau')).toBe('chờ lâu');
	});

	it('gives NFC text, one code point per accented letter, as the server stores it', () => {
		for (const word of ['đường', 'người', 'khuyến', 'quốc', 'thuỷ', 'chờ lâu']) {
			const typed = telex(
				{
					đường: 'dduwowngf',
					người: 'nguowif',
					khuyến: 'khuyeens',
					quốc: 'quoocs',
					thuỷ: 'thuyr',
					'chờ lâu': 'chowf laau'
				}[word] ?? ''
			);
			expect(typed).toBe(word.normalize('NFC'));
			expect([...typed]).toHaveLength([...word.normalize('NFC')].length);
		}
	});

	it('places the tone the modern way (thuỷ, hoà), and search finds the old spelling (thủy, hòa) all the same', () => {
		expect(telex('thuyr')).toBe('thuỷ');
		expect(telex('hoaf')).toBe('hoà');
		expect(fold(telex('thuyr'))).toBe(fold('thủy'));
		expect(fold(telex('hoaf'))).toBe(fold('hòa'));
	});

	it('keeps upper case', () => {
		expect(telex('DDUWOWNGF')).toBe('ĐƯỜNG');
		expect(telex('Vieetj Nam')).toBe('Việt Nam');
	});

	it('moves the tone as the syllable grows', () => {
		expect(telex('hoaf')).toBe('hoà');
		expect(typeTelex('hoà', 'n')).toBe('hoàn');
		expect(typeTelex('tù', 'o')).toBe('tùo'.normalize('NFC'));
	});

	it('takes a key back when it is typed twice, and z takes the tone off', () => {
		expect(telex('ass')).toBe('as');
		expect(telex('aaa')).toBe('aa');
		expect(telex('choww')).toBe('chow');
		expect(telex('ddd')).toBe('dd');
		expect(telex('asz')).toBe('a');
	});

	it('w alone types ư', () => {
		expect(telex('w')).toBe('ư');
		expect(telex('tw')).toBe('tư');
	});

	it('leaves words that are not Vietnamese syllables alone, and digits and punctuation as they are', () => {
		expect(telex('hello')).toBe('hello');
		expect(telex('phai cho 30 phut.')).toBe('phai cho 30 phut.');
	});
});

describe('the visible tone and mark row', () => {
	it('puts a tone on the last syllable, in the right place, and takes it off', () => {
		expect(setTone('cho', 'f')).toBe('chò');
		expect(setTone('phai cho', 'x')).toBe('phai chõ');
		expect(setTone('thuy', 'r')).toBe('thuỷ');
		expect(setTone('chờ', null)).toBe('chơ');
		expect(setTone('chờ', 's')).toBe('chớ');
		expect(setTone('123', 's')).toBe('123');
	});

	it('changes the last matching letter of the last syllable', () => {
		expect(setMark('cho', 'ơ')).toBe('chơ');
		expect(setMark('lau', 'â')).toBe('lâu');
		expect(setMark('duong', 'đ')).toBe('đuong');
		expect(setMark('chò', 'ơ')).toBe('chờ');
		expect(setMark('xyz', 'ơ')).toBe('xyz');
	});

	it("builds the issue's words from plain letters and taps on the row", () => {
		expect(tapTone(tapMark('cho', 'ơ'), 'f')).toBe('chờ');
		expect(tapMark('lau', 'â')).toBe('lâu');
		expect(tapMark(tapTone('nguoi', 'f'), 'ư')).toBe('người');
		expect(tapTone(tapMark(tapMark('duong', 'đ'), 'ơ'), 'f')).toBe('đường');
		expect(tapTone(tapMark('quoc', 'ô'), 's')).toBe('quốc');
		expect(tapTone(tapMark('khuyen', 'ê'), 's')).toBe('khuyến');
		expect(tapTone('thuy', 'r')).toBe('thuỷ');
		expect(tapTone('a', 's')).toBe('á');
	});

	it('a second tap on the same tone or mark takes it back off; another tone replaces it', () => {
		expect(tapTone('chờ', 'f')).toBe('chơ');
		expect(tapTone('chờ', 's')).toBe('chớ');
		expect(tapMark('lâu', 'â')).toBe('lau');
		expect(tapMark('cô', 'ơ')).toBe('cơ');
	});

	it('a mark with no matching letter in the last word types the marked letter, and a tone with no vowel does nothing', () => {
		expect(tapMark('ng', 'ư')).toBe('ngư');
		expect(tapMark('', 'đ')).toBe('đ');
		expect(tapMark('phai ', 'ơ')).toBe('phai ơ');
		expect(tapTone('phai ', 's')).toBe('phai ');
		expect(tapTone('', 'j')).toBe('');
	});
});
