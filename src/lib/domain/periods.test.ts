import { describe, expect, it } from 'vitest';
import { atLocal } from './vn-time';
import {
	arrivedAfterReport,
	customPeriod,
	dayNumber,
	period,
	periodFields,
	nameOf,
	periodContaining,
	previousPeriod,
	resolvePeriod
} from './periods';

const range = (p: { from: string; to: string }) => `${p.from}..${p.to}`;

describe('report periods', () => {
	it("the seeds' month closes on the 14th: Tháng 5/2026 is 15/04 – 14/05, Tháng 1 starts in December", () => {
		expect(period('month', 'chot-14', 2026, 5)).toMatchObject({
			from: '2026-04-15',
			to: '2026-05-14',
			label: 'Tháng 5/2026'
		});
		expect(range(period('month', 'chot-14', 2026, 1))).toBe('2025-12-15..2026-01-14');
		expect(range(period('month', 'chot-14', 2026, 3))).toBe('2026-02-15..2026-03-14');
	});

	it('calendar months, quarters, halves and years end on their last day, leap years included', () => {
		expect(range(period('month', 'lich', 2028, 2))).toBe('2028-02-01..2028-02-29');
		expect(range(period('month', 'lich', 2026, 2))).toBe('2026-02-01..2026-02-28');
		expect(period('quarter', 'lich', 2026, 1)).toMatchObject({
			from: '2026-01-01',
			to: '2026-03-31',
			label: 'Quý I/2026'
		});
		expect(range(period('half', 'lich', 2026, 2))).toBe('2026-07-01..2026-12-31');
		expect(range(period('year', 'lich', 2026))).toBe('2026-01-01..2026-12-31');
	});

	it('the half-year of the seeds runs 15/12 – 14/06; the second half 15/06 – 14/12; the year 15/12 – 14/12', () => {
		expect(period('half', 'chot-14', 2026, 1)).toMatchObject({
			from: '2025-12-15',
			to: '2026-06-14',
			label: '6 tháng đầu năm 2026'
		});
		expect(period('half', 'chot-14', 2026, 2)).toMatchObject({
			from: '2026-06-15',
			to: '2026-12-14',
			label: '6 tháng cuối năm 2026'
		});
		expect(range(period('quarter', 'chot-14', 2026, 4))).toBe('2026-09-15..2026-12-14');
		expect(range(period('year', 'chot-14', 2026))).toBe('2025-12-15..2026-12-14');
	});

	it('each period is compared with the one just before it, across year ends', () => {
		expect(range(previousPeriod(period('month', 'chot-14', 2026, 1)))).toBe(
			'2025-11-15..2025-12-14'
		);
		expect(range(previousPeriod(period('quarter', 'lich', 2026, 1)))).toBe(
			'2025-10-01..2025-12-31'
		);
		expect(range(previousPeriod(period('half', 'chot-14', 2026, 1)))).toBe(
			'2025-06-15..2025-12-14'
		);
		expect(range(previousPeriod(period('year', 'lich', 2026)))).toBe('2025-01-01..2025-12-31');
		expect(range(previousPeriod(period('month', 'lich', 2026, 3)))).toBe('2026-02-01..2026-02-28');
	});

	it('a custom range is compared with as many days just before it', () => {
		const p = customPeriod('2026-04-13', '2026-05-13');
		expect(p.label).toBe('Từ ngày 13/04/2026 đến ngày 13/05/2026');
		expect(range(previousPeriod(p))).toBe('2026-03-13..2026-04-12');
		expect(() => customPeriod('2026-05-14', '2026-05-13')).toThrow(RangeError);
		expect(() => customPeriod('2026-02-30', '2026-03-01')).toThrow(RangeError);
	});

	it('a day belongs to the period that holds it: the 15th already counts for next month', () => {
		expect(periodContaining('month', 'chot-14', '2026-05-14').label).toBe('Tháng 5/2026');
		expect(periodContaining('month', 'chot-14', '2026-05-15').label).toBe('Tháng 6/2026');
		expect(periodContaining('year', 'chot-14', '2026-12-20').label).toBe('Năm 2027');
		expect(periodContaining('quarter', 'lich', '2026-05-15').label).toBe('Quý II/2026');
	});

	it('consecutive periods tile the calendar: no day missing, none twice', () => {
		for (const kind of ['month', 'quarter', 'half', 'year'] as const)
			for (const style of ['chot-14', 'lich'] as const) {
				let p = period(kind, style, 2030, 1);
				for (let i = 0; i < 30; i++) {
					const before = previousPeriod(p);
					expect(dayNumber(before.to) + 1, `${kind} ${style} ${p.label}`).toBe(dayNumber(p.from));
					p = before;
				}
			}
	});
});

describe('resolvePeriod', () => {
	it('names a standard period by its dates, in either style, and anything else as a custom range', () => {
		expect(resolvePeriod('2026-04-15', '2026-05-14')).toMatchObject({
			kind: 'month',
			style: 'chot-14',
			label: 'Tháng 5/2026'
		});
		expect(resolvePeriod('2026-04-01', '2026-06-30')).toMatchObject({
			kind: 'quarter',
			style: 'lich',
			label: 'Quý II/2026'
		});
		expect(resolvePeriod('2025-12-15', '2026-06-14')).toMatchObject({
			kind: 'half',
			label: '6 tháng đầu năm 2026'
		});
		expect(resolvePeriod('2026-01-01', '2026-12-31')).toMatchObject({
			kind: 'year',
			style: 'lich',
			label: 'Năm 2026'
		});
		expect(resolvePeriod('2026-04-13', '2026-05-13')).toMatchObject({
			kind: 'custom',
			label: 'Từ ngày 13/04/2026 đến ngày 13/05/2026'
		});
		expect(() => resolvePeriod('2026-05-14', '2026-04-15')).toThrow(RangeError);
		expect(() => resolvePeriod('2026-02-30', '2026-03-14')).toThrow(RangeError);
	});
});

describe('periodFields', () => {
	it('a report carries a month or a range as its five fields, and nothing else a caller put on it', () => {
		const month = { ...period('month', 'chot-14', 2026, 5), note: 'not for the report' };
		expect(periodFields(month)).toStrictEqual({
			kind: 'month',
			style: 'chot-14',
			from: '2026-04-15',
			to: '2026-05-14',
			label: 'Tháng 5/2026'
		});
		expect(periodFields(customPeriod('2026-03-01', '2026-03-10'))).toStrictEqual({
			kind: 'custom',
			style: 'lich',
			from: '2026-03-01',
			to: '2026-03-10',
			label: 'Từ ngày 01/03/2026 đến ngày 10/03/2026'
		});
	});
});

describe('nameOf', () => {
	it('gives the year and index a period is named by, closing month first', () => {
		expect(nameOf(period('month', 'chot-14', 2026, 1))).toEqual({ year: 2026, index: 1 });
		expect(nameOf(period('quarter', 'lich', 2026, 2))).toEqual({ year: 2026, index: 2 });
		expect(nameOf(period('half', 'chot-14', 2026, 2))).toEqual({ year: 2026, index: 2 });
		expect(nameOf(period('year', 'chot-14', 2026))).toEqual({ year: 2026, index: 1 });
	});
});

describe('arrivedAfterReport', () => {
	const at = (local: string) => atLocal(local).getTime();

	it('a rating of 10 October reaching the server after 19 October lands in a month already reported', () => {
		expect(arrivedAfterReport(at('2026-10-10T09:00:00'), at('2026-10-19T23:59:00'))).toBe(false);
		expect(arrivedAfterReport(at('2026-10-10T09:00:00'), at('2026-10-20T00:01:00'))).toBe(true);
	});

	it('from the 15th a day belongs to the next month, reported by the 19th of that one', () => {
		expect(arrivedAfterReport(at('2026-10-15T09:00:00'), at('2026-11-19T17:00:00'))).toBe(false);
		expect(arrivedAfterReport(at('2026-12-20T09:00:00'), at('2027-01-20T08:00:00'))).toBe(true);
	});
});
