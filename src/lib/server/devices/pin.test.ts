// Issue 10: the staff PIN's PBKDF2 record went to every device, lobby kiosks included, and a 4-digit PIN fell in 69
// guesses. Now only counter tablets get the record, new PINs have 6 to 8 digits, and an online tablet asks the server,
// which counts each attempt before checking it and makes each wrong PIN wait longer.
import { pbkdf2Sync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffPinInputSchema } from '$lib/schemas/devices';
import type { DeviceKind, PairResponse, SyncResponse } from '$lib/schemas/sync';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { handleSync } from '../sync';
import * as devices from '.';
import { handlePair, handlePinCheck } from './http';
import { PIN_ITERATIONS } from './pin';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const PIN = '246813';

async function paired(kind: DeviceKind, name: string): Promise<PairResponse> {
	const { code } = await devices.createPairingCode(
		'test',
		{ name, kind, counter: kind === 'counter' ? '3' : null, field: null },
		null,
		new Date(T0)
	);
	const res = await handlePair(
		new Request('http://l/api/v1/devices/pair', { method: 'POST', body: JSON.stringify({ code }) }),
		'10.0.0.1',
		new Date(T0)
	);
	expect(res.status).toBe(200);
	return res.json();
}

async function synced(token: string): Promise<SyncResponse> {
	const body = {
		sentAt: T0,
		device: { appVersion: 'test', backlog: 0, persistent: true },
		ratings: [],
		counts: []
	};
	const res = await handleSync(
		new Request('http://l/api/v1/sync', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` },
			body: JSON.stringify(body)
		}),
		new Date(T0)
	);
	expect(res.status).toBe(200);
	return res.json();
}

function checkPin(token: string, pin: unknown, at: number) {
	const request = new Request('http://l/api/v1/devices/pin', {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` },
		body: JSON.stringify({ pin })
	});
	return handlePinCheck(request, new Date(at));
}

describe('the staff PIN form', () => {
	it('takes 6 to 8 digits that are not a repeated digit or a run', () => {
		const message = (pin: string) => {
			const r = staffPinInputSchema.safeParse({ pin });
			return r.success ? null : r.error.issues[0].message;
		};
		expect(message('2468')).toBe('Mã PIN gồm 6 đến 8 chữ số');
		expect(message('24681')).toBe('Mã PIN gồm 6 đến 8 chữ số');
		expect(message('246813579')).toBe('Mã PIN gồm 6 đến 8 chữ số');
		expect(message('12345a')).toBe('Mã PIN gồm 6 đến 8 chữ số');
		expect(message('123456')).toMatch(/quá dễ đoán/);
		expect(message('000000')).toMatch(/quá dễ đoán/);
		expect(message(PIN)).toBeNull();
		expect(message(' 20261123 ')).toBeNull();
	});
});

describe.each(engines)('the staff PIN on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await devices.setStaffPin('test', PIN);
	});
	afterAll(() => db.close());

	it('a kiosk never receives the record, on pairing or on sync; a counter tablet does', async () => {
		const kiosk = await paired('kiosk', 'Ki-ốt sảnh');
		expect(kiosk.config).toMatchObject({ kind: 'kiosk', staffPin: null, staffPinSet: true });
		expect(JSON.stringify(kiosk)).not.toMatch(/pbkdf2|salt|"hash"/);
		const kioskSync = await synced(kiosk.token);
		expect(kioskSync.config).toMatchObject({ kind: 'kiosk', staffPin: null, staffPinSet: true });
		expect(JSON.stringify(kioskSync)).not.toMatch(/salt|"hash"/);

		const counter = await paired('counter', 'Quầy 3');
		expect(counter.config.staffPin).toMatchObject({
			iterations: PIN_ITERATIONS,
			salt: expect.stringMatching(/^[0-9a-f]{32}$/)
		});
		expect((await synced(counter.token)).config.staffPin).toEqual(counter.config.staffPin);
		// The record is the PIN's: what the tablet derives offline.
		const record = counter.config.staffPin;
		if (!record) throw new Error('no record');
		expect(
			pbkdf2Sync(PIN, Buffer.from(record.salt, 'hex'), record.iterations, 32, 'sha256').toString(
				'hex'
			)
		).toBe(record.hash);
	});

	it('the server checks the PIN for a paired device; a kiosk may ask too, and nobody else', async () => {
		const counter = await paired('counter', 'Quầy 4');
		const right = await checkPin(counter.token, PIN, T0);
		expect(right.status).toBe(200);
		expect(await right.json()).toEqual({ ok: true });
		const kiosk = await paired('kiosk', 'Ki-ốt 2');
		expect((await checkPin(kiosk.token, PIN, T0)).status).toBe(200);
		expect((await checkPin('x'.repeat(43), PIN, T0)).status).toBe(401);
		const malformed = await checkPin(counter.token, '12ab', T0);
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).message).toBe('Mã PIN gồm 6 đến 8 chữ số');
		expect((await checkPin(counter.token, 123456, T0)).status).toBe(400);
	});

	it('each wrong PIN makes the next check wait longer, said in Vietnamese; the right PIN clears the count', async () => {
		const { token } = await paired('counter', 'Quầy 5');
		let at = T0;
		const first = await checkPin(token, '111111', at);
		expect(first.status).toBe(403);
		expect(await first.json()).toMatchObject({
			code: 'wrong_pin',
			retryAfterS: 0,
			message: 'Mã PIN không đúng. Vui lòng nhập lại.'
		});
		const second = await checkPin(token, '222222', at);
		expect(await second.json()).toMatchObject({
			code: 'wrong_pin',
			retryAfterS: 5,
			message: 'Mã PIN không đúng. Vui lòng chờ 5 giây rồi thử lại.'
		});
		// Within the wait even the right PIN is not checked.
		const early = await checkPin(token, PIN, at + 4_000);
		expect(early.status).toBe(429);
		expect(early.headers.get('retry-after')).toBe('1');
		expect((await early.json()).message).toBe(
			'Đã nhập sai mã PIN nhiều lần. Vui lòng chờ 1 giây rồi thử lại.'
		);
		at += 5_000;
		expect(await (await checkPin(token, '333333', at)).json()).toMatchObject({ retryAfterS: 30 });
		at += 30_000;
		expect(await (await checkPin(token, '444444', at)).json()).toMatchObject({ retryAfterS: 60 });
		at += 60_000;
		expect((await checkPin(token, PIN, at)).status).toBe(200);
		// Counting starts over.
		expect(await (await checkPin(token, '555555', at)).json()).toMatchObject({ retryAfterS: 0 });
	});

	it('twenty parallel guesses from one device: each is counted before it is checked, at most two are checked', async () => {
		const { token } = await paired('counter', 'Quầy 6');
		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, i) => checkPin(token, String(700000 + i), T0))
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(2);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(18);
		expect(statuses.every((s) => s === 403 || s === 429)).toBe(true);
	});

	it('a PIN of the old rule is not sent to any device and still opens online; typed right with 6 digits it is upgraded', async () => {
		// As main stored PINs before issue 10: 100,000 iterations, any length from 4 digits.
		const legacy = (pin: string) => {
			const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
			return `pbkdf2-sha256$100000$${salt.toString('hex')}$${pbkdf2Sync(pin, salt, 100_000, 32, 'sha256').toString('hex')}`;
		};
		await db.query(
			'UPDATE centers SET staff_pin_hash = $1, staff_pin_legacy = true WHERE id = $2',
			[legacy('2468'), 'test']
		);
		const counter = await paired('counter', 'Quầy 7');
		expect(counter.config).toMatchObject({ staffPin: null, staffPinSet: true });
		expect((await checkPin(counter.token, '2468', T0)).status).toBe(200);
		expect((await synced(counter.token)).config.staffPin).toBeNull();

		await db.query(
			'UPDATE centers SET staff_pin_hash = $1, staff_pin_legacy = true WHERE id = $2',
			[legacy('975310'), 'test']
		);
		expect((await checkPin(counter.token, '975310', T0)).status).toBe(200);
		const upgraded = (await synced(counter.token)).config.staffPin;
		expect(upgraded?.iterations).toBe(PIN_ITERATIONS);
		const settings = await devices.centerSettings('test');
		expect(settings.staffPinLegacy).toBe(false);
		await devices.setStaffPin('test', PIN);
	});

	it('a center without a PIN says so to the device', async () => {
		await db.query('UPDATE centers SET staff_pin_hash = NULL WHERE id = $1', ['test']);
		const counter = await paired('counter', 'Quầy 8');
		expect(counter.config).toMatchObject({ staffPin: null, staffPinSet: false });
		const answer = await checkPin(counter.token, PIN, T0);
		expect(answer.status).toBe(409);
		expect((await answer.json()).code).toBe('no_pin');
		await devices.setStaffPin('test', PIN);
	});
});

describe.each(engines)('the migration of a PIN set before the six-digit rule on %s', (engine) => {
	it('marks an existing PIN as of the old rule, so no device receives its record', async () => {
		const { db } = await bootTest(engine);
		try {
			// Re-run the part of 008 that judges existing rows, on a row as main left it.
			await db.query(
				"UPDATE centers SET staff_pin_hash = 'pbkdf2-sha256$100000$00$00', staff_pin_legacy = false WHERE id = 'test'"
			);
			await db.query('DELETE FROM schema_migrations WHERE version = 8');
			await db.query('ALTER TABLE centers DROP COLUMN staff_pin_legacy');
			await db.query('DROP TABLE device_pin_attempts');
			const { migrate } = await import('../db/migrate');
			expect(await migrate(db)).toEqual(['008_staff_pin.sql']);
			expect((await devices.centerSettings('test')).staffPinLegacy).toBe(true);
		} finally {
			await db.close();
		}
	});
});
