// The phone search (publicity.searchProcedures): in a file of its own, beside publicity.test.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from './testing';
import type { Db } from './db';
import * as catalogue from './catalogue';
import * as publicity from './publicity';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const row = (code: string, name: string, field: string) =>
	`${code},${name},${field},Cấp xã,UBND,Trực tiếp,5,,`;
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));

describe.each(engines)('phone search on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await catalogue.importFile(
			'test',
			csv(
				row('1.000001', 'Đăng ký khai sinh', 'Hộ tịch'),
				row('1.000002', 'Đăng ký khai tử', 'Hộ tịch'),
				row('1.000003', 'Đăng ký lại khai sinh', 'Hộ tịch'),
				row('1.000004', 'Chứng thực bản sao từ bản chính', 'Chứng thực')
			),
			'a.csv'
		);
	});
	afterAll(() => db.close());

	it('finds by words typed without accents, best first, with code, name and field', async () => {
		const found = await publicity.searchProcedures('test', '  dang ky khai sinh ');
		expect(found).toEqual({
			ok: true,
			query: 'dang ky khai sinh',
			total: 2,
			items: [
				{ code: '1.000001', name: 'Đăng ký khai sinh', field: 'Hộ tịch' },
				{ code: '1.000003', name: 'Đăng ký lại khai sinh', field: 'Hộ tịch' }
			]
		});
	});

	it('finds by code, and by Vietnamese typed in decomposed Unicode', async () => {
		expect(await publicity.searchProcedures('test', '1.000004')).toMatchObject({
			ok: true,
			items: [{ code: '1.000004' }]
		});
		const nfd = await publicity.searchProcedures('test', 'Chứng thực'.normalize('NFD'));
		expect(nfd).toMatchObject({ ok: true, query: 'Chứng thực', items: [{ code: '1.000004' }] });
	});

	it('an empty query and one that matches nothing find nothing, without an error', async () => {
		expect(await publicity.searchProcedures('test', '   ')).toEqual({
			ok: true,
			query: '',
			items: [],
			total: 0
		});
		expect(await publicity.searchProcedures('test', 'hải quan')).toMatchObject({
			ok: true,
			items: [],
			total: 0
		});
	});

	it('refuses a query too long or with control characters, in Vietnamese', async () => {
		const long = await publicity.searchProcedures('test', 'khai sinh '.repeat(11));
		expect(long).toMatchObject({
			ok: false,
			message: expect.stringContaining('dài quá 100 ký tự')
		});
		expect(await publicity.searchProcedures('test', 'khai\u0000sinh')).toMatchObject({
			ok: false,
			query: '',
			message: expect.stringContaining('không hợp lệ')
		});
	});
});
