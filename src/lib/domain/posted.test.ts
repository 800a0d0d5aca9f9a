import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
	fieldUsage,
	MAX_PINS,
	movePin,
	NO_CHOICES,
	orderFields,
	postedProcedures,
	PostedRules,
	type PostedChoices
} from './posted';

const p = (code: string, field: string, ...levels: string[]) => ({ code, field, levels });
const CATALOGUE = [
	p('1', 'Hộ tịch', 'xa'),
	p('2', 'Hộ tịch', 'xa', 'tinh'),
	p('3', 'Hộ tịch', 'tinh'),
	p('4', 'Hải quan', 'bo'),
	p('5', 'Đất đai', 'xa'),
	p('6', 'Đất đai', 'tinh')
];
const codes = (list: { code: string }[]) => list.map((x) => x.code);
const choices = (c: Partial<PostedChoices>): PostedChoices => ({ ...NO_CHOICES, ...c });

describe('the posted list', () => {
	it('by default holds the procedures carried out at the center’s own level', () => {
		expect(codes(postedProcedures(CATALOGUE, NO_CHOICES, 'xa'))).toEqual(['1', '2', '5']);
		expect(codes(postedProcedures(CATALOGUE, NO_CHOICES, 'tinh'))).toEqual(['2', '3', '6']);
	});

	it('a commune center with the demo catalogue posts 589 of 2,643 procedures by default', () => {
		const rows: Record<string, string>[] = parse(readFileSync('demo/tthc-catalogue.csv'), {
			columns: true,
			bom: true
		});
		const all = rows.map((r) =>
			p(r.ma_thu_tuc, r.linh_vuc, ...(r.cap_thuc_hien.includes('Cấp xã') ? ['xa'] : ['other']))
		);
		expect(all).toHaveLength(2643);
		const posted = postedProcedures(all, NO_CHOICES, 'xa');
		expect(posted).toHaveLength(589);
		expect(new Set(posted.map((x) => x.field)).has('Hộ tịch')).toBe(true);
	});

	it('a field hidden whole takes all its procedures away, a field shown whole posts those of every level', () => {
		const c = choices({
			fields: [
				{ field: 'Hộ tịch', shown: false, counter: '' },
				{ field: 'Đất đai', shown: true, counter: '' }
			]
		});
		expect(codes(postedProcedures(CATALOGUE, c, 'xa'))).toEqual(['5', '6']);
	});

	it('a field left to the default with only a counter set changes nothing', () => {
		const c = choices({ fields: [{ field: 'Hộ tịch', shown: null, counter: 'Quầy 3' }] });
		expect(codes(postedProcedures(CATALOGUE, c, 'xa'))).toEqual(['1', '2', '5']);
	});

	it("a single procedure's choice wins over its field's and over the level", () => {
		const c = choices({
			fields: [{ field: 'Hộ tịch', shown: false, counter: '' }],
			procedures: [
				{ code: '2', shown: true },
				{ code: '4', shown: true },
				{ code: '5', shown: false }
			]
		});
		const rules = new PostedRules(c, 'xa');
		expect(codes(postedProcedures(CATALOGUE, c, 'xa'))).toEqual(['2', '4']);
		expect(rules.state(CATALOGUE[0])).toEqual({ posted: false, reason: 'field' });
		expect(rules.state(CATALOGUE[1])).toEqual({ posted: true, reason: 'procedure' });
		expect(rules.state(CATALOGUE[5])).toEqual({ posted: false, reason: 'level' });
	});
});

describe('the order of fields', () => {
	const fields = [
		{ field: 'Hải quan' },
		{ field: 'Chứng thực' },
		{ field: 'Hộ tịch' },
		{ field: 'Đất đai' },
		{ field: 'Bảo trợ xã hội' }
	];
	const names = (list: { field: string }[]) => list.map((f) => f.field);

	it('with no pins and no use is alphabetical, never by size', () => {
		expect(names(orderFields(fields, [], new Map()))).toEqual([
			'Bảo trợ xã hội',
			'Chứng thực',
			'Đất đai',
			'Hải quan',
			'Hộ tịch'
		]);
	});

	it('puts pinned fields first in the center’s order, then the most used', () => {
		const usage = new Map([
			['Chứng thực', 40],
			['Đất đai', 90]
		]);
		expect(names(orderFields(fields, ['Hộ tịch', 'Hải quan', 'Không còn'], usage))).toEqual([
			'Hộ tịch',
			'Hải quan',
			'Đất đai',
			'Chứng thực',
			'Bảo trợ xã hội'
		]);
	});

	it('counts views and scans of a field’s procedures and its dossiers as its use', () => {
		const usage = fieldUsage(CATALOGUE, { '1': 3, '2': 4, '5': 1 }, { 'Đất đai': 10, Thuế: 2 });
		expect(Object.fromEntries(usage)).toEqual({ 'Hộ tịch': 7, 'Đất đai': 11, Thuế: 2 });
	});
});

describe('moving pins', () => {
	it('pins at the end, moves up and down, and unpins', () => {
		let pins = movePin([], 'A', 'pin');
		pins = movePin(pins as string[], 'B', 'pin');
		expect(pins).toEqual(['A', 'B']);
		expect(movePin(['A', 'B', 'C'], 'C', 'up')).toEqual(['A', 'C', 'B']);
		expect(movePin(['A', 'B', 'C'], 'A', 'down')).toEqual(['B', 'A', 'C']);
		expect(movePin(['A', 'B'], 'A', 'up')).toEqual(['A', 'B']);
		expect(movePin(['A', 'B'], 'A', 'unpin')).toEqual(['B']);
	});

	it(`refuses a ${MAX_PINS + 1}th pin with a message, and a move of a field not pinned`, () => {
		const full = Array.from({ length: MAX_PINS }, (_, i) => `F${i}`);
		expect(movePin(full, 'X', 'pin')).toEqual({
			error: 'Đã ghim đủ 8 lĩnh vực. Hãy bỏ ghim một lĩnh vực trước.'
		});
		expect(movePin(full, 'F0', 'pin')).toEqual(full);
		expect(movePin(['A'], 'B', 'up')).toEqual({ error: 'Lĩnh vực này chưa được ghim.' });
	});
});
