// Paired devices: one-time pairing codes, device tokens (only their hashes kept), revocation, and the config a
// device is told on pairing and every sync (its counter and field, the center's rating settings, the staff PIN).
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { NewDevice, RatingSettings } from '$lib/schemas/devices';
import type { DeviceConfig, DeviceKind, RatingLevel, Scale } from '$lib/schemas/sync';
import { db } from '../db';
import { log } from '../log';
import * as throttle from '../auth/throttle';
import { pinFor } from './pin';

export { setStaffPin } from './pin';

export const CODE_MINUTES = 10;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url

export const WRONG_CODE = 'Mã ghép nối không đúng hoặc đã hết hạn. Nhờ quản trị viên tạo mã mới.';
export const REVOKED = 'Thiết bị đã bị thu hồi. Nhờ quản trị viên ghép nối lại.';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Device {
	id: string;
	centerId: string;
	name: string;
	kind: DeviceKind;
	counter: string | null;
	field: string | null;
	pairedAt: Date;
	lastSeenAt: Date | null;
	backlog: number | null;
	appVersion: string | null;
	storagePersistent: boolean | null;
	revokedAt: Date | null;
}

const DEVICE_COLUMNS = `id, center_id AS "centerId", name, kind, counter, field, paired_at AS "pairedAt",
	last_seen_at AS "lastSeenAt", backlog, app_version AS "appVersion", storage_persistent AS "storagePersistent",
	revoked_at AS "revokedAt"`;

/** A new six-digit code for a device to pair with; only its hash is stored. */
export async function createPairingCode(
	centerId: string,
	device: NewDevice,
	createdBy: string | null,
	now = new Date()
): Promise<{ code: string; expiresAt: Date }> {
	const database = await db();
	const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000);
	// Used and expired codes go now; an active code is never issued twice.
	await database.query('DELETE FROM pairing_codes WHERE expires_at <= $1 AND used_at IS NULL', [
		now
	]);
	for (;;) {
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const rows = await database.query(
			`INSERT INTO pairing_codes (code_hash, center_id, name, kind, counter, field, created_by, created_at, expires_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code_hash) DO NOTHING RETURNING code_hash`,
			[
				sha256(code),
				centerId,
				device.name,
				device.kind,
				device.counter,
				device.field,
				createdBy,
				now,
				expiresAt
			]
		);
		if (rows.length === 1) {
			log.info('pairing_code_created', { center: centerId, kind: device.kind, by: createdBy });
			return { code, expiresAt };
		}
		// The hash of a used code stays (it names its device); a collision with it: take that row back if stale.
		await database.query(
			'DELETE FROM pairing_codes WHERE code_hash = $1 AND (expires_at <= $2 OR used_at IS NOT NULL)',
			[sha256(code), now]
		);
	}
}

export type PairOutcome =
	| { ok: true; token: string; config: DeviceConfig }
	| { ok: false; status: 400 | 429; message: string };

/**
 * Redeems a pairing code once: a new device and its token. Failed attempts are throttled per address (`address` null
 * when it cannot be known: then one key for all such requests, see auth/client-address.ts); one address's guesses
 * never delay another's pairing.
 */
export async function pair(
	code: string,
	address: string | null,
	now = new Date()
): Promise<PairOutcome> {
	const gate = await throttle.begin([throttle.pairKey(address)], now);
	if (!gate.ok)
		return { ok: false, status: 429, message: throttle.refusal(gate, now, 'Nhập mã ghép nối sai') };
	const token = randomBytes(32).toString('base64url');
	const id = randomUUID();
	const database = await db();
	const created = await database.transaction(async (tx) => {
		const used = await tx.query<{
			center_id: string;
			name: string;
			kind: DeviceKind;
			counter: string | null;
			field: string | null;
		}>(
			`UPDATE pairing_codes SET used_at = $2, device_id = NULL
			 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
			 RETURNING center_id, name, kind, counter, field`,
			[sha256(code), now]
		);
		if (used.length === 0) return false;
		const c = used[0];
		await tx.query(
			`INSERT INTO devices (id, center_id, name, kind, counter, field, token_hash, paired_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[id, c.center_id, c.name, c.kind, c.counter, c.field, sha256(token), now]
		);
		await tx.query('UPDATE pairing_codes SET device_id = $1 WHERE code_hash = $2', [
			id,
			sha256(code)
		]);
		return true;
	});
	if (!created) {
		await throttle.fail(gate.ticket);
		log.warn('pairing_failed', { address });
		return { ok: false, status: 400, message: WRONG_CODE };
	}
	await throttle.succeed(gate.ticket);
	const device = await byId(id);
	if (!device) throw new Error('device vanished after pairing');
	log.info('device_paired', { device: id, center: device.centerId, kind: device.kind });
	return { ok: true, token, config: configOf(device, await centerSettings(device.centerId)) };
}

export type AuthOutcome =
	| { ok: true; device: Device; center: CenterSettingsRow }
	| { ok: false; code: 'unauthorized' | 'revoked' };

/** The device of an `Authorization: Bearer <token>` header, with its center's settings read in the same query. */
export async function authenticate(header: string | null): Promise<AuthOutcome> {
	const token = header?.match(/^Bearer ([A-Za-z0-9_-]+)$/)?.[1];
	if (!token || !TOKEN_SHAPE.test(token)) return { ok: false, code: 'unauthorized' };
	const rows = await (
		await db()
	).query<Device & { center: CenterSettingsRow | null }>(
		`SELECT d.*, (SELECT row_to_json(c) FROM (SELECT ${CENTER_COLUMNS} FROM centers WHERE id = d."centerId") AS c) AS center
		 FROM (SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1) AS d`,
		[sha256(token)]
	);
	if (rows.length === 0) return { ok: false, code: 'unauthorized' };
	const { center, ...device } = rows[0];
	if (device.revokedAt) return { ok: false, code: 'revoked' };
	if (!center) throw new Error(`center ${device.centerId} does not exist`);
	return { ok: true, device, center };
}

export async function byId(id: string): Promise<Device | null> {
	const rows = await (
		await db()
	).query<Device>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [id]);
	return rows[0] ?? null;
}

export async function list(centerId: string): Promise<Device[]> {
	return (await db()).query<Device>(
		`SELECT ${DEVICE_COLUMNS} FROM devices WHERE center_id = $1 ORDER BY revoked_at IS NOT NULL, kind, counter NULLS LAST, name`,
		[centerId]
	);
}

/** Revokes a device of the center: its token stops working at once. False when there is no such active device. */
export async function revoke(centerId: string, id: string, now = new Date()): Promise<boolean> {
	const rows = await (
		await db()
	).query(
		'UPDATE devices SET revoked_at = $3 WHERE center_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
		[centerId, id, now]
	);
	if (rows.length) log.info('device_revoked', { device: id, center: centerId });
	return rows.length === 1;
}

export interface CenterSettingsRow {
	id: string;
	name: string;
	scale: Scale;
	satisfiedLevels: RatingLevel[];
	minIntervalS: number;
	staffPinHash: string | null;
	/** The PIN was set under the old 4-digit rule (src/lib/server/devices/pin.ts). */
	staffPinLegacy: boolean;
}

// Only json-safe types (text, integer, boolean, text[]): authenticate reads them as JSON, centerSettings as columns.
const CENTER_COLUMNS = `id, name, rating_scale AS scale, satisfied_levels AS "satisfiedLevels",
	min_rating_interval_s AS "minIntervalS", staff_pin_hash AS "staffPinHash", staff_pin_legacy AS "staffPinLegacy"`;

export async function centerSettings(centerId: string): Promise<CenterSettingsRow> {
	const rows = await (
		await db()
	).query<CenterSettingsRow>(`SELECT ${CENTER_COLUMNS} FROM centers WHERE id = $1`, [centerId]);
	if (!rows[0]) throw new Error(`center ${centerId} does not exist`);
	return rows[0];
}

export async function saveSettings(centerId: string, settings: RatingSettings): Promise<void> {
	await (
		await db()
	).query(
		'UPDATE centers SET rating_scale = $2, satisfied_levels = $3, min_rating_interval_s = $4 WHERE id = $1',
		[centerId, settings.scale, settings.satisfiedLevels, settings.minIntervalS]
	);
	log.info('rating_settings_saved', {
		center: centerId,
		scale: settings.scale,
		minIntervalS: settings.minIntervalS
	});
}

export function configOf(device: Device, center: CenterSettingsRow): DeviceConfig {
	return {
		deviceId: device.id,
		name: device.name,
		kind: device.kind,
		counter: device.counter,
		field: device.field,
		center: { id: center.id, name: center.name },
		scale: center.scale,
		satisfiedLevels: center.satisfiedLevels,
		...pinFor(device.kind, { hash: center.staffPinHash, legacy: center.staffPinLegacy })
	};
}

/** Devices in use per center, of these: silent since before `since` (never synced: paired before it), and unsent rows. */
export async function health(
	centerIds: string[],
	since: Date
): Promise<Map<string, { silent: number; backlog: number }>> {
	const rows = await (
		await db()
	).query<{ center_id: string; silent: number; backlog: number }>(
		`SELECT center_id, count(*) FILTER (WHERE coalesce(last_seen_at, paired_at) < $2)::int AS silent,
			coalesce(sum(backlog), 0)::bigint AS backlog
		 FROM devices WHERE center_id = ANY($1::text[]) AND revoked_at IS NULL GROUP BY center_id`,
		[centerIds, since]
	);
	return new Map(rows.map((r) => [r.center_id, { silent: r.silent, backlog: r.backlog }]));
}
