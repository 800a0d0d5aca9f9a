import { describe, expect, it } from 'vitest';
import {
	atLocal,
	dayEnd,
	dayStart,
	localDate,
	localTime,
	startOfLocalDay,
	VN_OFFSET,
	VN_OFFSET_MS,
	VN_ZONE
} from './vn-time';

describe('Việt Nam time', () => {
	it('a local day starts at 17:00 UTC the day before', () => {
		expect(localDate(new Date('2026-11-14T16:59:59.999Z'))).toBe('2026-11-14');
		expect(localDate(new Date('2026-11-14T17:00:00Z'))).toBe('2026-11-15');
		expect(localDate(Date.parse('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
		expect(localTime(new Date('2026-06-14T17:30:00Z'))).toBe('00:30');
	});

	it('day boundaries: [dayStart, dayEnd) is the local date, 24 hours long, whatever the year', () => {
		expect(new Date(dayStart('2026-05-15')).toISOString()).toBe('2026-05-14T17:00:00.000Z');
		expect(new Date(dayEnd('2026-05-15')).toISOString()).toBe('2026-05-15T17:00:00.000Z');
		expect(localDate(dayStart('2024-02-29'))).toBe('2024-02-29');
		expect(localDate(dayEnd('2024-02-29') - 1)).toBe('2024-02-29');
		expect(localDate(dayEnd('2024-02-29'))).toBe('2024-03-01');
		expect(dayStart('15/05/2026')).toBeNaN();
	});

	it('the start of the local day of any moment', () => {
		const t = Date.parse('2026-05-15T16:59:00Z'); // 23:59 local on the 15th
		expect(startOfLocalDay(t)).toBe(dayStart('2026-05-15'));
		expect(startOfLocalDay(new Date(t + 60_000))).toBe(dayStart('2026-05-16'));
	});

	it('a local wall time, with or without seconds', () => {
		expect(atLocal('2026-05-14 23:50').toISOString()).toBe('2026-05-14T16:50:00.000Z');
		expect(atLocal('2026-05-14T00:10:30').toISOString()).toBe('2026-05-13T17:10:30.000Z');
	});

	it('the constants agree with the time-zone database (no daylight saving)', () => {
		const f = new Intl.DateTimeFormat('en-CA', {
			timeZone: VN_ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		for (const iso of ['2026-01-15T16:59:00Z', '2026-07-01T17:00:00Z', '2030-03-30T01:00:00Z']) {
			const parts = Object.fromEntries(
				f.formatToParts(new Date(iso)).map((p) => [p.type, p.value])
			);
			const local = `${parts.year}-${parts.month}-${parts.day}`;
			expect(localDate(new Date(iso))).toBe(local);
			expect(localTime(new Date(iso))).toBe(`${parts.hour}:${parts.minute}`);
		}
		expect(VN_OFFSET_MS).toBe(
			Date.parse('2026-01-01T00:00:00Z') - Date.parse(`2026-01-01T00:00:00${VN_OFFSET}`)
		);
	});
});
