// The manager's dashboard (/admin): what it shows (the Dashboard type the server fills and the page draws), which
// period a request asks for, and the small calculations on already-aggregated figures (rates, weeks, shading).
import { formatDecimal, formatInt } from './numbers';
import {
	addDays,
	customPeriod,
	dayNumber,
	inReportRange,
	outOfRangeMessage,
	periodContaining,
	previousPeriod,
	type Period
} from './periods';
import type { IndexEstimate } from './service-index';
import type { ThroughputRow } from './throughput';
import { VN_ZONE } from './vn-time';

/** Satisfied ÷ counted as a percent, against a target. */
export interface RateFigure {
	counted: number;
	satisfied: number;
	/** null when nothing was counted. */
	rate: number | null;
	target: number;
	/** null when nothing was counted (no rate to hold against the target). */
	met: boolean | null;
}

export interface NamedRate extends RateFigure {
	/** Field or counter; '' for ratings without one. */
	name: string;
}

export interface DayFigures {
	date: string;
	counted: number;
	satisfied: number;
	rate: number | null;
	/** Dossiers received on this day (new, not carried over). */
	received: number;
	/** Dossiers finished (result, refusal or withdrawal) on this day. */
	resolved: number;
}

export interface WeekFigures {
	/** The week's first day inside the period (a Monday, or the period's first day). */
	from: string;
	/** The week's last day inside the period (a Sunday, or the period's last day). */
	to: string;
	counted: number;
	satisfied: number;
	rate: number | null;
}

export interface Dashboard {
	center: { name: string };
	period: { from: string; to: string };
	generatedAt: string;
	/** Counted ratings (flag IS NULL) against the center's target; flagged ones are only counted apart. */
	satisfaction: RateFigure & { flagged: number; late: number };
	/** The 16-column semantics of the report (PRODUCT.md), for the whole center. */
	dossiers: {
		/** (3): received in the period plus carried over. */
		received: number;
		/** (7): finished by the period's end. */
		resolved: number;
		early: number;
		onTime: number;
		late: number;
		rejected: number;
		withdrawn: number;
		/** (early + on time) ÷ (early + on time + late), percent; null with none of them. */
		onTimeRate: number | null;
		onTimeTarget: number;
		onTimeMet: boolean | null;
		/** (13), and (15): not finished by the period's end and past due (at the end, or today while the period runs). */
		pending: number;
		overduePending: number;
		overdueTarget: number;
		overdueMet: boolean;
		/** Where these figures come from: dossier records imported from files, and the sources typed in by hand. */
		sources: DossierSources;
	};
	/** QR codes scanned (the phone page /p/[code] opened). */
	qrScans: number;
	/** Every day of the period up to today, in order, zeros where nothing happened (days to come are not plotted). */
	days: DayFigures[];
	weeks: WeekFigures[];
	/** Fields in Vietnamese alphabetical order, each against its own target. */
	fields: NamedRate[];
	/** Counters in natural order (Quầy 2 before Quầy 10), against the overall target. */
	counters: NamedRate[];
	/** Counted ratings per local weekday (0 = Monday … 6 = Sunday) and hour (0-23). */
	heat: number[][];
	/** The most looked-up procedures: QR scans + kiosk views, at most 10. */
	top: { code: string; name: string; scans: number; views: number }[];
	/** Fields with counted ratings under their target, lowest rate first. */
	belowTarget: { name: string; rate: number; target: number }[];
	/** The estimate of the Decision 766 indicators the center's records for the period determine. */
	index: IndexEstimate;
	/** The same key figures for as many days just before the period as it has run so far; null before it starts. */
	previous: { from: string; to: string; kpi: Kpi } | null;
}

export interface DossierSources {
	records: boolean;
	/** The names of the sources whose figures for exactly this period were typed in by hand. */
	manual: string[];
}

/** Where the dossier figures come from, in words: 'Từ hồ sơ đã ghi và số liệu nhập tay (BHXH cơ sở).' */
export function sourcesNote({ records, manual }: DossierSources): string {
	const typed = manual.length > 0 ? `số liệu nhập tay (${manual.join(', ')})` : '';
	if (records && typed) return `Từ hồ sơ đã ghi và ${typed}.`;
	if (records) return 'Từ hồ sơ đã ghi.';
	if (typed) return `Từ ${typed}.`;
	return 'Chưa có hồ sơ đã ghi hay số liệu nhập tay cho khoảng thời gian này.';
}

/** The key figures the cards compare with the previous period. */
export interface Kpi {
	rate: number | null;
	counted: number;
	flagged: number;
	received: number;
	resolved: number;
	onTimeRate: number | null;
	overduePending: number;
	qrScans: number;
}

export function kpiOf(d: Pick<Dashboard, 'satisfaction' | 'dossiers' | 'qrScans'>): Kpi {
	const { satisfaction: s, dossiers: x } = d;
	return {
		rate: s.rate,
		counted: s.counted,
		flagged: s.flagged,
		received: x.received,
		resolved: x.resolved,
		onTimeRate: x.onTimeRate,
		overduePending: x.overduePending,
		qrScans: d.qrScans
	};
}

const RATES: readonly (keyof Kpi)[] = ['rate', 'onTimeRate'];

/**
 * Each key figure against the previous period, in words: rates in percentage points ("+3,2 điểm so với kỳ trước"),
 * counts in units ("−12 so với kỳ trước"); null where either side has no figure.
 */
export function kpiChanges(current: Kpi, previous: Kpi | null): Record<keyof Kpi, string | null> {
	const out = {} as Record<keyof Kpi, string | null>;
	for (const key of Object.keys(current) as (keyof Kpi)[]) {
		const now = current[key];
		const before = previous?.[key] ?? null;
		if (now === null || before === null) {
			out[key] = null;
			continue;
		}
		const rate = RATES.includes(key);
		const delta = rate ? Math.round((now - before) * 10) / 10 : now - before;
		if (delta === 0) {
			out[key] = 'Bằng kỳ trước';
			continue;
		}
		const size = rate ? `${formatDecimal(Math.abs(delta), 1)} điểm` : formatInt(Math.abs(delta));
		out[key] = `${delta > 0 ? '+' : '−'}${size} so với kỳ trước`;
	}
	return out;
}

/** The dates a chart plots: the period's, stopping at today (a day to come is not a day of zeros); none before it starts. */
export function plottedDates(from: string, to: string, today: string): string[] {
	return datesBetween(from, today < to ? today : to);
}

/** The span just before `from`, as long as the part of [from, to] already run by `today`; null when nothing has run. */
export function previousSpan(
	from: string,
	to: string,
	today: string
): { from: string; to: string } | null {
	const ran = plottedDates(from, to, today).length;
	return ran === 0 ? null : { from: addDays(from, -ran), to: addDays(from, -1) };
}

/** Seed 001's aim, which every seed repeats: all dossiers on time or early, none overdue. */
export const ON_TIME_TARGET = 100;
export const OVERDUE_TARGET = 0;

export function rateOf(satisfied: number, counted: number): number | null {
	return counted === 0 ? null : (100 * satisfied) / counted;
}

/** Dossiers resolved early or on time among those resolved by their due date or after it, percent; null with none. */
export function onTimeRateOf({ resolved }: ThroughputRow): number | null {
	return rateOf(resolved.early + resolved.onTime, resolved.early + resolved.onTime + resolved.late);
}

export function rateFigure(counted: number, satisfied: number, target: number): RateFigure {
	const rate = rateOf(satisfied, counted);
	return { counted, satisfied, rate, target, met: rate === null ? null : rate >= target };
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
	const start = dayNumber(from);
	const n = dayNumber(to) - start + 1;
	return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(from, i));
}

/** Days grouped into Monday-to-Sunday weeks, clipped to the days given (the period's first and last weeks may be short). */
export function weeksOf(days: Pick<DayFigures, 'date' | 'counted' | 'satisfied'>[]): WeekFigures[] {
	const weeks: WeekFigures[] = [];
	for (const day of days) {
		// 1970-01-01 was a Thursday: day number + 3 makes Monday 0.
		const monday = (dayNumber(day.date) + 3) % 7 === 0;
		let week = weeks.at(-1);
		if (!week || monday) {
			week = { from: day.date, to: day.date, counted: 0, satisfied: 0, rate: null };
			weeks.push(week);
		}
		week.to = day.date;
		week.counted += day.counted;
		week.satisfied += day.satisfied;
		week.rate = rateOf(week.satisfied, week.counted);
	}
	return weeks;
}

export const PRESETS = [
	{ id: 'this-month', label: 'Tháng này' },
	{ id: 'previous-month', label: 'Tháng trước' },
	{ id: 'this-quarter', label: 'Quý này' },
	{ id: 'this-year', label: 'Năm nay' }
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

/** A year and a bit: a year of chot-14 reports plus slack, and no more (a day chart of thousands of points says nothing). */
export const MAX_DAYS = 400;

export interface RangeChoice {
	period: Period;
	/** The preset chosen, or 'custom' for dates typed in. */
	preset: PresetId | 'custom';
	/** Why the request's range was refused (then `period` is the default, this month); null when it was fine. */
	error: string | null;
}

function presetPeriod(id: PresetId, today: string): Period {
	const month = periodContaining('month', 'chot-14', today);
	switch (id) {
		case 'this-month':
			return month;
		case 'previous-month':
			return previousPeriod(month);
		case 'this-quarter':
			return periodContaining('quarter', 'chot-14', today);
		case 'this-year':
			return periodContaining('year', 'chot-14', today);
	}
}

const isPreset = (id: string): id is PresetId => PRESETS.some((p) => p.id === id);

/**
 * The period a dashboard request asks for: `from` and `to` dates (custom), or a preset `range`; with neither, this
 * report month (15th to 14th). A bad request falls back to this month and says why, in Vietnamese.
 */
export function chooseRange(query: URLSearchParams, today: string): RangeChoice {
	const fallback = (error: string | null): RangeChoice => ({
		period: presetPeriod('this-month', today),
		preset: 'this-month',
		error
	});
	const from = query.get('from')?.trim() ?? '';
	const to = query.get('to')?.trim() ?? '';
	if (from !== '' || to !== '') {
		if (Number.isNaN(dayNumber(from)))
			return fallback('Ngày bắt đầu không hợp lệ: hãy chọn một ngày có thật (năm-tháng-ngày).');
		if (Number.isNaN(dayNumber(to)))
			return fallback('Ngày kết thúc không hợp lệ: hãy chọn một ngày có thật (năm-tháng-ngày).');
		if (!inReportRange(from)) return fallback(outOfRangeMessage('bắt đầu'));
		if (!inReportRange(to)) return fallback(outOfRangeMessage('kết thúc'));
		if (dayNumber(from) > dayNumber(to))
			return fallback('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
		if (dayNumber(to) - dayNumber(from) + 1 > MAX_DAYS)
			return fallback(`Khoảng thời gian dài quá ${MAX_DAYS} ngày: hãy chọn khoảng ngắn hơn.`);
		return { period: customPeriod(from, to), preset: 'custom', error: null };
	}
	const range = query.get('range');
	if (range === null || range === '') return fallback(null);
	if (!isPreset(range))
		return fallback(
			'Khoảng thời gian không hợp lệ: hãy chọn tháng này, tháng trước, quý này, năm nay hoặc nhập ngày.'
		);
	return { period: presetPeriod(range, today), preset: range, error: null };
}

/** How often the page asks for new figures: 15 s; `?refresh=N` (2-300 s) lets a test or a wall screen change it. */
export function refreshSeconds(query: URLSearchParams): number {
	const n = Number(query.get('refresh'));
	return Number.isInteger(n) && n >= 2 && n <= 300 ? n : 15;
}

/** A cell's shade in the heat map, 0 (none) to 4 (the busiest hour), so colour is never the only cue (numbers are shown too). */
export function shade(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
	if (count <= 0 || max <= 0) return 0;
	return Math.min(4, Math.ceil((4 * count) / max)) as 1 | 2 | 3 | 4;
}

/** The hours the heat map shows: office hours (7-17) widened to every hour with a rating. */
export function heatHours(heat: number[][]): number[] {
	let first = 7;
	let last = 17;
	for (const row of heat)
		row.forEach((n, hour) => {
			if (n > 0) {
				first = Math.min(first, hour);
				last = Math.max(last, hour);
			}
		});
	return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const CLOCK = new Intl.DateTimeFormat('vi-VN', {
	timeZone: VN_ZONE,
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** HH:mm:ss of a moment, in the center's time zone whatever the reader's computer says. */
export function formatClock(iso: string): string {
	return CLOCK.format(new Date(iso));
}
