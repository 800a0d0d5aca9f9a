import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingInput, SyncResponse } from '$lib/schemas/sync';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as devices from '../devices';
import { handlePair } from '../devices/http';
import { handleSync, importOutboxFile, ingest, ratingTotals } from '.';
import { rating as makeRating } from './testing';
import { pairTestDevice } from '../devices/testing';

const T0 = Date.parse('2026-11-23T02:00:00Z');

function rating(over: Partial<RatingInput> = {}): RatingInput {
	return makeRating({ ratedAt: T0, ...over });
}

function envelope(ratings: unknown[], counts: unknown[] = [], sentAt = T0) {
	return {
		sentAt,
		device: { appVersion: 'test', backlog: ratings.length, persistent: true },
		ratings,
		counts
	};
}

function pairDevice(name = 'Quầy 3', now = new Date(T0)) {
	return pairTestDevice(name, { now });
}

function post(token: string | null, body: unknown, headers: Record<string, string> = {}): Request {
	return new Request('http://local/api/v1/sync', {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...headers
		},
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

describe.each(engines)('device pairing on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('a code pairs one device once; the token is stored only as its hash', async () => {
		const now = new Date(T0);
		const { code, expiresAt } = await devices.createPairingCode(
			'test',
			{ name: 'Ki-ốt sảnh', kind: 'kiosk', counter: null, field: null },
			'admin',
			now
		);
		expect(code).toMatch(/^\d{6}$/);
		expect(expiresAt.getTime() - T0).toBe(10 * 60_000);
		const first = await devices.pair(code, '10.0.0.2', now);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.token.length).toBeGreaterThanOrEqual(43);
		expect(first.config).toMatchObject({
			name: 'Ki-ốt sảnh',
			kind: 'kiosk',
			scale: 3,
			center: { id: 'test' }
		});
		const again = await devices.pair(code, '10.0.0.3', now);
		expect(again).toMatchObject({ ok: false, status: 400 });
		const hashes = await db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
		expect(hashes.some((h) => h.token_hash.includes(first.token))).toBe(false);
		const codes = await db.query<{ code_hash: string }>('SELECT code_hash FROM pairing_codes');
		expect(codes.some((c) => c.code_hash === code)).toBe(false);
	});

	it('a code expires after ten minutes', async () => {
		const now = new Date(T0);
		const { code } = await devices.createPairingCode(
			'test',
			{ name: 'Quầy 1', kind: 'counter', counter: '1', field: null },
			null,
			now
		);
		expect(await devices.pair(code, '10.0.0.4', new Date(T0 + 10 * 60_000))).toMatchObject({
			ok: false,
			status: 400
		});
	});

	it('guessing codes from one address is throttled after five failures', async () => {
		const now = new Date(T0);
		for (let i = 0; i < 5; i++)
			expect(await devices.pair('000000', '10.9.9.9', now)).toMatchObject({
				ok: false,
				status: 400
			});
		const blocked = await devices.pair('000000', '10.9.9.9', now);
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		if (!blocked.ok) expect(blocked.message).toMatch(/Vui lòng chờ \d+ phút/);
	});

	it('the pairing endpoint refuses bad JSON and a malformed code in Vietnamese', async () => {
		const bad = await handlePair(
			new Request('http://l/', { method: 'POST', body: '{' }),
			'10.1.1.1'
		);
		expect(bad.status).toBe(400);
		const short = await handlePair(
			new Request('http://l/', { method: 'POST', body: '{"code":"12"}' }),
			'10.1.1.1'
		);
		expect(short.status).toBe(400);
		expect((await short.json()).message).toContain('6 chữ số');
	});

	it('a revoked device gets 401 revoked', async () => {
		const { token, device } = await pairDevice('Sẽ thu hồi');
		expect((await handleSync(post(token, envelope([])), new Date(T0))).status).toBe(200);
		expect(await devices.revoke('test', device.id)).toBe(true);
		const res = await handleSync(post(token, envelope([rating()])), new Date(T0));
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: 'revoked' });
	});
});

describe.each(engines)('sync on %s', (engine) => {
	let db: Db;
	let token: string;
	let device: devices.Device;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		({ token, device } = await pairDevice());
	});
	afterAll(() => db.close());

	async function sync(body: unknown, now = T0 + 1000): Promise<SyncResponse> {
		const res = await handleSync(post(token, body), new Date(now));
		expect(res.status).toBe(200);
		return res.json();
	}

	it('acknowledges new ids and ids it already holds, and stores each once', async () => {
		const a = rating({ ratedAt: T0 - 600_000 });
		const b = rating({ ratedAt: T0 - 500_000 });
		expect((await sync(envelope([a]))).acked).toEqual([a.id]);
		const reply = await sync(envelope([a, b]));
		expect(reply.acked.sort()).toEqual([a.id, b.id].sort());
		const rows = await db.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM ratings WHERE id = ANY($1::uuid[])',
			[[a.id, b.id]]
		);
		expect(rows[0].n).toBe(2);
		expect(reply.config.deviceId).toBe(device.id);
		expect(Math.abs(reply.serverTime - (T0 + 1000))).toBeLessThan(5_000);
	});

	it('the same id with other content is refused alone; the rest of the batch is stored', async () => {
		const a = rating({ ratedAt: T0 - 400_000 });
		await sync(envelope([a]));
		const changed = { ...a, level: 'khong_hai_long' as const };
		const c = rating({ ratedAt: T0 - 300_000 });
		const reply = await sync(envelope([changed, c]));
		expect(reply.acked).toEqual([c.id]);
		expect(reply.refused).toMatchObject([{ index: 0, id: a.id, status: 422 }]);
		const [stored] = await db.query<{ level: string }>('SELECT level FROM ratings WHERE id = $1', [
			a.id
		]);
		expect(stored.level).toBe('hai_long');
	});

	it('an invalid item is refused alone with its index and reason, and nothing of it is written', async () => {
		const good = rating({ ratedAt: T0 - 200_000 });
		const badId = randomUUID();
		const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings');
		const reply = await sync(
			envelope([{ ...rating(), id: badId, level: 'tuyet_voi' }, good, 'rác', { id: 42 }])
		);
		expect(reply.acked).toEqual([good.id]);
		expect(reply.refused.map((r) => [r.index, r.id])).toEqual([
			[0, badId],
			[2, null],
			[3, null]
		]);
		expect(reply.refused[0].message).toMatch(/Mức đánh giá/);
		const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings');
		expect(after[0].n).toBe(before[0].n + 1);
	});

	it('counts are running totals merged by maximum: a resend adds nothing', async () => {
		const hour = Math.floor(T0 / 3_600_000) * 3_600_000;
		await sync(envelope([], [{ hour, kind: 'view', key: '1.001193', count: 3 }]));
		await sync(envelope([], [{ hour, kind: 'view', key: '1.001193', count: 3 }]));
		await sync(envelope([], [{ hour, kind: 'view', key: '1.001193', count: 2 }]));
		const [row] = await db.query<{ count: number }>(
			`SELECT count FROM counters WHERE source = $1 AND kind = 'view' AND key = '1.001193'`,
			[`device:${device.id}`]
		);
		expect(row.count).toBe(3);
		await sync(envelope([], [{ hour, kind: 'view', key: '1.001193', count: 5 }]));
		const [after] = await db.query<{ count: number }>(
			`SELECT count FROM counters WHERE source = $1 AND kind = 'view'`,
			[`device:${device.id}`]
		);
		expect(after.count).toBe(5);
	});

	it('keeps device time, receipt time and corrected time; a time far in the future is clamped and flagged', async () => {
		const slow = rating({ ratedAt: T0 - 3_600_000, clockOffsetMs: 3_000_000 });
		const future = rating({ ratedAt: T0 + 3_600_000, clockOffsetMs: 0 });
		// The device is 50 minutes slow, and the server measures as much from the request (receipt − sentAt).
		await sync(envelope([slow], [], T0 - 3_000_000), T0 + 1000);
		await sync(envelope([future]), T0 + 1000);
		const rows = await db.query<{
			id: string;
			device_time: Date;
			received_at: Date;
			rated_at: Date;
			clock_clamped: boolean;
		}>(
			'SELECT id::text, device_time, received_at, rated_at, clock_clamped FROM ratings WHERE id = ANY($1::uuid[])',
			[[slow.id, future.id]]
		);
		const s = rows.find((r) => r.id === slow.id);
		const f = rows.find((r) => r.id === future.id);
		expect(new Date(s?.device_time ?? 0).getTime()).toBe(T0 - 3_600_000);
		expect(new Date(s?.rated_at ?? 0).getTime()).toBe(T0 - 600_000);
		expect(new Date(s?.received_at ?? 0).getTime()).toBe(T0 + 1000);
		expect(s?.clock_clamped).toBe(false);
		expect(new Date(f?.rated_at ?? 0).getTime()).toBe(T0 + 1000);
		expect(f?.clock_clamped).toBe(true);
	});

	it('records what the device reported at its last contact', async () => {
		await handleSync(
			post(token, {
				...envelope([]),
				device: { appVersion: '1.2.3', backlog: 17, persistent: false }
			}),
			new Date(T0 + 5000)
		);
		const d = await devices.byId(device.id);
		expect(d).toMatchObject({ appVersion: '1.2.3', backlog: 17, storagePersistent: false });
		expect(d?.lastSeenAt?.getTime()).toBe(T0 + 5000);
	});

	it('measures the device clock at each sync as eras: the same offset goes on, a new one begins an era, the newest 20 stay', async () => {
		const tablet = await pairDevice('Đồng hồ lệch');
		const at = (i: number) => T0 + i * 3_600_000;
		const send = (i: number, offsetMs: number) =>
			handleSync(post(tablet.token, envelope([], [], at(i) - offsetMs)), new Date(at(i)));
		const eras = () =>
			db.query<{ offset_ms: number; first_at: Date; last_at: Date }>(
				'SELECT offset_ms, first_at, last_at FROM device_clocks WHERE device_id = $1 ORDER BY first_at',
				[tablet.device.id]
			);
		await send(0, 60_000);
		await send(1, 60_000 + 4 * 60_000); // within the tolerance: the same era, seen later
		expect(await eras()).toMatchObject([
			{ offset_ms: 60_000, first_at: new Date(at(0)), last_at: new Date(at(1)) }
		]);
		// A clock set by hand every hour: each sync begins an era, and the oldest go beyond twenty.
		for (let i = 2; i < 26; i++) await send(i, i * 3_600_000);
		const kept = await eras();
		expect(kept.map((e) => new Date(e.first_at).getTime())).toEqual(
			Array.from({ length: 20 }, (_, k) => at(6 + k))
		);
		expect(kept.map((e) => Number(e.offset_ms))).toEqual(
			Array.from({ length: 20 }, (_, k) => (6 + k) * 3_600_000)
		);
		// A file imported for the device is no measurement: the eras stay as they were.
		const file = JSON.stringify({
			format: 'sanhso-outbox',
			version: 1,
			deviceId: tablet.device.id,
			exportedAt: at(30) - 7 * 3_600_000,
			ratings: [rating({ ratedAt: at(29) })]
		});
		expect(await importOutboxFile('test', file, new Date(at(30)))).toMatchObject({ ok: true });
		expect(await eras()).toEqual(kept);
	});

	it('refuses a missing token, a wrong token, bad JSON and an oversized batch without a 5xx', async () => {
		expect((await handleSync(post(null, envelope([])))).status).toBe(401);
		expect((await handleSync(post('x'.repeat(43), envelope([])))).status).toBe(401);
		expect((await handleSync(post(token, '{"sentAt":'))).status).toBe(400);
		expect(
			(await handleSync(post(token, envelope(Array.from({ length: 501 }, () => rating()))))).status
		).toBe(400);
	});
});

describe.each(engines)('ballot stuffing on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('ten taps in three seconds on one device: ten stored, one counted, nine flagged', async () => {
		const { device } = await pairDevice('Quầy nhồi phiếu');
		const start = T0 - 3_600_000;
		const taps = Array.from({ length: 10 }, (_, i) => rating({ ratedAt: start + i * 300 }));
		await ingest(device, envelope(taps), new Date(T0));
		const totals = await ratingTotals('test', new Date(start - 60_000), new Date(T0 + 60_000));
		expect(totals).toMatchObject({ stored: 10, counted: 1, flagged: 9 });
		const flags = await db.query<{ flag: string | null }>(
			'SELECT flag FROM ratings WHERE device_id = $1 ORDER BY device_time',
			[device.id]
		);
		expect(flags.map((f) => f.flag)).toEqual([null, ...Array(9).fill('too_soon')]);
	});

	it('arriving in reverse order, one by one, gives the same flags', async () => {
		const { device } = await pairDevice('Quầy ngược');
		const start = T0 - 7_200_000;
		const taps = Array.from({ length: 6 }, (_, i) => rating({ ratedAt: start + i * 2_000 }));
		for (const tap of [...taps].reverse())
			await ingest(device, { ...envelope([tap]), sentAt: T0 }, new Date(T0));
		const flags = await db.query<{ flag: string | null }>(
			'SELECT flag FROM ratings WHERE device_id = $1 ORDER BY device_time',
			[device.id]
		);
		expect(flags.map((f) => f.flag)).toEqual([null, ...Array(5).fill('too_soon')]);
	});

	it('a second rating for the same ticket the same day is flagged; the next day the ticket number is new', async () => {
		const { device: one } = await pairDevice('Quầy A');
		const { device: two } = await pairDevice('Quầy B');
		const day = Date.parse('2026-11-20T03:00:00Z');
		await ingest(one, envelope([rating({ ratedAt: day, ticket: 'A023' })]), new Date(T0));
		await ingest(two, envelope([rating({ ratedAt: day + 60_000, ticket: 'A023' })]), new Date(T0));
		await ingest(
			two,
			envelope([rating({ ratedAt: day + 86_400_000, ticket: 'A023' })]),
			new Date(T0)
		);
		const rows = await db.query<{ flag: string | null }>(
			`SELECT flag FROM ratings WHERE ticket = 'A023' ORDER BY rated_at`
		);
		expect(rows.map((r) => r.flag)).toEqual([null, 'repeat_ticket', null]);
	});

	it('the same ticket from two counters at the same moment is counted once (concurrent syncs)', async () => {
		const { device: one } = await pairDevice('Quầy C');
		const { device: two } = await pairDevice('Quầy D');
		const day = Date.parse('2026-11-18T02:00:00Z');
		for (let i = 0; i < 15; i++) {
			const ticket = `B${i}`;
			await Promise.all([
				ingest(one, envelope([rating({ ratedAt: day + i * 60_000, ticket })]), new Date(T0)),
				ingest(two, envelope([rating({ ratedAt: day + i * 60_000 + 1_000, ticket })]), new Date(T0))
			]);
		}
		const rows = await db.query<{ ticket: string; counted: number }>(
			`SELECT ticket, count(*) FILTER (WHERE flag IS NULL)::int AS counted FROM ratings WHERE ticket LIKE 'B%' GROUP BY ticket`
		);
		expect(rows).toHaveLength(15);
		expect(rows.filter((r) => r.counted !== 1)).toEqual([]);
	});

	it('a second rating for the same dossier is flagged whatever the day', async () => {
		const { device } = await pairDevice('Quầy hồ sơ');
		const day = Date.parse('2026-11-10T03:00:00Z');
		await ingest(
			device,
			envelope([rating({ ratedAt: day + 86_400_000 * 3, dossier: 'H01.22-241120-0001' })]),
			new Date(T0)
		);
		await ingest(
			device,
			envelope([rating({ ratedAt: day, dossier: 'H01.22-241120-0001' })]),
			new Date(T0)
		);
		const rows = await db.query<{ flag: string | null }>(
			`SELECT flag FROM ratings WHERE dossier = 'H01.22-241120-0001' ORDER BY rated_at`
		);
		expect(rows.map((r) => r.flag)).toEqual([null, 'repeat_dossier']);
	});
});
