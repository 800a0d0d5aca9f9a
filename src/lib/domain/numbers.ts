// Vietnamese number and date formatting, as the seed reports write them: '.' groups thousands, ',' marks decimals,
// dates day/month/year. Every view of a report (page, print, DOCX, prose) formats through here, so they agree.
import { formatInt } from './thousands';
import { localDate, localTime } from './vn-time';

export { formatInt };

/**
 * A count in running prose, as official documents write it: under ten with a leading zero ('01 hồ sơ', '09 hồ sơ'),
 * zero as '0', larger counts as formatInt. Tables use formatInt (seed 001's table writes 1, its prose 01).
 */
export function formatCount(n: number): string {
	const rounded = Math.round(n);
	return rounded >= 1 && rounded <= 9 ? `0${rounded}` : formatInt(rounded);
}

/** `n` rounded half away from zero to `digits` decimals, written with ',' and '.' thousands; trailing zeros dropped. */
export function formatDecimal(n: number, digits: number): string {
	const scale = 10 ** digits;
	// The nudge keeps 0.015 (stored as 0.01499…) rounding to 0.02 as a person would round it.
	const scaled = Math.round(Math.abs(n) * scale * (1 + Number.EPSILON * 8));
	const whole = Math.floor(scaled / scale);
	const fraction = String(scaled % scale)
		.padStart(digits, '0')
		.replace(/0+$/, '');
	const sign = n < 0 && scaled !== 0 ? '-' : '';
	return `${sign}${formatInt(whole)}${fraction ? `,${fraction}` : ''}`;
}

/**
 * A percent (0–100, not a fraction), by seed 001's rate row ("100% 99,1% 98,5% 0% 0,02% 0,4%"):
 * - one decimal as a rule ('99,1%'), none when the rounded figure is whole ('100%', '0%', '99%');
 * - two decimals under 0,1% ('0,02%'), so a share that is not zero never prints as 0%;
 * - two decimals when one would round a share that is not 100% up to '100%' ('99,98%'), for the same reason
 *   (seed 001 writes its online-payment rate 99,88%);
 * - what two decimals still cannot tell apart from 0 or 100 prints '<0,01%' or '>99,99%'.
 * (Seed 001's '0,27%' breaks its own rule; the rule gives '0,3%'.)
 */
export function formatPercent(p: number): string {
	if (p === 0 || p === 100) return `${p}%`;
	if (p > 0 && p < 0.1) return Math.round(p * 100) === 0 ? '<0,01%' : `${formatDecimal(p, 2)}%`;
	const one = formatDecimal(p, 1);
	if (p < 100 && one === '100')
		return Math.round(p * 100) === 10000 ? '>99,99%' : `${formatDecimal(p, 2)}%`;
	return `${one}%`;
}

/** A percent or a dash when there is none (no ratings counted). */
export function formatRate(p: number | null): string {
	return p === null ? '—' : formatPercent(p);
}

/** The number of decimals formatPercent shows for `p`: spreadsheets format their percent cells the same way. */
export function percentDecimals(p: number): 0 | 1 | 2 {
	const text = formatPercent(p).replace(/[<>%]/g, '');
	const comma = text.indexOf(',');
	return comma < 0 ? 0 : text.length - comma - 1 === 1 ? 1 : 2;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * 'YYYY-MM-DD' → day/month/year as Nghị định 30/2020/NĐ-CP writes dates in documents and seed 001 follows:
 * a day under 10 and the months 1 and 2 take a leading zero, other months do not ('09/6/2025', '27/02/2026',
 * '14/6/2026', '15/12/2025'). Anything else is returned as it came.
 */
export function formatDate(iso: string): string {
	const m = ISO_DATE.exec(iso);
	if (!m) return iso;
	const month = Number(m[2]);
	return `${m[3]}/${month <= 2 ? m[2] : String(month)}/${m[1]}`;
}

/** 'YYYY-MM-DD' → the date of a document's date line, with formatDate's zeros: 'ngày 15 tháng 6 năm 2026', 'ngày 05 tháng 02 năm 2026'. */
export function formatDocumentDate(iso: string): string {
	const [day, month, year] = formatDate(iso).split('/');
	return year === undefined ? iso : `ngày ${day} tháng ${month} năm ${year}`;
}

/** An instant as local time in Việt Nam (vn-time.ts): '10:05 ngày 15/6/2026'. */
export function formatInstant(iso: string): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return iso;
	return `${localTime(t)} ngày ${formatDate(localDate(t))}`;
}

/** A file size as people read it: '850 kB', '6,4 MB', '1,2 GB' (1 kB = 1,024 bytes, one decimal from MB up). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024 * 1024) return `${formatInt(Math.max(1, bytes / 1024))} kB`;
	if (bytes < 1024 ** 3) return `${formatDecimal(bytes / 1024 ** 2, 1)} MB`;
	return `${formatDecimal(bytes / 1024 ** 3, 1)} GB`;
}

/** How long ago, in the largest whole unit: 'vừa xong', '5 phút trước', '3 giờ trước', '2 ngày trước'. */
export function formatAge(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 1) return 'vừa xong';
	if (minutes < 60) return `${minutes} phút trước`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours} giờ trước`;
	return `${formatInt(Math.floor(hours / 24))} ngày trước`;
}
