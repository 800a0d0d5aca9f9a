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

/** Notes this request's measurement: the latest era goes on when the offset is the same, else a new era begins. */
export async function record(
	tx: Queryable,
	deviceId: string,
	known: ClockEra[],
	offsetMs: number,
	at: number
): Promise<void> {
	// A sentAt anywhere in 0..2100 gives an offset well inside bigint and a JS number's exact range.
	const latest = known[0];
	if (latest && Math.abs(latest.offsetMs - offsetMs) <= OFFSET_TOLERANCE_MS) {
		await tx.query('UPDATE device_clocks SET last_at = $3 WHERE device_id = $1 AND first_at = $2', [
			deviceId,
			new Date(latest.firstAt),
			new Date(at)
		]);
		return;
	}
	await tx.query(
		`INSERT INTO device_clocks (device_id, offset_ms, first_at, last_at) VALUES ($1, $2, $3, $3)
		 ON CONFLICT (device_id, first_at) DO UPDATE SET offset_ms = EXCLUDED.offset_ms, last_at = EXCLUDED.last_at`,
		[deviceId, offsetMs, new Date(at)]
	);
	if (known.length >= KEEP)
		await tx.query(
			`DELETE FROM device_clocks WHERE device_id = $1 AND first_at < (SELECT min(first_at) FROM (SELECT first_at FROM device_clocks WHERE device_id = $1 ORDER BY first_at DESC LIMIT $2) AS k)`,
			[deviceId, KEEP]
		);
}
