import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from './testing';
import type { Db } from './db';
import * as catalogue from './catalogue';
import * as publicity from './publicity';
import * as posted from './catalogue/posted';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));
const row = (code: string, field: string, level = 'Cấp xã') =>
	`${code},Thủ tục ${code},${field},${level},UBND,Trực tiếp,5,,`;

const PHONE =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const get = (headers: Record<string, string> = { 'user-agent': PHONE }, method = 'GET') =>
	new Request('http://hcc.test/p/1.000001', { method, headers });

describe('isScan', () => {
	it('counts a phone opening the page', () => {
		expect(publicity.isScan(get(), false)).toBe(true);
	});

	it('counts a phone whose model name contains "bot", and the Zalo in-app browser', () => {
		expect(
			publicity.isScan(
				get({ 'user-agent': 'Mozilla/5.0 (Linux; Android 10; CUBOT X30) Chrome/120 Mobile' }),
				false
			)
		).toBe(true);
		expect(publicity.isScan(get({ 'user-agent': `${PHONE} Zalo android/12` }), false)).toBe(true);
	});

	it('does not count a SvelteKit data request, a HEAD or a prefetch', () => {
		expect(publicity.isScan(get(), true)).toBe(false);
		expect(publicity.isScan(get({ 'user-agent': PHONE }, 'HEAD'), false)).toBe(false);
		expect(
			publicity.isScan(get({ 'user-agent': PHONE, 'sec-purpose': 'prefetch;prerender' }), false)
		).toBe(false);
		expect(publicity.isScan(get({ 'user-agent': PHONE, purpose: 'prefetch' }), false)).toBe(false);
	});

	it('does not count link previews, crawlers or a request with no user agent', () => {
		for (const agent of [
			'facebookexternalhit/1.1',
			'TelegramBot (like TwitterBot)',
			'WhatsApp/2.23',
			'Googlebot/2.1',
			'curl/8.5.0'
		]) {
			expect(publicity.isScan(get({ 'user-agent': agent }), false), agent).toBe(false);
		}
		expect(publicity.isScan(get({}), false)).toBe(false);
	});
});

describe.each(engines)('publicity on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile(
			'test',
			csv(
				row('1.000001', 'Hộ tịch'),
				row('1.000002', 'Hộ tịch'),
				row('1.000003', 'Đất đai'),
				row('1.000004', 'Chứng thực'),
				row('2.000001', 'Hộ tịch', 'Cấp tỉnh')
			),
			'a.csv'
		);
	});
	afterAll(() => db.close());

	it('opening a procedure counts one scan per client and hour', async () => {
		const at = (iso: string, client: string) => ({ at: new Date(iso), clients: [client] });
		expect(
			(await publicity.openProcedure('test', '1.000001', at('2026-11-02T02:00:00Z', 'a')))?.name
		).toBe('Thủ tục 1.000001');
		await publicity.openProcedure('test', '1.000001', at('2026-11-02T02:10:00Z', 'a'));
		expect(await catalogue.scanCount('test', '1.000001')).toBe(1);
		await publicity.openProcedure('test', '1.000001', at('2026-11-02T02:20:00Z', 'b'));
		await publicity.openProcedure('test', '1.000001', at('2026-11-02T03:00:00Z', 'a'));
		expect(await catalogue.scanCount('test', '1.000001')).toBe(3);
	});

	it('opening without a scan counts nothing', async () => {
		expect(await publicity.openProcedure('test', '1.000002', null)).toBeDefined();
		expect(await catalogue.scanCount('test', '1.000002')).toBe(0);
	});

	it('an unknown code is not found and leaves no counter', async () => {
		expect(
			await publicity.openProcedure('test', '9.999999', { at: new Date(), clients: ['a'] })
		).toBeUndefined();
		expect(await catalogue.scanCount('test', '9.999999')).toBe(0);
	});

	it('posters group the posted list by field in Vietnamese order, and narrow to one field', async () => {
		const all = await publicity.posters('test', null);
		expect(all?.fields).toEqual(['Chứng thực', 'Đất đai', 'Hộ tịch']);
		expect(all?.groups.map((g) => [g.field, g.procedures.map((p) => p.code)])).toEqual([
			['Chứng thực', ['1.000004']],
			['Đất đai', ['1.000003']],
			['Hộ tịch', ['1.000001', '1.000002']]
		]);
		const one = await publicity.posters('test', 'Hộ tịch');
		expect(one?.fields).toHaveLength(3);
		expect(one?.groups.map((g) => g.field)).toEqual(['Hộ tịch']);
	});

	it('posters print only what the center posts: a hidden field and procedure are left out, a shown one is in', async () => {
		await posted.setField('test', 'Đất đai', false);
		await posted.setProcedure('test', '1.000002', false);
		await posted.setProcedure('test', '2.000001', true);
		const codes = (await publicity.posters('test', null))?.groups.map((g) => [
			g.field,
			g.procedures.map((p) => p.code)
		]);
		expect(codes).toEqual([
			['Chứng thực', ['1.000004']],
			['Hộ tịch', ['1.000001', '2.000001']]
		]);
		await posted.setField('test', 'Đất đai', null);
		await posted.setField('test', 'Hộ tịch', null);
	});

	it('posters of an unknown center are undefined', async () => {
		expect(await publicity.posters('nowhere', null)).toBeUndefined();
	});
});
