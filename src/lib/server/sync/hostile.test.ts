// Issue 10's findings about what devices send, each reproduced: counts that overflowed every publicity figure, a NUL
// that failed a whole batch, one dossier spelled four ways, and device clocks trusted for years either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingInput, SyncResponse } from '$lib/schemas/sync';
import { addDays, customPeriod } from '$lib/domain/periods';
import { localDate } from '$lib/domain/vn-time';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '../catalogue';
import * as devices from '../devices';
import { buildReport } from '../reports';
import { dashboard } from '../reports/dashboard';
import { reportDocx } from '../reports/export/docx';
import { handleReportRequest } from '../reports/http';
import { handleSync, ingest } from '.';
import { rating as makeRating } from './testing';
import { pairTestDevice } from '../devices/testing';

// The largest count this file's devices may send: large legal counts, summed over many devices and hours, pass
// int's range. Read once by config() on its first call, which comes after this line.
process.env.DEVICE_COUNT_MAX_PER_HOUR = '1000000';

const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const catalogueCsv = (...codes: string[]) =>
	new TextEncoder().encode(
		[HEADER, ...codes.map((c) => `${c},Thủ tục ${c},Hộ tịch,Cấp xã,UBND,Trực tuyến,5,,`)].join('\n')
	);

function pairDevice(name: string, kind: 'kiosk' | 'counter' = 'kiosk', now = new Date(NOW)) {
	return pairTestDevice(name, { kind, counter: kind === 'counter' ? '1' : null, field: null, now });
}

function post(token: string, body: unknown): Request {
	return new Request('http://local/api/v1/sync', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body)
	});
}

const envelope = (ratings: unknown[], counts: unknown[] = [], sentAt = NOW) => ({
	sentAt,
	device: { appVersion: 'test', backlog: ratings.length, persistent: true },
	ratings,
	counts
});

async function sync(token: string, body: unknown, now = NOW): Promise<SyncResponse> {
	const res = await handleSync(post(token, body), new Date(now));
	expect(res.status).toBe(200);
	return res.json();
}

const manager = {
	id: 'u',
	centerId: 'test',
	centerName: 'Test',
	city: null,
	username: 'u',
	role: 'manager' as const
};

describe.each(engines)('device counts on %s', (engine) => {
	let db: Db;
	const from = localDate(new Date(NOW - 4 * 24 * HOUR));
	const to = localDate(new Date(NOW));
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile('test', catalogueCsv('1.000001', '1.000002'), 'c.csv');
	});
	afterAll(() => db.close());

	/** Every figure the issue found broken: the report, its JSON, its DOCX, the dashboard and the kiosks' popularity. */
	async function everyFigure() {
		const report = await buildReport('test', customPeriod(from, to), new Date(NOW));
		if (!report) throw new Error('no report');
		const api = await handleReportRequest(
			new URL(`http://local/api/v1/reports?from=${from}&to=${to}`),
			null,
			manager
		);
		expect(api.status).toBe(200);
		expect((await reportDocx(report)).byteLength).toBeGreaterThan(1000);
		const board = await dashboard('test', from, to, new Date(NOW));
		const popularity = JSON.parse((await catalogue.popularity('test')).body) as {
			counts: Record<string, number>;
		};
		return { report, board, popularity };
	}

	it('three hourly view counts of 1,000,000,000 are refused alone (422); the rest of the batch is stored', async () => {
		const { token, device } = await pairDevice('Ki-ốt bị phá');
		const hour = Math.floor(NOW / HOUR) * HOUR;
		const huge = [0, 1, 2].map((i) => ({
			hour: hour - i * HOUR,
			kind: 'view',
			key: '1.000001',
			count: 1_000_000_000
		}));
		const reply = await sync(
			token,
			envelope([], [...huge, { hour, kind: 'view', key: '1.000001', count: 7 }])
		);
		expect(reply.counts.acked).toBe(1);
		expect(reply.counts.refused.map((r) => [r.index, r.status])).toEqual([
			[0, 422],
			[1, 422],
			[2, 422]
		]);
		expect(reply.counts.refused[0].message).toMatch(/vượt mức/);
		const stored = await db.query<{ count: number }>(
			'SELECT count FROM counters WHERE source = $1',
			[`device:${device.id}`]
		);
		expect(stored.map((s) => s.count)).toEqual([7]);
		const { report, popularity } = await everyFigure();
		expect(report.publicity.procedureViews).toBe(7);
		expect(popularity.counts['1.000001']).toBe(7);
	});

	it('the largest legal count from 30 devices over 72 hours sums past int without breaking any figure', async () => {
		const hours = Array.from({ length: 72 }, (_, i) => Math.floor(NOW / HOUR) * HOUR - i * HOUR);
		for (let d = 0; d < 30; d++) {
			const { token } = await pairDevice(`Ki-ốt ${d}`);
			const reply = await sync(
				token,
				envelope(
					[],
					hours.map((hour) => ({ hour, kind: 'view', key: '1.000002', count: 1_000_000 }))
				)
			);
			expect(reply.counts).toMatchObject({ acked: 72, refused: [] });
		}
		const { report, board, popularity } = await everyFigure();
		const expected = 30 * 72 * 1_000_000; // 2,160,000,000 > 2^31 − 1
		expect(report.publicity.procedureViews).toBe(expected + 7);
		expect(report.publicity.top[0]).toMatchObject({ code: '1.000002', views: expected });
		expect(board.top[0]).toMatchObject({ code: '1.000002', views: expected });
		expect(popularity.counts['1.000002']).toBe(expected);
	});
});

describe.each(engines)('device text on %s', (engine) => {
	let db: Db;
	let token: string;
	let device: devices.Device;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		({ token, device } = await pairDevice('Quầy 1', 'counter', new Date(T0)));
	});
	afterAll(() => db.close());

	const rating = (over: Partial<RatingInput> = {}) => makeRating({ ratedAt: T0 - 60_000, ...over });

	it('a NUL in one rating of three: that one is refused alone with its reason, the other two are acknowledged', async () => {
		const batch = [
			rating({ ratedAt: T0 - 600_000 }),
			rating({ ratedAt: T0 - 500_000, comment: 'Tốt\u0000lắm' }),
			rating({ ratedAt: T0 - 400_000 })
		];
		const reply = await sync(token, envelope(batch, [], T0), T0);
		expect(reply.acked.sort()).toEqual([batch[0].id, batch[2].id].sort());
		expect(reply.refused).toMatchObject([{ index: 1, id: batch[1].id, status: 422 }]);
		expect(reply.refused[0].message).toMatch(/comment: Góp ý chứa ký tự điều khiển/);
	});

	it('a NUL in any text of a rating refuses that rating only, naming the field', async () => {
		const fields = ['field', 'ticket', 'dossier', 'counter'] as const;
		const batch = fields.map((f, i) =>
			rating({ ratedAt: T0 - 300_000 + i * 10_000, [f]: 'A\u0000' })
		);
		const good = rating({ ratedAt: T0 - 200_000 });
		const reply = await sync(token, envelope([...batch, good], [], T0), T0);
		expect(reply.acked).toEqual([good.id]);
		expect(reply.refused.map((r) => r.message.split(':')[0])).toEqual([...fields]);
	});

	it('a NUL in a count key refuses that count; a NUL in appVersion is dropped and the batch goes through', async () => {
		const hour = Math.floor(T0 / HOUR) * HOUR;
		const good = rating({ ratedAt: T0 - 100_000 });
		const body = {
			...envelope(
				[good],
				[
					{ hour, kind: 'view', key: '1.0\u0000', count: 1 },
					{ hour, kind: 'view', key: '1.000001', count: 2 }
				],
				T0
			),
			device: { appVersion: '1.2\u0000.3\u0007', backlog: 1, persistent: true }
		};
		const reply = await sync(token, body, T0);
		expect(reply.acked).toEqual([good.id]);
		expect(reply.counts.acked).toBe(1);
		expect(reply.counts.refused).toMatchObject([{ index: 0, status: 422 }]);
		expect((await devices.byId(device.id))?.appVersion).toBe('1.2.3');
	});

	it('HSX-77, hsx-77, ＨＳＸ－７７ and HSX‐77 are one dossier, and one ticket spelled so is one ticket: each counted once', async () => {
		const spellings = ['HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX\u201077'];
		const dossiers = spellings.map((dossier, i) =>
			rating({ ratedAt: T0 - 5 * HOUR + i * 60_000, dossier })
		);
		const tickets = spellings.map((ticket, i) =>
			rating({ ratedAt: T0 - 4 * HOUR + i * 60_000, ticket })
		);
		const reply = await sync(token, envelope([...dossiers, ...tickets], [], T0), T0);
		expect(reply.acked).toHaveLength(8);
		const read = (ids: string[]) =>
			db.query<{ dossier: string | null; ticket: string | null; flag: string | null }>(
				'SELECT dossier, ticket, flag FROM ratings WHERE id = ANY($1::uuid[]) ORDER BY rated_at',
				[ids]
			);
		const d = await read(dossiers.map((r) => r.id));
		expect(d.map((r) => r.dossier)).toEqual(Array(4).fill('HSX-77'));
		expect(d.map((r) => r.flag)).toEqual([
			null,
			'repeat_dossier',
			'repeat_dossier',
			'repeat_dossier'
		]);
		const t = await read(tickets.map((r) => r.id));
		expect(t.map((r) => r.ticket)).toEqual(Array(4).fill('HSX-77'));
		expect(t.map((r) => r.flag)).toEqual([null, 'repeat_ticket', 'repeat_ticket', 'repeat_ticket']);
	});
});

describe.each(engines)('device clocks on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	async function stored(id: string) {
		const [row] = await db.query<{
			rated_at: Date;
			clock_clamped: boolean;
			late: boolean;
			flag: string | null;
		}>('SELECT rated_at, clock_clamped, late, flag FROM ratings WHERE id = $1', [id]);
		return { ...row, at: new Date(row.rated_at).getTime() };
	}

	it('a claimed clock offset of years either way is not believed: the server uses its own measurement', async () => {
		const { device } = await pairDevice('Quầy giả giờ', 'counter', new Date(T0));
		const back = makeRating({ ratedAt: T0 - 600_000, clockOffsetMs: -1e11 });
		const ahead = makeRating({ ratedAt: T0 - 500_000, clockOffsetMs: 1e11 });
		await ingest(device, envelope([back, ahead], [], T0), new Date(T0));
		expect(await stored(back.id)).toMatchObject({
			at: T0 - 600_000,
			clock_clamped: false,
			late: false
		});
		expect(await stored(ahead.id)).toMatchObject({ at: T0 - 500_000, clock_clamped: false });
	});

	it('a tablet whose clock battery died (it says 1970) still dates its ratings by the server, whatever offset it kept', async () => {
		const { device } = await pairDevice('Quầy hết pin', 'counter', new Date(T0));
		// A first sync while its clock was right: the server measures an offset of about nothing.
		await ingest(device, envelope([], [], T0), new Date(T0 + 200));
		// Battery gone: the clock restarts at 1970, the device still holds its old offset of 200 ms.
		const boot = Date.UTC(1970, 0, 1);
		const tap = makeRating({ ratedAt: boot + 3_600_000, clockOffsetMs: 200 });
		const received = T0 + 86_400_000;
		await ingest(device, envelope([tap], [], boot + 3 * 3_600_000), new Date(received));
		expect(await stored(tap.id)).toMatchObject({
			at: received - 2 * 3_600_000,
			clock_clamped: false,
			late: false
		});
	});

	it('an offset the server measured earlier still dates a rating made before the clock was changed', async () => {
		const { device } = await pairDevice('Quầy chỉnh giờ', 'counter', new Date(T0));
		// Two hours slow at the first sync; then someone sets the clock right.
		await ingest(device, envelope([], [], T0 - 2 * HOUR), new Date(T0));
		const before = makeRating({ ratedAt: T0 - HOUR, clockOffsetMs: 2 * HOUR }); // made an hour after that sync
		await ingest(device, envelope([before], [], T0 + 3 * HOUR), new Date(T0 + 3 * HOUR));
		expect(await stored(before.id)).toMatchObject({ at: T0 + HOUR, clock_clamped: false });
	});

	it('a rating landing in a month already reported is marked late, and the report and dashboard say how many', async () => {
		const { device } = await pairDevice('Quầy gửi muộn', 'counter', new Date(T0));
		// 10 October is in the month ending 14 October, whose report was due by the 19th; it arrives on 23 November.
		const october = Date.parse('2026-10-10T03:00:00Z');
		const late = makeRating({ ratedAt: october, clockOffsetMs: 0 });
		const fresh = makeRating({ ratedAt: T0 - HOUR, clockOffsetMs: 0 });
		await ingest(device, envelope([late, fresh], [], T0), new Date(T0));
		expect(await stored(late.id)).toMatchObject({ at: october, late: true });
		expect(await stored(fresh.id)).toMatchObject({ late: false });
		const report = await buildReport(
			'test',
			customPeriod('2026-09-15', '2026-10-14'),
			new Date(T0)
		);
		expect(report?.satisfaction).toMatchObject({ counted: 1, late: 1 });
		expect(
			(await dashboard('test', '2026-09-15', '2026-10-14', new Date(T0))).satisfaction.late
		).toBe(1);
		expect(addDays('2026-10-14', 5) < localDate(new Date(T0))).toBe(true);
	});

	it('taps dated apart by a clock far ahead are too soon all the same: corrected times stop at receipt', async () => {
		const { device } = await pairDevice('Quầy nhồi phiếu', 'counter', new Date(T0));
		// Ten ratings a minute apart by the device, all an hour past the server's receipt: they happened at most at receipt.
		const taps = Array.from({ length: 10 }, (_, i) =>
			makeRating({ ratedAt: T0 + HOUR + i * 60_000, clockOffsetMs: 0 })
		);
		await ingest(device, envelope(taps, [], T0), new Date(T0));
		const flags = await db.query<{ flag: string | null }>(
			'SELECT flag FROM ratings WHERE device_id = $1 ORDER BY device_time',
			[device.id]
		);
		expect(flags.map((f) => f.flag)).toEqual([null, ...Array(9).fill('too_soon')]);
	});
});
