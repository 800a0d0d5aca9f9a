// Voided counts: an admin sets aside one device's counts (views, QR codes, catalogue screens) for a period of local
// days, when a kiosk was tampered with or broken. The counts stay as the device sent them; every publicity figure
// leaves out what a void in force covers (VOIDED below), and a void can be undone. Who did what, and when, is kept.
import { randomUUID } from 'node:crypto';
import type { CountVoidInput } from '$lib/schemas/devices';
import { VN_ZONE } from '$lib/domain/vn-time';
import { db } from '../db';
import { log } from '../log';

export interface CountVoid {
	id: string;
	deviceId: string;
	from: string;
	to: string;
	reason: string;
	createdBy: string | null;
	createdAt: Date;
	undoneBy: string | null;
	undoneAt: Date | null;
}

/**
 * The SQL condition "this counters row is voided", for a row aliased `c`: its source is a device with a void in
 * force over the row's local day. One spelling for the report, the dashboard and the kiosks' popularity.
 */
export const VOIDED = `EXISTS (SELECT 1 FROM count_voids v WHERE v.center_id = c.center_id AND v.undone_at IS NULL
	AND c.source = 'device:' || v.device_id AND (c.hour AT TIME ZONE '${VN_ZONE}')::date BETWEEN v.from_day AND v.to_day)`;

/**
 * The counter rows (aliased c) that voids in force cover within the local dates [$2, $3] of the centers $1 (an array), each once though
 * voids may overlap: the rows VOIDED picks, found from the few voids through the counters' primary key, so a center
 * without voids reads no counter at all (filtering a year of counters with VOIDED took seconds on PGlite).
 */
export const VOIDED_ROWS = `SELECT DISTINCT c.center_id, c.source, c.hour, c.kind, c.key, c.count
	FROM count_voids v JOIN counters c ON c.center_id = v.center_id AND c.source = 'device:' || v.device_id
		AND c.hour >= (greatest(v.from_day, $2::date)::timestamp AT TIME ZONE '${VN_ZONE}')
		AND c.hour < ((least(v.to_day, $3::date) + 1)::timestamp AT TIME ZONE '${VN_ZONE}')
	WHERE v.center_id = ANY($1::text[]) AND v.undone_at IS NULL`;

/** The center's voids, those in force first, newest first. */
export async function list(centerId: string): Promise<CountVoid[]> {
	return (await db()).query<CountVoid>(
		`SELECT v.id, v.device_id AS "deviceId", v.from_day::text AS "from", v.to_day::text AS "to", v.reason,
			coalesce(cu.username, v.created_by) AS "createdBy", v.created_at AS "createdAt", coalesce(uu.username, v.undone_by) AS "undoneBy", v.undone_at AS "undoneAt"
		 FROM count_voids v LEFT JOIN users cu ON cu.id = v.created_by LEFT JOIN users uu ON uu.id = v.undone_by
		 WHERE v.center_id = $1 ORDER BY v.undone_at IS NOT NULL, v.created_at DESC, v.id`,
		[centerId]
	);
}

/** What a void of this device and period would set aside, per kind: shown before the admin confirms. */
export async function preview(
	centerId: string,
	input: CountVoidInput
): Promise<{ kind: string; n: number }[]> {
	return (await db()).query<{ kind: string; n: number }>(
		`SELECT kind, sum(count)::bigint AS n FROM counters
		 WHERE center_id = $1 AND source = 'device:' || $2 AND (hour AT TIME ZONE '${VN_ZONE}')::date BETWEEN $3::date AND $4::date
		 GROUP BY kind ORDER BY kind`,
		[centerId, input.deviceId, input.from, input.to]
	);
}

export type VoidOutcome = { ok: true; id: string } | { ok: false; message: string };

/** Voids a device's counts from `from` to `to` (local days, both included). The device must be the center's. */
export async function create(
	centerId: string,
	input: CountVoidInput,
	by: string | null,
	now = new Date()
): Promise<VoidOutcome> {
	const id = randomUUID();
	const rows = await (
		await db()
	).query(
		`INSERT INTO count_voids (id, center_id, device_id, from_day, to_day, reason, created_by, created_at)
		 SELECT $1, $2, d.id, $4::date, $5::date, $6, $7, $8 FROM devices d WHERE d.id = $3 AND d.center_id = $2
		 RETURNING id`,
		[id, centerId, input.deviceId, input.from, input.to, input.reason, by, now]
	);
	if (rows.length === 0) return { ok: false, message: 'Không tìm thấy thiết bị này.' };
	log.info('counts_voided', {
		center: centerId,
		device: input.deviceId,
		from: input.from,
		to: input.to,
		by
	});
	return { ok: true, id };
}

/** Undoes a void in force: the counts it covered are counted again. False when there is no such void. */
export async function undo(
	centerId: string,
	id: string,
	by: string | null,
	now = new Date()
): Promise<boolean> {
	const rows = await (
		await db()
	).query(
		'UPDATE count_voids SET undone_at = $3, undone_by = $4 WHERE center_id = $1 AND id = $2 AND undone_at IS NULL RETURNING id',
		[centerId, id, now, by]
	);
	if (rows.length) log.info('counts_void_undone', { center: centerId, void: id, by });
	return rows.length === 1;
}
