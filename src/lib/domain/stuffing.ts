// Ballot stuffing, as one pure rule: which stored ratings are flagged, and why. The server computes the flags of
// an in-order batch with it before the insert, and its SQL re-flag must reach the same result whatever order rows
// arrive in (a property test holds the two equal).
import { startOfLocalDay } from './vn-time';

export type StuffingFlag = 'too_soon' | 'repeat_ticket' | 'repeat_dossier';

export interface FlagRow {
	/** Lower-case UUID: compared as text, it orders as PostgreSQL orders uuid. */
	id: string;
	deviceId: string;
	/** The device's clock when tapped (epoch ms). */
	deviceTime: number;
	/** The corrected time (epoch ms). */
	ratedAt: number;
	ticket: string | null;
	dossier: string | null;
}

/** The start (epoch ms) of the Việt Nam day holding `t`: queue tickets restart on each. */
export const localDayStart = (t: number): number => startOfLocalDay(t);

type Key = (string | number)[];
/** Orders two sort keys as PostgreSQL orders row values. */
export const compareKeys = (a: Key, b: Key): number => {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	return 0;
};
const byDeviceTime = (r: FlagRow): Key => [r.deviceTime, r.id];
const byRatedAt = (r: FlagRow): Key => [r.ratedAt, r.deviceTime, r.id];
const byRank = (r: FlagRow): Key => [r.ratedAt, r.id];

/** The rows of each group, each group sorted by `key`. */
function groups(rows: FlagRow[], group: (r: FlagRow) => string | null, key: (r: FlagRow) => Key) {
	const out = new Map<string, FlagRow[]>();
	for (const r of rows) {
		const g = group(r);
		if (g === null) continue;
		const list = out.get(g);
		if (list) list.push(r);
		else out.set(g, [r]);
	}
	for (const list of out.values()) list.sort((a, b) => compareKeys(key(a), key(b)));
	return out.values();
}

/**
 * The flag of every row, in three strata so that no order of arrival can change the result:
 * 1. too_soon: less than `minIntervalS` after the previous rating of the same device, by device time or by corrected
 *    time (the previous one counts whatever its own flag; 0 switches the rule off);
 * 2. repeat_ticket: among the rows not too soon, all but the first (by corrected time, then id) of a ticket on one
 *    local day;
 * 3. repeat_dossier: among the rows with no flag yet, all but the first of a dossier.
 * Rows in `fixed` keep the flag given there and take part with it: the server passes the stored rows around a batch
 * that cannot change, and asks only for the new rows' flags.
 */
export function stuffingFlags(
	rows: FlagRow[],
	minIntervalS: number,
	fixed: ReadonlyMap<string, StuffingFlag | null> = new Map()
): Map<string, StuffingFlag | null> {
	const flags = new Map<string, StuffingFlag | null>();
	for (const r of rows) flags.set(r.id, fixed.has(r.id) ? (fixed.get(r.id) ?? null) : null);
	const open = (r: FlagRow) => !fixed.has(r.id);
	const minMs = minIntervalS * 1000;
	if (minMs > 0)
		for (const key of [byDeviceTime, byRatedAt]) {
			const time = key === byDeviceTime ? (r: FlagRow) => r.deviceTime : (r: FlagRow) => r.ratedAt;
			for (const list of groups(rows, (r) => r.deviceId, key))
				for (let i = 1; i < list.length; i++)
					if (open(list[i]) && time(list[i - 1]) > time(list[i]) - minMs)
						flags.set(list[i].id, 'too_soon');
		}
	const rank = (
		group: (r: FlagRow) => string | null,
		within: (flag: StuffingFlag | null) => boolean,
		flag: StuffingFlag
	) => {
		const inGroup = (r: FlagRow) => (within(flags.get(r.id) ?? null) ? group(r) : null);
		for (const list of groups(rows, inGroup, byRank))
			for (const r of list.slice(1)) if (open(r)) flags.set(r.id, flag);
	};
	rank(
		(r) => (r.ticket === null ? null : `${r.ticket}|${localDayStart(r.ratedAt)}`),
		(f) => f !== 'too_soon',
		'repeat_ticket'
	);
	rank(
		(r) => r.dossier,
		(f) => f === null || f === 'repeat_dossier',
		'repeat_dossier'
	);
	return flags;
}
