import { describe, expect, it } from 'vitest';
import {
	chooseRange,
	datesBetween,
	formatClock,
	heatHours,
	kpiChanges,
	plottedDates,
	previousSpan,
	rateFigure,
	refreshSeconds,
	shade,
	weeksOf,
	type Kpi
} from './dashboard';
import { localDate } from './vn-time';

const q = (s: string) => new URLSearchParams(s);
const span = (c: ReturnType<typeof chooseRange>) => [c.period.from, c.period.to, c.preset, c.error];

describe('chooseRange', () => {
	it('with nothing asked, shows this report month, 15th to 14th', () => {
		expect(span(chooseRange(q(''), '2026-11-23'))).toEqual([
			'2026-11-15',
			'2026-12-14',
			'this-month',
			null
		]);
		expect(span(chooseRange(q(''), '2026-11-14'))).toEqual([
			'2026-10-15',
			'2026-11-14',
			'this-month',
			null
		]);
	});

	it('a range outside the reportable years falls back to this month with a message (issue 10)', () => {
		const [, , preset, error] = span(chooseRange(q('from=9999-01-01&to=9999-12-31'), '2026-11-23'));
		expect(preset).toBe('this-month');
		expect(error).toBe('Ngày bắt đầu phải trong khoảng 01/01/2000 – 31/12/2099.');
		expect(span(chooseRange(q('from=2026-01-01&to=2100-01-01'), '2026-11-23'))[3]).toMatch(
			/Ngày kết thúc phải trong khoảng/
		);
	});

	it('presets: previous month, this quarter and this year in the same style', () => {
		expect(span(chooseRange(q('range=previous-month'), '2026-11-23'))).toEqual([
			'2026-10-15',
			'2026-11-14',
			'previous-month',
			null
		]);
		expect(span(chooseRange(q('range=this-quarter'), '2026-11-23'))).toEqual([
			'2026-09-15',
			'2026-12-14',
			'this-quarter',
			null
		]);
		expect(span(chooseRange(q('range=this-year'), '2026-11-23'))).toEqual([
			'2025-12-15',
			'2026-12-14',
			'this-year',
			null
		]);
		// From 15 December the next year's report has begun.
		expect(span(chooseRange(q('range=this-year'), '2026-12-15'))).toEqual([
			'2026-12-15',
			'2027-12-14',
			'this-year',
			null
		]);
	});

	it('custom dates are taken as they are', () => {
		expect(span(chooseRange(q('from=2026-01-01&to=2026-03-31'), '2026-11-23'))).toEqual([
			'2026-01-01',
			'2026-03-31',
			'custom',
			null
		]);
		expect(span(chooseRange(q('from=2026-05-05&to=2026-05-05'), '2026-11-23'))).toEqual([
			'2026-05-05',
			'2026-05-05',
			'custom',
			null
		]);
	});

	it('a bad request falls back to this month and says why in Vietnamese', () => {
		const cases: [string, RegExp][] = [
			['from=2026-02-30&to=2026-03-01', /Ngày bắt đầu không hợp lệ/],
			['from=2026-02-01', /Ngày kết thúc không hợp lệ/],
			['from=2026-03-02&to=2026-03-01', /phải trước hoặc bằng/],
			['from=2024-01-01&to=2026-01-01', /dài quá 400 ngày/],
			['range=forever', /Khoảng thời gian không hợp lệ/]
		];
		for (const [query, message] of cases) {
			const c = chooseRange(q(query), '2026-11-23');
			expect(c.error, query).toMatch(message);
			expect([c.period.from, c.period.to, c.preset], query).toEqual([
				'2026-11-15',
				'2026-12-14',
				'this-month'
			]);
		}
	});
});

describe('dashboard helpers', () => {
	it('the local date turns at 17:00 UTC', () => {
		expect(localDate(new Date('2026-11-14T16:59:59Z'))).toBe('2026-11-14');
		expect(localDate(new Date('2026-11-14T17:00:00Z'))).toBe('2026-11-15');
	});

	it('a rate against its target: none when nothing counted, met at exactly the target', () => {
		expect(rateFigure(0, 0, 95)).toEqual({
			counted: 0,
			satisfied: 0,
			rate: null,
			target: 95,
			met: null
		});
		expect(rateFigure(20, 19, 95)).toEqual({
			counted: 20,
			satisfied: 19,
			rate: 95,
			target: 95,
			met: true
		});
		expect(rateFigure(21, 19, 95).met).toBe(false);
	});

	it('weeks start on Monday, and a month-end week is cut at the period', () => {
		const days = datesBetween('2026-11-13', '2026-11-24').map((date, i) => ({
			date,
			counted: 2,
			satisfied: i % 2
		}));
		expect(weeksOf(days).map((w) => [w.from, w.to, w.counted, w.satisfied, w.rate])).toEqual([
			['2026-11-13', '2026-11-15', 6, 1, (100 * 1) / 6],
			['2026-11-16', '2026-11-22', 14, 4, (100 * 4) / 14],
			['2026-11-23', '2026-11-24', 4, 1, 25]
		]);
	});

	it('the refresh interval is 15 s unless a sane one is asked for', () => {
		expect(refreshSeconds(q(''))).toBe(15);
		expect(refreshSeconds(q('refresh=2'))).toBe(2);
		expect(refreshSeconds(q('refresh=1'))).toBe(15);
		expect(refreshSeconds(q('refresh=abc'))).toBe(15);
	});

	it('the update time is said in the center’s zone', () => {
		expect(formatClock('2026-11-23T02:05:09.000Z')).toBe('09:05:09');
		expect(formatClock('2026-11-23T17:00:00.000Z')).toBe('00:00:00');
	});

	it('heat shades scale to the busiest hour; the hours shown widen office hours to every hour with ratings', () => {
		expect([0, 1, 25, 26, 50, 99, 100].map((n) => shade(n, 100))).toEqual([0, 1, 1, 2, 2, 4, 4]);
		expect(shade(3, 0)).toBe(0);
		const heat = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
		expect(heatHours(heat)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
		heat[5][23] = 1;
		heat[0][6] = 2;
		expect(heatHours(heat)).toEqual(Array.from({ length: 18 }, (_, i) => i + 6));
	});
});

describe('the plotted days and the previous period', () => {
	it('a running period is plotted up to today, never with days to come as zeros', () => {
		expect(plottedDates('2026-11-15', '2026-12-14', '2026-11-18')).toEqual([
			'2026-11-15',
			'2026-11-16',
			'2026-11-17',
			'2026-11-18'
		]);
		expect(plottedDates('2026-10-15', '2026-11-14', '2026-12-02')).toHaveLength(31);
		expect(plottedDates('2027-01-01', '2027-01-31', '2026-12-02')).toEqual([]);
	});

	it('compares with as many days just before the period as it has run', () => {
		expect(previousSpan('2026-11-15', '2026-12-14', '2026-11-18')).toEqual({
			from: '2026-11-11',
			to: '2026-11-14'
		});
		expect(previousSpan('2026-03-01', '2026-03-31', '2026-12-02')).toEqual({
			from: '2026-01-29',
			to: '2026-02-28'
		});
		expect(previousSpan('2027-01-01', '2027-01-31', '2026-12-02')).toBeNull();
	});
});

describe('kpiChanges', () => {
	const kpi = (over: Partial<Kpi> = {}): Kpi => ({
		rate: 90,
		counted: 100,
		flagged: 2,
		received: 50,
		resolved: 40,
		onTimeRate: 95,
		overduePending: 1,
		qrScans: 7,
		...over
	});

	it('says rates in percentage points and counts in units, with their sign', () => {
		const c = kpiChanges(kpi({ rate: 93.2, counted: 88, qrScans: 1_207 }), kpi());
		expect(c.rate).toBe('+3,2 điểm so với kỳ trước');
		expect(c.counted).toBe('−12 so với kỳ trước');
		expect(c.qrScans).toBe('+1.200 so với kỳ trước');
		expect(c.flagged).toBe('Bằng kỳ trước');
	});

	it('says nothing where either period has no figure', () => {
		expect(kpiChanges(kpi({ rate: null }), kpi()).rate).toBeNull();
		expect(kpiChanges(kpi(), kpi({ onTimeRate: null })).onTimeRate).toBeNull();
		expect(Object.values(kpiChanges(kpi(), null)).every((v) => v === null)).toBe(true);
	});

	it('a rate change that rounds to nothing is no change', () => {
		expect(kpiChanges(kpi({ rate: 90.04 }), kpi()).rate).toBe('Bằng kỳ trước');
	});
});
