import { describe, expect, it } from 'vitest';
import { setMark, setTone, telex, typeTelex } from './telex';

describe('Telex on real words', () => {
	it.each([
		['dduwowngf', 'đường'],
		['dduowngf', 'đường'],
		['nguowif', 'người'],
		['khuyeens', 'khuyến'],
		['quoocs', 'quốc'],
		['thuyr', 'thuỷ'],
		['chowf', 'chờ'],
		['laau', 'lâu'],
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
});
