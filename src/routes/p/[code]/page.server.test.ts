import { describe, it, expect, beforeAll, afterAll, onTestFinished, vi } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as catalogue from '$lib/server/catalogue';
import * as center from '$lib/server/center';
import * as posted from '$lib/server/catalogue/posted';
import { load } from './+page.server';

// The route reads the process configuration: point it at the test center before its first read.
process.env.CENTER_ID = 'test';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const csv = (...codes: string[]) =>
	new TextEncoder().encode(
		[HEADER, ...codes.map((c) => `${c},Thủ tục ${c},Hộ tịch,Cấp xã,UBND,Trực tuyến,5,,`)].join('\n')
	);
const PHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

type Event = Parameters<typeof load>[0];

/** A phone: its address, its browser and its cookie jar (null: a client that keeps no cookies). */
interface Client {
	address: string;
	agent: string;
	jar: Map<string, string> | null;
}
const phone = (address = '203.0.113.7', jar: Map<string, string> | null = new Map()): Client => ({
	address,
	agent: PHONE,
	jar
});

/** The parts of a request event the load reads. */
function visit(code: string, { method = 'GET', isDataRequest = false, client = phone() } = {}) {
	const headers: Record<string, string> = {};
	const cookies = {
		get: (name: string) => client.jar?.get(name),
		set: (name: string, value: string) => void client.jar?.set(name, value)
	};
	const event = {
		params: { code },
		request: new Request(`http://hcc.test/p/${encodeURIComponent(code)}`, {
			method,
			headers: { 'user-agent': client.agent }
		}),
		url: new URL(`http://hcc.test/p/${encodeURIComponent(code)}`),
		isDataRequest,
		cookies,
		getClientAddress: () => client.address,
		// The center the request's host name is for (hooks.server.ts): the tests' center.
		locals: { centerId: 'test', user: null },
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h)
	};
	return { result: load(event as unknown as Event), headers };
}

describe.each(engines)('/p/[code] on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile(
			'test',
			csv('1.000001', '1.000002', '1.000003', '1.000004', '1.000005'),
			'a.csv'
		);
		await catalogue.importFile(
			'test',
			csv('1.000001', '1.000002', '1.000004', '1.000005'),
			'b.csv'
		); // 1.000003 is abolished
	});
	afterAll(() => db.close());

	it('shows the procedure with its portal link, uncached, and counts one scan per client', async () => {
		const first = phone('198.51.100.1');
		const { result, headers } = visit('1.000001', { client: first });
		const data = await result;
		expect(data.procedure.name).toBe('Thủ tục 1.000001');
		expect(data.portal).toBe(
			'https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=1.000001'
		);
		expect(headers['cache-control']).toBe('no-store');
		expect(await catalogue.scanCount('test', '1.000001')).toBe(1);
		await visit('1.000001', { client: first }).result;
		expect(await catalogue.scanCount('test', '1.000001')).toBe(1);
		await visit('1.000001', { client: phone('198.51.100.2') }).result;
		expect(await catalogue.scanCount('test', '1.000001')).toBe(2);
	});

	it('200 GETs from one client add one scan for that hour, whether it keeps the cookie or not', async () => {
		// The page dates a scan by the clock: hold it mid-hour so the 400 visits cannot straddle two hours.
		vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T03:30:00Z') });
		onTestFinished(() => {
			vi.useRealTimers();
		});
		const keeps = phone('192.0.2.10');
		for (let i = 0; i < 200; i++) await visit('1.000004', { client: keeps }).result;
		expect(keeps.jar?.size).toBe(1);
		expect(await catalogue.scanCount('test', '1.000004')).toBe(1);
		const forgets = phone('192.0.2.11', null);
		for (let i = 0; i < 200; i++) await visit('1.000005', { client: forgets }).result;
		expect(await catalogue.scanCount('test', '1.000005')).toBe(1);
		// Nothing that names the phone is stored: no address, no cookie id.
		const stored = await db.query<{ client: string }>('SELECT client FROM scan_clients');
		expect(stored.length).toBeGreaterThan(0);
		for (const { client } of stored) {
			expect(client).not.toContain('192.0.2');
			expect(client).not.toContain([...(keeps.jar?.values() ?? [])][0]);
		}
	});

	it('a code with a NUL is a 404, not a 500', async () => {
		await expect(visit('1.000178\u0000').result).rejects.toMatchObject({ status: 404 });
	});

	it('a data request or a HEAD shows the procedure without counting', async () => {
		await visit('1.000002', { isDataRequest: true }).result;
		await visit('1.000002', { method: 'HEAD' }).result;
		expect(await catalogue.scanCount('test', '1.000002')).toBe(0);
	});

	it('an unknown code is a 404 and counts nothing', async () => {
		await expect(visit('9.999999').result).rejects.toMatchObject({ status: 404 });
		expect(await catalogue.scanCount('test', '9.999999')).toBe(0);
	});

	it('an abolished procedure is a 404', async () => {
		await expect(visit('1.000003').result).rejects.toMatchObject({ status: 404 });
		expect(await catalogue.scanCount('test', '1.000003')).toBe(0);
	});

	it("shows the center's name, address, hours and phone as saved in settings, not the environment's name", async () => {
		const identity = {
			name: 'Trung tâm Phục vụ hành chính công phường An Phú',
			governingBody: 'UBND phường An Phú',
			placeName: 'An Phú',
			address: '12 Lê Lợi',
			openingHours: 'Thứ Hai – Thứ Sáu: 7h30 – 17h00',
			phone: '0296 3 123 456',
			level: 'xa' as const
		};
		await center.update('test', identity);
		expect((await visit('1.000001').result).center).toEqual({ id: 'test', ...identity });
	});

	it('a procedure the center hides still opens and counts, marked as not received here', async () => {
		expect((await visit('1.000002').result).posted).toBe(true);
		await posted.setProcedure('test', '1.000002', false);
		const before = await catalogue.scanCount('test', '1.000002');
		const data = await visit('1.000002', { client: phone('198.51.100.40') }).result;
		expect(data.procedure.code).toBe('1.000002');
		expect(data.posted).toBe(false);
		expect(await catalogue.scanCount('test', '1.000002')).toBe(before + 1);
	});
});
