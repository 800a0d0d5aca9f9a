// The server's own measurements of each device's clock (receipt − sentAt of a sync), kept as eras: what justifies
// the clock offset a rating claims (see trustedOffset in $lib/domain/clock).
import { OFFSET_TOLERANCE_MS, type ClockEra } from '$lib/domain/clock';
import type { Queryable } from '../db';

export type { ClockEra };

/** Eras kept per device: a clock reset now and then, not one row per sync. */
const KEEP = 20;

/** The device's eras, newest first; with `lockCenter`, in the same round trip, the center's ratings lock as well. */
export async function eras(
	tx: Queryable,
	deviceId: string,
	lockCenter: string | null = null
): Promise<ClockEra[]> {
	const rows = await tx.query<{ offset_ms: number | null; first_at: Date | null }>(
		`SELECT lock.taken, e.offset_ms, e.first_at FROM
			(SELECT CASE WHEN $3::text IS NULL THEN NULL ELSE pg_advisory_xact_lock(hashtext('ratings:' || $3::text))::text END AS taken) AS lock
			LEFT JOIN LATERAL (SELECT offset_ms, first_at FROM device_clocks WHERE device_id = $1 ORDER BY first_at DESC LIMIT $2) AS e ON true`,
		[deviceId, KEEP, lockCenter]
	);
	return rows.flatMap((r) =>
		r.offset_ms === null || r.first_at === null
			? []
			: [{ offsetMs: Number(r.offset_ms), firstAt: new Date(r.first_at).getTime() }]
	);
}

/**
 * What this request's measurement changes: the latest era goes on when the offset is the same, else a new era
 * begins, and beyond KEEP eras the oldest go. Worked out from the eras read at the start of the batch, and written by
 * RECORD_CTES in the batch's one write statement (one round trip less than a statement of its own).
 */
export interface ClockNote {
	/** first_at of the era that goes on to `at`, or null. */
	extend: Date | null;
	/** The offset of the era that begins at `at`, or null. */
	begin: number | null;
	at: Date;
	/** Eras that began before this are dropped; null to keep them all. */
	dropBefore: Date | null;
}

export function note(known: ClockEra[], offsetMs: number, at: number): ClockNote {
	// A sentAt anywhere in 0..2100 gives an offset well inside bigint and a JS number's exact range.
	const latest = known[0];
	if (latest && Math.abs(latest.offsetMs - offsetMs) <= OFFSET_TOLERANCE_MS)
		return { extend: new Date(latest.firstAt), begin: null, at: new Date(at), dropBefore: null };
	if (known.length < KEEP)
		return { extend: null, begin: offsetMs, at: new Date(at), dropBefore: null };
	// The newest KEEP of the known eras and the new one stay; a new era older than all of those would go at once.
	const kept = [...new Set([...known.map((e) => e.firstAt), at])].sort((a, b) => b - a);
	const oldestKept = kept[KEEP - 1];
	return {
		extend: null,
		begin: at >= oldestKept ? offsetMs : null,
		at: new Date(at),
		dropBefore: new Date(oldestKept)
	};
}

/**
 * A ClockNote written as CTEs of a larger statement, given its parameters' placeholders; every part does nothing when
 * its value is null, so a batch with no measurement (a file import) passes nulls. The CTEs see the table as it was
 * when the statement began: the era begun is never among those dropped (dropBefore is at most its first_at).
 */
export const recordCtes = (p: {
	device: string;
	extend: string;
	begin: string;
	at: string;
	dropBefore: string;
}) => `clock_extended AS (
		UPDATE device_clocks SET last_at = ${p.at} WHERE device_id = ${p.device} AND first_at = ${p.extend}::timestamptz RETURNING 1
	), clock_begun AS (
		INSERT INTO device_clocks (device_id, offset_ms, first_at, last_at)
		SELECT ${p.device}, ${p.begin}::bigint, ${p.at}, ${p.at} WHERE ${p.begin}::bigint IS NOT NULL
		ON CONFLICT (device_id, first_at) DO UPDATE SET offset_ms = EXCLUDED.offset_ms, last_at = EXCLUDED.last_at
		RETURNING 1
	), clock_dropped AS (
		DELETE FROM device_clocks WHERE device_id = ${p.device} AND first_at < ${p.dropBefore}::timestamptz RETURNING 1
	)`;
