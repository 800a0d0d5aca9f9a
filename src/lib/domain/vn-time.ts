// Việt Nam time, the one place that knows it: UTC+07:00 all year (no daylight saving since 1975), so a local date or
// day boundary is plain arithmetic on epoch milliseconds and needs no time-zone database. Pure, with no import: the
// device pages, the server, the SQL they write and the CLI all read it.

/** The IANA name, for Intl formatters and PostgreSQL's AT TIME ZONE. */
export const VN_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_HOURS = 7;
export const VN_OFFSET_MS = VN_OFFSET_HOURS * 3_600_000;
/** As an ISO 8601 suffix: '2026-05-14T23:50:00+07:00'. */
export const VN_OFFSET = '+07:00';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const epoch = (at: Date | number) => (typeof at === 'number' ? at : at.getTime());

/** 'YYYY-MM-DDTHH:mm:ss.sss' of a moment as a clock in Việt Nam shows it. */
function wallClock(at: Date | number): string {
	return new Date(epoch(at) + VN_OFFSET_MS).toISOString().slice(0, 23);
}

/** The local date 'YYYY-MM-DD' of a moment. */
export function localDate(at: Date | number): string {
	return wallClock(at).slice(0, 10);
}

/** The local time 'HH:mm' of a moment. */
export function localTime(at: Date | number): string {
	return wallClock(at).slice(11, 16);
}

/** The moment a local date 'YYYY-MM-DD' begins (local midnight), epoch ms; NaN for anything but such a date. */
export function dayStart(date: string): number {
	return ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00.000${VN_OFFSET}`) : NaN;
}

/** The moment after a local date ends (the next local midnight), epoch ms: a day is [dayStart, dayEnd). */
export function dayEnd(date: string): number {
	return dayStart(date) + DAY_MS;
}

/** The start of the local day a moment falls in, epoch ms. */
export function startOfLocalDay(at: Date | number): number {
	return Math.floor((epoch(at) + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
}

/** A moment given as a local wall time 'YYYY-MM-DD HH:mm' (or with 'T', and seconds), as a Date. */
export function atLocal(wall: string): Date {
	const iso = wall.replace(' ', 'T');
	return new Date(`${iso.length === 16 ? `${iso}:00` : iso}${VN_OFFSET}`);
}
