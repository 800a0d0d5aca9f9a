// Report periods, as local dates 'YYYY-MM-DD' in Việt Nam (vn-time.ts), both ends included. Two styles:
// - 'chot-14' (the seeds' and Nghị định 09/2019's rule): a month runs from the 15th of the month before to the 14th,
//   so quý I is 15/12 – 14/3, 6 tháng đầu năm is 15/12 – 14/6 and the year 15/12 – 14/12;
// - 'lich' (calendar): 01/01 – 31/03, and so on.
// Each period has a previous one to compare with: the one just before of the same kind, or for a custom range the
// same number of days ending the day before it starts.

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';
export type PeriodStyle = 'chot-14' | 'lich';

export interface Period {
	kind: PeriodKind;
	style: PeriodStyle;
	from: string;
	to: string;
	/** Vietnamese, as a report's title says it: "Tháng 5/2026", "Quý II/2026", "6 tháng đầu năm 2026". */
	label: string;
}

import { localDate } from './vn-time';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ROMAN = ['I', 'II', 'III', 'IV'];
/** How many months each kind spans. */
const MONTHS: Record<Exclude<PeriodKind, 'custom'>, number> = {
	month: 1,
	quarter: 3,
	half: 6,
	year: 12
};

/** A date string as a UTC day number, or NaN when it is not a real calendar date. */
export function dayNumber(date: string): number {
	const m = ISO_DATE.exec(date);
	if (!m) return NaN;
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	// Date.UTC rolls 2026-02-30 over to March: a date that does not exist is refused.
	return new Date(t).toISOString().slice(0, 10) === date ? t / DAY_MS : NaN;
}

/**
 * The days a report or range may start or end on. Every period near them (the one before, a 'chot-14' month closing in
 * the next year) stays in four-digit years; at 9999-12-31 the next 'chot-14' month would not, and nobody reports on 1900.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

/** Whether `date` is a real 'YYYY-MM-DD' day between FIRST_DAY and LAST_DAY. */
export function inReportRange(date: string): boolean {
	return !Number.isNaN(dayNumber(date)) && date >= FIRST_DAY && date <= LAST_DAY;
}

/** The Vietnamese message for a date outside the range, naming which date it was ("bắt đầu", "kết thúc"). */
export const outOfRangeMessage = (name: string) =>
	`Ngày ${name} phải trong khoảng ${viDate(FIRST_DAY)} – ${viDate(LAST_DAY)}.`;

export function dateOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return dateOf(dayNumber(date) + days);
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY', as Vietnamese documents write dates. */
export function viDate(date: string): string {
	const [y, m, d] = date.split('-');
	return `${d}/${m}/${y}`;
}

/** The first day of month `month` (1-12, may run past either end) of `year`. */
function monthStart(year: number, month: number): string {
	return dateOf(Date.UTC(year, month - 1, 1) / DAY_MS);
}

function label(kind: Exclude<PeriodKind, 'custom'>, year: number, index: number): string {
	switch (kind) {
		case 'month':
			return `Tháng ${index}/${year}`;
		case 'quarter':
			return `Quý ${ROMAN[index - 1]}/${year}`;
		case 'half':
			return `6 tháng ${index === 1 ? 'đầu' : 'cuối'} năm ${year}`;
		case 'year':
			return `Năm ${year}`;
	}
}

/**
 * Period `index` of `year`: month 1-12, quarter 1-4, half 1-2, year 1. With 'chot-14' it is named by the month it
 * closes in: Tháng 1/2026 is 15/12/2025 – 14/01/2026.
 */
export function period(
	kind: Exclude<PeriodKind, 'custom'>,
	style: PeriodStyle,
	year: number,
	index = 1
): Period {
	const span = MONTHS[kind];
	if (!Number.isInteger(index) || index < 1 || index > 12 / span)
		throw new RangeError(`${kind} ${index} does not exist`);
	const firstMonth = (index - 1) * span + 1;
	const start = monthStart(year, firstMonth);
	const end = addDays(monthStart(year, firstMonth + span), -1);
	const shift = (date: string, months: number) => {
		const [y, m] = date.split('-').map(Number);
		return monthStart(y, m + months);
	};
	const from = style === 'lich' ? start : addDays(shift(start, -1), 14);
	const to = style === 'lich' ? end : addDays(shift(end, 0), 13);
	return { kind, style, from, to, label: label(kind, year, index) };
}

/** A custom range; from after to, or a date that does not exist, is a RangeError. */
export function customPeriod(from: string, to: string): Period {
	if (Number.isNaN(dayNumber(from)) || Number.isNaN(dayNumber(to)))
		throw new RangeError('a date is not YYYY-MM-DD');
	if (dayNumber(from) > dayNumber(to)) throw new RangeError('from is after to');
	return {
		kind: 'custom',
		style: 'lich',
		from,
		to,
		label: `Từ ngày ${viDate(from)} đến ngày ${viDate(to)}`
	};
}

/**
 * The period as a report carries it: exactly these five fields, copied, so a value typed Period that holds more (a
 * caller's own object) never leaks extra keys into the JSON the API and the files print.
 */
export function periodFields(p: Period): Period {
	return { kind: p.kind, style: p.style, from: p.from, to: p.to, label: p.label };
}

/** The year and index a standard period is named by (the month it closes in, with 'chot-14'): Quý II/2026 → 2026, 2. */
export function nameOf(p: Period): { year: number; index: number } {
	const [year, month] = p.to.split('-').map(Number);
	return { year, index: Math.floor((month - 1) / (p.kind === 'custom' ? 1 : MONTHS[p.kind])) + 1 };
}

/** The period of this kind and style that holds `date`. */
export function periodContaining(
	kind: Exclude<PeriodKind, 'custom'>,
	style: PeriodStyle,
	date: string
): Period {
	const [y, m, day] = date.split('-').map(Number);
	let [year, month] = [y, m];
	// With 'chot-14', from the 15th on a day belongs to the next month's report.
	if (style === 'chot-14' && day >= 15) {
		month += 1;
		if (month === 13) {
			month = 1;
			year += 1;
		}
	}
	return period(kind, style, year, Math.floor((month - 1) / MONTHS[kind]) + 1);
}

/** The period to compare with: the one just before, of the same kind and style. */
export function previousPeriod(p: Period): Period {
	if (p.kind === 'custom') {
		const days = dayNumber(p.to) - dayNumber(p.from) + 1;
		return customPeriod(addDays(p.from, -days), addDays(p.from, -1));
	}
	return periodContaining(p.kind, p.style, addDays(p.from, -1));
}

const STANDARD: Exclude<PeriodKind, 'custom'>[] = ['month', 'quarter', 'half', 'year'];

/**
 * The period [from, to] is, named as a report names it: a standard period of either style when the dates are exactly
 * one (the style given first wins), else a custom range. A RangeError for dates that do not exist or run backwards.
 */
export function resolvePeriod(
	from: string,
	to: string,
	preferred: PeriodStyle = 'chot-14'
): Period {
	const custom = customPeriod(from, to);
	const styles: PeriodStyle[] = preferred === 'chot-14' ? ['chot-14', 'lich'] : ['lich', 'chot-14'];
	for (const style of styles) {
		for (const kind of STANDARD) {
			const p = periodContaining(kind, style, from);
			if (p.from === from && p.to === to) return p;
		}
	}
	return custom;
}

/** Days after a monthly period's last day by which its report has gone out (the app keeps no record of sending). */
export const REPORT_DUE_DAYS = 5;

/**
 * Whether something dated `at` reached the server after the monthly report of its period was due: that month
 * (chot-14, the legal default) has been reported, so it lands in a period already reported. Both epoch ms.
 */
export function arrivedAfterReport(at: number, receivedAt: number): boolean {
	const month = periodContaining('month', 'chot-14', localDate(new Date(at)));
	return localDate(new Date(receivedAt)) > addDays(month.to, REPORT_DUE_DAYS);
}
