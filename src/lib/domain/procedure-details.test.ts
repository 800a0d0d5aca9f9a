import { describe, it, expect } from 'vitest';
import {
	counterFor,
	counterLabel,
	lines,
	normaliseCounter,
	published,
	readAloudText
} from './procedure-details';

const khaiSinh = {
	name: 'Đăng ký khai sinh',
	field: 'Hộ tịch',
	fee: 'Miễn lệ phí',
	documents: ['Tờ khai đăng ký khai sinh theo mẫu.', 'Giấy chứng sinh'],
	counter: '3'
};

describe('the counter of a procedure', () => {
	it('a procedure without its own counter is served at the counter the center set for its field', () => {
		const counters = { 'Hộ tịch': '5' };
		expect(counterLabel(counterFor({ field: 'Hộ tịch' }, counters))).toBe('Nộp tại quầy số 5');
		expect(counterLabel(counterFor({ field: 'Hộ tịch', counter: '3' }, counters))).toBe(
			'Nộp tại quầy số 3'
		);
		expect(counterFor({ field: 'Đất đai' }, counters)).toBe('');
	});
	it('says "Nộp tại quầy số 3" for a number and names a named counter', () => {
		expect(counterLabel(counterFor(khaiSinh))).toBe('Nộp tại quầy số 3');
		expect(counterLabel('Hộ tịch – Chứng thực')).toBe('Nộp tại quầy Hộ tịch – Chứng thực');
	});

	it('says nothing when no counter is known, even for a copy stored before counters existed', () => {
		expect(counterLabel(counterFor({ field: 'Hộ tịch' }))).toBe('');
		expect(counterLabel(counterFor({ field: 'Hộ tịch', counter: '  ' }))).toBe('');
	});

	it('keeps what follows "Quầy" or "Quầy số" as people write the cell', () => {
		expect(normaliseCounter('Quầy số 3')).toBe('3');
		expect(normaliseCounter('quầy 12')).toBe('12');
		expect(normaliseCounter('QUẦY SỐ 4')).toBe('4');
		expect(normaliseCounter(' 5 ')).toBe('5');
		expect(normaliseCounter('Quầy Hộ tịch')).toBe('Hộ tịch');
		expect(normaliseCounter('')).toBe('');
	});
});

describe('a multi-line cell as a list', () => {
	it('gives one item per line, without bullets, numbering or blank lines', () => {
		expect(
			lines('- Tờ khai\n\n• Giấy chứng sinh\n2. Giấy tờ tùy thân\n  a) Bản chính  \n')
		).toEqual(['Tờ khai', 'Giấy chứng sinh', 'Giấy tờ tùy thân', 'Bản chính']);
	});

	it('keeps a number that is part of the text', () => {
		expect(lines('10.000 đồng/bản\nBước 1: nộp hồ sơ')).toEqual([
			'10.000 đồng/bản',
			'Bước 1: nộp hồ sơ'
		]);
	});
});

describe('what "Đọc to" says', () => {
	it('reads the name, time, fee, counter and documents in that order', () => {
		expect(readAloudText(khaiSinh, 'Ngay trong ngày')).toBe(
			'Đăng ký khai sinh. Thời hạn giải quyết: Ngay trong ngày. Phí, lệ phí: Miễn lệ phí. Nộp tại quầy số 3. ' +
				'Hồ sơ cần mang: 1. Tờ khai đăng ký khai sinh theo mẫu; 2. Giấy chứng sinh.'
		);
	});

	it('leaves out what the catalogue does not say', () => {
		expect(readAloudText({ name: 'Chứng thực bản sao', field: 'Chứng thực', fee: '' }, '')).toBe(
			'Chứng thực bản sao.'
		);
		expect(
			readAloudText(
				{ name: 'Đăng ký giám hộ', field: 'Hộ tịch', fee: 'Không có thông tin', documents: [] },
				''
			)
		).toBe('Đăng ký giám hộ.');
	});
});

describe('a catalogue text as shown', () => {
	it('is empty where the portal wrote that it has no information, so the page hides it', () => {
		expect(published('Không có thông tin')).toBe('');
		expect(published(' không có thông tin. ')).toBe('');
		expect(published('Ủy ban nhân dân cấp xã')).toBe('Ủy ban nhân dân cấp xã');
		expect(published('Không có phí')).toBe('Không có phí');
	});
});
