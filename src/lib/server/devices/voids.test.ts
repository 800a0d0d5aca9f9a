// Voiding one device's counts for a period: every publicity figure leaves them out, overlapping voids take them out
// once, an undo counts them again, and who did what is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countVoidSchema, newDeviceSchema } from '$lib/schemas/devices';
import { apiTokenNameSchema } from '$lib/schemas/reports';
import { customPeriod } from '$lib/domain/periods';
import { localDate } from '$lib/domain/vn-time';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '../catalogue';
import { buildReport } from '../reports';
import { dashboard } from '../reports/dashboard';
import * as sync from '../sync';
import * as devices from '.';
import * as voids from './voids';
import { pairTestDevice } from './testing';

const HOUR = 3_600_000;
// Recent hours, so the kiosks' popularity (the last 90 days) sees them too.
const NOW = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR + 5 * HOUR; // 12:00 in Vietnam today
const day = (offset: number) => localDate(NOW + offset * 24 * HOUR);

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const csv = new TextEncoder().encode(
	`${HEADER}\n1.000001,Khai sinh,Hộ tịch,Cấp xã,UBND,Trực tuyến,5,,`
);

describe.each(engines)('voided device counts on %s', (engine) => {
	let db: Db;
	let broken: devices.Device;
	let other: devices.Device;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile('test', csv, 'c.csv');
		await db.query(
			`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ('u1', 'test', 'quantri', 'x', 'admin')`
		);
		const pair = async (name: string) =>
			(await pairTestDevice(name, { kind: 'kiosk', now: new Date(NOW) })).device;
		broken = await pair('Ki-ốt bị bấm liên tục');
		other = await pair('Ki-ốt cửa chính');
		const device = { appVersion: 't', backlog: 0, persistent: true };
		// Each kiosk: 100 views an hour at noon of today and of the two days before.
		for (const d of [broken, other]) {
			const counts = [0, -1, -2].map((offset) => ({
				hour: NOW + offset * 24 * HOUR,
				kind: 'view',
				key: '1.000001',
				count: 100
			}));
			await sync.ingest(d, { sentAt: NOW, device, ratings: [], counts }, new Date(NOW));
		}
		await catalogue.countScan('test', '1.000001', new Date(NOW)); // the server's own scans are never a device's
	});
	afterAll(() => db.close());

	async function figures() {
		const report = await buildReport('test', customPeriod(day(-2), day(0)), new Date(NOW));
		const board = await dashboard('test', day(-2), day(0), new Date(NOW));
		const popularity = JSON.parse((await catalogue.popularity('test')).body) as {
			counts: Record<string, number>;
		};
		return {
			views: report?.publicity.procedureViews,
			scans: report?.publicity.qrScans,
			board: board.top[0]?.views,
			popularity: popularity.counts['1.000001']
		};
	}

	it("a void leaves one device's counts of those days out of the report, the dashboard and the popularity", async () => {
		expect(await figures()).toEqual({ views: 600, scans: 1, board: 600, popularity: 601 });
		const input = countVoidSchema.parse({
			deviceId: broken.id,
			from: day(-1),
			to: day(0),
			reason: 'Bị bấm liên tục'
		});
		expect(await voids.preview('test', input)).toEqual([{ kind: 'view', n: 200 }]);
		const made = await voids.create('test', input, 'u1', new Date(NOW));
		expect(made.ok).toBe(true);
		expect(await figures()).toEqual({ views: 400, scans: 1, board: 400, popularity: 401 });
		// An overlapping void takes nothing out twice.
		await voids.create(
			'test',
			countVoidSchema.parse({ deviceId: broken.id, from: day(-2), to: day(0) }),
			'u1',
			new Date(NOW)
		);
		expect(await figures()).toEqual({ views: 300, scans: 1, board: 300, popularity: 301 });
	});

	it('the list says who voided what and when; an undo counts them again and says who undid it', async () => {
		const list = await voids.list('test');
		expect(list).toHaveLength(2);
		expect(list[0]).toMatchObject({ deviceId: broken.id, createdBy: 'quantri', undoneAt: null });
		for (const v of list)
			expect(await voids.undo('test', v.id, 'u1', new Date(NOW + 1000))).toBe(true);
		expect(await voids.undo('test', list[0].id, 'u1')).toBe(false);
		expect(
			(await voids.list('test')).every((v) => v.undoneBy === 'quantri' && v.undoneAt !== null)
		).toBe(true);
		expect(await figures()).toEqual({ views: 600, scans: 1, board: 600, popularity: 601 });
		// The counts themselves were never touched.
		const [{ n }] = await db.query<{ n: number }>(
			'SELECT sum(count)::bigint AS n FROM counters WHERE source = $1',
			[`device:${broken.id}`]
		);
		expect(n).toBe(300);
	});

	it("another center's device, a reversed period or a control character is refused with a message", async () => {
		await db.query(`INSERT INTO centers (id, name) VALUES ('khac', 'Trung tâm khác')`);
		const outcome = await voids.create(
			'khac',
			countVoidSchema.parse({ deviceId: other.id, from: day(0), to: day(0) }),
			null
		);
		expect(outcome).toEqual({ ok: false, message: 'Không tìm thấy thiết bị này.' });
		const reversed = countVoidSchema.safeParse({ deviceId: other.id, from: day(0), to: day(-1) });
		expect(reversed.error?.issues[0].message).toMatch(/Ngày bắt đầu phải trước/);
		expect(
			countVoidSchema.safeParse({ deviceId: 'x\u0000', from: day(0), to: day(0) }).error?.issues[0]
				.message
		).toMatch(/ký tự điều khiển/);
		expect(
			countVoidSchema.safeParse({ deviceId: other.id, from: '2026-02-30', to: day(0) }).error
				?.issues[0].message
		).toMatch(/không có thật/);
	});
});

describe('admin forms about devices', () => {
	it('a NUL in a device name, counter or field, or in an API token name, is a form error', () => {
		const base = { name: 'Quầy 1', kind: 'counter', counter: '1', field: 'Hộ tịch' };
		for (const key of ['name', 'counter', 'field'] as const) {
			const parsed = newDeviceSchema.safeParse({ ...base, [key]: 'A\u0000B' });
			expect(parsed.error?.issues[0].message).toMatch(/chứa ký tự điều khiển/);
		}
		expect(
			apiTokenNameSchema.safeParse({ name: 'Thành\u0000phố' }).error?.issues[0].message
		).toMatch(/chứa ký tự điều khiển/);
	});
});
