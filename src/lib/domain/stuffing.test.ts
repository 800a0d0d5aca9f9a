import { describe, expect, it } from 'vitest';
import { localDayStart, stuffingFlags, type FlagRow } from './stuffing';

const T = Date.parse('2026-11-20T03:00:00Z');
let n = 0;
function row(over: Partial<FlagRow> = {}): FlagRow {
	n++;
	return {
		id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
		deviceId: 'd1',
		deviceTime: T,
		ratedAt: T,
		ticket: null,
		dossier: null,
		...over
	};
}
const flagsOf = (rows: FlagRow[], minS = 5, fixed = new Map()) =>
	rows.map((r) => stuffingFlags(rows, minS, fixed).get(r.id));

describe('stuffingFlags', () => {
	it('a rating less than the interval after the previous one of its device is too soon, by either clock', () => {
		const a = row({ deviceTime: T, ratedAt: T });
		const b = row({ deviceTime: T + 4_999, ratedAt: T + 60_000 });
		const c = row({ deviceTime: T + 120_000, ratedAt: T + 62_000 });
		const d = row({ deviceTime: T + 200_000, ratedAt: T + 200_000 });
		const other = row({ deviceId: 'd2', deviceTime: T + 1, ratedAt: T + 1 });
		expect(flagsOf([d, c, b, a, other])).toEqual([null, 'too_soon', 'too_soon', null, null]);
		expect(flagsOf([a, b], 0)).toEqual([null, null]);
	});

	it('the first rating of a ticket in a local day counts; the ticket starts again the next day', () => {
		const midnight = localDayStart(T) + 86_400_000;
		const a = row({ deviceId: 'd1', ratedAt: midnight - 60_000, ticket: 'A1' });
		const b = row({ deviceId: 'd2', ratedAt: midnight - 30_000, ticket: 'A1' });
		const c = row({ deviceId: 'd3', ratedAt: midnight, ticket: 'A1' });
		expect(flagsOf([c, b, a])).toEqual([null, 'repeat_ticket', null]);
	});

	it('a rating too soon does not take its ticket, and a repeated ticket does not take its dossier', () => {
		const first = row({ deviceTime: T, ratedAt: T });
		const soon = row({ deviceTime: T + 1_000, ratedAt: T + 1_000, ticket: 'A2', dossier: 'H-1' });
		const later = row({ deviceId: 'd2', ratedAt: T + 9_000, ticket: 'A2', dossier: 'H-1' });
		const repeat = row({ deviceId: 'd3', ratedAt: T + 10_000, ticket: 'A2', dossier: 'H-2' });
		const dossier = row({ deviceId: 'd4', ratedAt: T + 11_000, dossier: 'H-2' });
		expect(flagsOf([first, soon, later, repeat, dossier])).toEqual([
			null,
			'too_soon',
			null,
			'repeat_ticket',
			null
		]);
	});

	it('fixed rows keep their flag and take part with it', () => {
		const stored = row({ ratedAt: T, deviceTime: T, ticket: 'A3' });
		const flaggedStored = row({ deviceId: 'd2', ratedAt: T, ticket: 'A4' });
		const a = row({ deviceId: 'd3', ratedAt: T + 60_000, deviceTime: T + 60_000, ticket: 'A3' });
		const b = row({ deviceId: 'd3', ratedAt: T + 120_000, deviceTime: T + 120_000, ticket: 'A4' });
		const fixed = new Map([
			[stored.id, null],
			[flaggedStored.id, 'too_soon' as const]
		]);
		expect(flagsOf([stored, flaggedStored, a, b], 5, fixed)).toEqual([
			null,
			'too_soon',
			'repeat_ticket',
			null
		]);
	});
});
