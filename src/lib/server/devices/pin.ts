// The staff PIN on the server: its record (PBKDF2-SHA-256), which devices receive it (counter tablets, for a PIN of the
// current rule), and the online check a tablet asks for, throttled per device with growing waits.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PIN_MIN, PIN_WAITS_S, pinWaitMs } from '$lib/domain/pin';
import type { DeviceKind, StaffPin } from '$lib/schemas/sync';
import { db } from '../db';
import { log } from '../log';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about half a second on a low-end tablet's WebCrypto. */
export const PIN_ITERATIONS = 600_000;
const derive = promisify(pbkdf2);

export interface PinRecord {
	/** 'pbkdf2-sha256$iterations$salt$hash' (hex), or null when no PIN is set. */
	hash: string | null;
	/** Set under the old 4-digit rule: checked online only, never sent to a device. */
	legacy: boolean;
}

export function parsePin(record: string | null): StaffPin | null {
	const parts = record?.split('$');
	if (!parts || parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') return null;
	return { iterations: Number(parts[1]), salt: parts[2], hash: parts[3] };
}

/** What a device of this kind is told: the record only on a counter tablet, and only for a PIN of the current rule. */
export function pinFor(
	kind: DeviceKind,
	record: PinRecord
): { staffPin: StaffPin | null; staffPinSet: boolean } {
	return {
		staffPin: kind === 'counter' && !record.legacy ? parsePin(record.hash) : null,
		staffPinSet: record.hash !== null
	};
}

async function makeRecord(pin: string): Promise<string> {
	const salt = randomBytes(16);
	const hash = await derive(pin, salt, PIN_ITERATIONS, 32, 'sha256');
	return `pbkdf2-sha256$${PIN_ITERATIONS}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Stores a new staff PIN (already checked by staffPinInputSchema); devices' waits after wrong PINs start over. */
export async function setStaffPin(centerId: string, pin: string): Promise<void> {
	const record = await makeRecord(pin);
	await (
		await db()
	).transaction(async (tx) => {
		await tx.query(
			'UPDATE centers SET staff_pin_hash = $2, staff_pin_legacy = false WHERE id = $1',
			[centerId, record]
		);
		await tx.query(
			'DELETE FROM device_pin_attempts WHERE device_id IN (SELECT id FROM devices WHERE center_id = $1)',
			[centerId]
		);
	});
	log.info('staff_pin_set', { center: centerId });
}

/** Checks a PIN against a record, in constant time (off the event loop: 600,000 iterations take a while). */
export async function matches(record: string | null, pin: string): Promise<boolean> {
	const p = parsePin(record);
	if (!p || !Number.isSafeInteger(p.iterations) || p.iterations < 1) return false;
	const got = await derive(pin, Buffer.from(p.salt, 'hex'), p.iterations, 32, 'sha256');
	const want = Buffer.from(p.hash, 'hex');
	return got.length === want.length && timingSafeEqual(got, want);
}

export type PinCheck =
	{ ok: true } | { ok: false; reason: 'wrong' | 'throttled' | 'no_pin'; waitMs: number };

/**
 * The online check for one device. The attempt is claimed first, in one UPDATE that counts it as a failure and sets
 * the next allowed moment; only then is the PIN checked, and a right one clears the count. So parallel guesses from a
 * device are refused while one is being checked, and each wrong PIN makes the next wait longer.
 */
export async function check(
	device: { id: string; centerId: string },
	pin: string,
	now = new Date()
): Promise<PinCheck> {
	const database = await db();
	const rows = await database.query<{ hash: string | null; legacy: boolean }>(
		'SELECT staff_pin_hash AS hash, staff_pin_legacy AS legacy FROM centers WHERE id = $1',
		[device.centerId]
	);
	const record = rows[0];
	if (!record?.hash) return { ok: false, reason: 'no_pin', waitMs: 0 };
	await database.query(
		'INSERT INTO device_pin_attempts (device_id, next_at, last_at) VALUES ($1, $2, $2) ON CONFLICT (device_id) DO NOTHING',
		[device.id, now]
	);
	const claimed = await database.query<{ failures: number }>(
		`UPDATE device_pin_attempts
		 SET failures = failures + 1, last_at = $2,
		     next_at = $2::timestamptz + make_interval(secs => ($3::int[])[LEAST(failures + 1, cardinality($3::int[]))])
		 WHERE device_id = $1 AND next_at <= $2 RETURNING failures`,
		[device.id, now, [...PIN_WAITS_S]]
	);
	if (claimed.length === 0) {
		const waiting = await database.query<{ next_at: Date }>(
			'SELECT next_at FROM device_pin_attempts WHERE device_id = $1',
			[device.id]
		);
		const waitMs = Math.max(1000, new Date(waiting[0]?.next_at ?? now).getTime() - now.getTime());
		log.warn('staff_pin_throttled', { device: device.id });
		return { ok: false, reason: 'throttled', waitMs };
	}
	if (!(await matches(record.hash, pin))) {
		log.warn('staff_pin_wrong', { device: device.id, failures: claimed[0].failures });
		return { ok: false, reason: 'wrong', waitMs: pinWaitMs(claimed[0].failures) };
	}
	await database.query(
		'UPDATE device_pin_attempts SET failures = 0, next_at = $2 WHERE device_id = $1',
		[device.id, now]
	);
	// A PIN of the old rule typed right shows its length: with 6 digits or more it is re-hashed and may go to tablets.
	const iterations = parsePin(record.hash)?.iterations ?? 0;
	if (pin.length >= PIN_MIN && (record.legacy || iterations < PIN_ITERATIONS)) {
		await database.query(
			'UPDATE centers SET staff_pin_hash = $2, staff_pin_legacy = false WHERE id = $1 AND staff_pin_hash = $3',
			[device.centerId, await makeRecord(pin), record.hash]
		);
		log.info('staff_pin_upgraded', { center: device.centerId });
	}
	return { ok: true };
}
