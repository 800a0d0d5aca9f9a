import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	formatAge,
	formatBytes,
	formatCount,
	formatDate,
	formatDecimal,
	formatInstant,
	formatInt,
	formatPercent,
	formatRate,
	percentDecimals
} from './numbers';

describe('formatInt', () => {
	it("groups thousands with '.' as the seeds do", () => {
		expect([6600, 1894, 0, 543, 1_234_567, -1234].map(formatInt)).toEqual([
			'6.600',
			'1.894',
			'0',
			'543',
			'1.234.567',
			'-1.234'
		]);
	});

	it('reads back to the same integer for any integer', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				(n) => Number(formatInt(n).replaceAll('.', '')) === n
			)
		);
	});
});

describe('formatCount', () => {
	it('writes counts under ten with a leading zero in prose (01 hồ sơ), zero as 0', () => {
		expect([0, 1, 4, 9, 10, 57, 6543].map(formatCount)).toEqual([
			'0',
			'01',
			'04',
			'09',
			'10',
			'57',
			'6.543'
		]);
	});
});

describe('formatDecimal', () => {
	it("uses ',' for decimals and drops trailing zeros", () => {
		expect(formatDecimal(97.76, 2)).toBe('97,76');
		expect(formatDecimal(1.5, 2)).toBe('1,5');
		expect(formatDecimal(2.004, 2)).toBe('2');
		expect(formatDecimal(12345.678, 1)).toBe('12.345,7');
		expect(formatDecimal(-1.25, 1)).toBe('-1,3');
	});
});

describe('formatPercent, by seed 001 rate row', () => {
	it("reproduces seed 001's rates from its own counts (6.600 received)", () => {
		const share = (n: number) => (100 * n) / 6600;
		// (3) (7) (8) (9) (10) (12) (13) (14) (15) (16), as the seed prints them.
		expect([6600, 6543, 6498, 0, 1, 26, 57, 47, 0, 10].map((n) => formatPercent(share(n)))).toEqual(
			['100%', '99,1%', '98,5%', '0%', '0,02%', '0,4%', '0,9%', '0,7%', '0%', '0,2%']
		);
	});

	it("gives seed 001's '0,27%' (18 of 6.600) one decimal, as its own rule says", () => {
		expect(formatPercent((100 * 18) / 6600)).toBe('0,3%');
	});

	it('drops the decimal when the rounded figure is whole', () => {
		expect(formatPercent(99.04)).toBe('99%');
		expect(formatPercent(50)).toBe('50%');
	});

	it('never prints a share that is not zero as 0%, nor one that is not all as 100%', () => {
		expect(formatPercent(0.004)).toBe('<0,01%');
		expect(formatPercent(0.05)).toBe('0,05%');
		expect(formatPercent((100 * 6498) / 6499)).toBe('99,98%');
		expect(formatPercent(99.999)).toBe('>99,99%');
		expect(formatPercent(99.94)).toBe('99,9%');
		fc.assert(
			fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (p) => {
				const text = formatPercent(p);
				return (text === '0%') === (p === 0) && (text === '100%') === (p === 100);
			})
		);
	});

	it('tells how many decimals it showed, for spreadsheet number formats', () => {
		expect([100, 99.136, 0.01515, 0.004, 0].map(percentDecimals)).toEqual([0, 1, 2, 2, 0]);
	});

	it('prints a dash for a rate that does not exist', () => {
		expect(formatRate(null)).toBe('—');
		expect(formatRate(95)).toBe('95%');
	});
});

describe('formatDate', () => {
	it('pads days under 10 and the months 1 and 2 only, as Nghị định 30/2020 and seed 001 write dates', () => {
		expect(
			['2025-12-15', '2026-06-14', '2025-06-09', '2026-02-27', '2026-01-05', '2026-03-04'].map(
				formatDate
			)
		).toEqual(['15/12/2025', '14/6/2026', '09/6/2025', '27/02/2026', '05/01/2026', '04/3/2026']);
	});

	it('writes an instant in Việt Nam time', () => {
		expect(formatInstant('2026-06-14T17:30:00.000Z')).toBe('00:30 ngày 15/6/2026');
	});
});

describe('formatBytes and formatAge', () => {
	it('writes a backup file size in kB under a megabyte, else with one decimal', () => {
		expect([0, 800, 870_400, 6_710_886, 1_288_490_189].map(formatBytes)).toEqual([
			'1 kB',
			'1 kB',
			'850 kB',
			'6,4 MB',
			'1,2 GB'
		]);
	});

	it('says how long ago in the largest whole unit', () => {
		const m = 60_000;
		expect(
			[0, 59_999, 5 * m, 59 * m, 60 * m, 23 * 60 * m + 59 * m, 24 * 60 * m, 50 * 60 * m].map(
				formatAge
			)
		).toEqual([
			'vừa xong',
			'vừa xong',
			'5 phút trước',
			'59 phút trước',
			'1 giờ trước',
			'23 giờ trước',
			'1 ngày trước',
			'2 ngày trước'
		]);
	});
});
