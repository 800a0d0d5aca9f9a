import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Catalogue } from '$lib/schemas/procedure';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '.';
import * as posted from './posted';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));
const row = (code: string, field: string, level = 'Cấp xã') =>
	`${code},Thủ tục ${code},${field},${level},UBND,Trực tiếp,5,,`;
const QR: Catalogue['qr'] = {
	target: 'public',
	publicUrl: 'http://hcc.test',
	portalSearchTemplate: 'https://dichvucong.gov.vn/?q={code}'
};

/** The posted list exactly as a kiosk downloads it. */
async function deviceList(): Promise<NonNullable<Catalogue['posted']>> {
	const copy = await catalogue.posted('test', QR);
	const list = (JSON.parse(copy?.body ?? '{}') as Catalogue).posted;
	if (!list) throw new Error('no posted list in the catalogue');
	// Codes sorted: the catalogue's field order is the database's collation, which differs between engines.
	return { ...list, codes: [...list.codes].sort() };
}

describe.each(engines)('the posted list on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile(
			'test',
			csv(
				row('1.000001', 'Hộ tịch'),
				row('1.000002', 'Hộ tịch'),
				row('1.000003', 'Hải quan'),
				row('2.000001', 'Hộ tịch', 'Cấp tỉnh'),
				row('2.000002', 'Đất đai', 'Cấp tỉnh')
			),
			'a.csv'
		);
	});
	afterAll(() => db.close());

	it('a new commune center posts its commune-level procedures, with no pins and no counters', async () => {
		expect(await deviceList()).toEqual({
			codes: ['1.000001', '1.000002', '1.000003'],
			pins: [],
			counters: {}
		});
	});

	it('hiding a field takes it off the devices’ list and changes the catalogue’s ETag', async () => {
		const before = await catalogue.posted('test', QR);
		expect(await posted.setField('test', 'Hải quan', false)).toEqual({ ok: true });
		expect((await deviceList()).codes).toEqual(['1.000001', '1.000002']);
		expect((await catalogue.posted('test', QR))?.etag).not.toBe(before?.etag);
	});

	it('one procedure is hidden or shown alone; showing its whole field again clears that choice', async () => {
		await posted.setProcedure('test', '1.000002', false);
		await posted.setProcedure('test', '2.000002', true);
		expect((await deviceList()).codes).toEqual(['1.000001', '2.000002']);
		await posted.setField('test', 'Hộ tịch', true);
		expect((await deviceList()).codes).toEqual(['1.000001', '1.000002', '2.000001', '2.000002']);
		await posted.setField('test', 'Hộ tịch', null);
		expect((await deviceList()).codes).toEqual(['1.000001', '1.000002', '2.000002']);
	});

	it('the manager’s page sees each procedure’s state and why', async () => {
		const overview = await catalogue.postedOverview('test');
		const state = Object.fromEntries(
			(overview?.procedures ?? []).map((p) => [p.code, [p.posted, p.reason]])
		);
		expect(state).toEqual({
			'1.000001': [true, 'level'],
			'1.000002': [true, 'level'],
			'1.000003': [false, 'field'],
			'2.000001': [false, 'level'],
			'2.000002': [true, 'procedure']
		});
	});

	it('pins keep their order, move, and stop at eight', async () => {
		await posted.movePinned('test', 'Đất đai', 'pin');
		await posted.movePinned('test', 'Hộ tịch', 'pin');
		await posted.movePinned('test', 'Hộ tịch', 'up');
		expect((await deviceList()).pins).toEqual(['Hộ tịch', 'Đất đai']);
		await db.query(`UPDATE centers SET pinned_fields = $2 WHERE id = $1`, [
			'test',
			['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Hộ tịch']
		]);
		expect(await posted.movePinned('test', 'Đất đai', 'pin')).toEqual({
			ok: false,
			message: 'Đã ghim đủ 8 lĩnh vực. Hãy bỏ ghim một lĩnh vực trước.'
		});
		// Pins of fields the catalogue no longer has do not reach the devices.
		expect((await deviceList()).pins).toEqual(['Hộ tịch']);
		await posted.movePinned('test', 'A', 'unpin');
		expect((await posted.choices('test')).pins).toHaveLength(7);
	});

	it('a counter is kept per field and sent to the devices; an unknown field is refused and nothing changes', async () => {
		expect(await posted.setCounter('test', 'Hộ tịch', 'Quầy 3')).toEqual({ ok: true });
		expect(await posted.setCounter('test', 'Không có', '5')).toEqual({
			ok: false,
			message: 'Không có lĩnh vực này trong danh mục.'
		});
		expect(await posted.setField('test', 'Không có', false)).toEqual({
			ok: false,
			message: 'Không có lĩnh vực này trong danh mục.'
		});
		expect(await posted.setProcedure('test', '9.999999', true)).toEqual({
			ok: false,
			message: 'Không có thủ tục này trong danh mục.'
		});
		expect(await posted.movePinned('test', 'Không có', 'pin')).toEqual({
			ok: false,
			message: 'Không có lĩnh vực này trong danh mục.'
		});
		expect((await deviceList()).counters).toEqual({ 'Hộ tịch': 'Quầy 3' });
		expect((await posted.choices('test')).fields.map((f) => f.field).sort()).toEqual([
			'Hải quan',
			'Hộ tịch'
		]);
	});
});

describe.each(engines)('the demo center on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine, { DEMO_DATA: 'true' }));
	});
	afterAll(() => db.close());

	it('posts commune-level procedures but no customs, tax or maritime field, and pins its commonest fields', async () => {
		const list = await deviceList();
		const all = await catalogue.active('test');
		const fields = new Set(all.filter((p) => list.codes.includes(p.code)).map((p) => p.field));
		for (const f of ['Hải quan', 'Thuế', 'Hàng hải và đường thủy nội địa'])
			expect(fields.has(f), f).toBe(false);
		expect(fields.has('Hộ tịch')).toBe(true);
		expect(list.codes).toHaveLength(589 - 124 - 111 - 25);
		expect(list.pins[0]).toBe('Hộ tịch');
	});
});
