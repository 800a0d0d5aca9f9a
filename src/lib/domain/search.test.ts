import { describe, it, expect } from 'vitest';
import { buildIndex, search, type Searchable } from './search';
import { telex } from './telex';

const p = (code: string, name: string, popularity = 0): Searchable => ({ code, name, popularity });
const catalogue = [
	p('1.001193', 'Thủ tục đăng ký khai sinh'),
	p('1.000689', 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con'),
	p('1.003583', 'Thủ tục đăng ký khai sinh lưu động'),
	p('1.004884', 'Thủ tục đăng ký lại khai sinh'),
	p('2.000635', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh'),
	p('1.000894', 'Thủ tục đăng ký kết hôn'),
	p('1.001022', 'Thủ tục đăng ký kết hôn lưu động', 40),
	p('2.001193', 'Cấp giấy phép xây dựng'),
	p('1.001193.1', 'Thủ tục giả định có mã gần giống')
];
const index = buildIndex(catalogue);
const codes = (q: string) => search(index, q).items.map((i) => i.code);

describe('search', () => {
	it('finds a procedure typed without accents', () => {
		expect(codes('dang ky khai sinh')[0]).toBe('1.001193');
	});

	it('finds the same with accents, in composed or decomposed form', () => {
		const q = 'Đăng ký khai sinh';
		expect(codes(q.normalize('NFC'))[0]).toBe('1.001193');
		expect(codes(q.normalize('NFD'))[0]).toBe('1.001193');
	});

	it('stays accent-free whatever the on-screen keyboard composed: "cho", Telex "chờ" and a wrong tone find the same', () => {
		const waiting = buildIndex([
			p('1.005412', 'Thủ tục bán hàng miễn thuế cho người chờ xuất cảnh'),
			p('2.000001', 'Thủ tục đăng ký hộ kinh doanh')
		]);
		const found = (q: string) => search(waiting, q).items.map((i) => i.code);
		expect(telex('chowf xuaats')).toBe('chờ xuất');
		for (const q of ['cho xuat', telex('chowf xuaats'), 'chợ xuất', 'CHỜ XUẤT'.normalize('NFD')])
			expect(found(q), q).toEqual(['1.005412']);
		expect(found(telex('ddawng kys'))).toEqual(['2.000001']);
	});

	it('puts a whole procedure code first', () => {
		expect(codes('1.001193')[0]).toBe('1.001193');
		expect(codes('1.001193')).toContain('1.001193.1');
		expect(codes('2.001193')).toEqual(['2.001193']);
	});

	it('matches a code as it is typed', () => {
		expect(codes('1.0011')).toEqual(['1.001193', '1.001193.1']);
	});

	it('ranks names that start with the words before names that only contain them', () => {
		const result = codes('khai sinh');
		expect(result.indexOf('2.000635')).toBeGreaterThan(-1);
		expect(codes('dang ky lai')[0]).toBe('1.004884');
	});

	it('ranks shorter names higher among equal matches', () => {
		expect(codes('dang ky khai sinh').slice(0, 3)).toEqual(['1.001193', '1.003583', '1.000689']);
	});

	it('ranks commoner procedures higher among equal matches', () => {
		expect(codes('dang ky ket hon')).toEqual(['1.001022', '1.000894']);
	});

	it('matches every typed word as a word prefix, in any order', () => {
		expect(codes('sinh khai')).toEqual(expect.arrayContaining(['1.001193', '1.003583']));
		expect(codes('kh si lu do')).toEqual(['1.003583']);
	});

	it('matches as the last word is still being typed', () => {
		expect(codes('dang ky khai s')[0]).toBe('1.001193');
	});

	it('finds nothing for an empty or unrelated query', () => {
		expect(search(index, '   ').total).toBe(0);
		expect(search(index, 'xyzzy').total).toBe(0);
	});

	it('counts every match and returns at most the limit', () => {
		const r = search(index, 'thu tuc', { limit: 2 });
		expect(r.items).toHaveLength(2);
		expect(r.total).toBe(7);
	});

	it('skips items a filter excludes', () => {
		const r = search(index, 'dang ky', { where: (item) => item.code.startsWith('1.0008') });
		expect(r.items.map((i) => i.code)).toEqual(['1.000894']);
	});
});
