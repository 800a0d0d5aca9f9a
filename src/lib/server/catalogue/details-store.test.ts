// A center's procedure details on the real database: stored by an import, kept by a file without them, sent to devices.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import type { Catalogue } from '$lib/schemas/procedure';
import * as catalogue from '.';

const BASE =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const row = (code: string) =>
	`${code},Đăng ký khai sinh ${code},Hộ tịch,Cấp xã,UBND cấp xã,Trực tiếp,Ngay trong ngày,Miễn lệ phí,`;
const file = (header: string, ...rows: string[]) =>
	new TextEncoder().encode([header, ...rows].join('\n'));
const qr: Catalogue['qr'] = {
	target: 'public',
	publicUrl: 'http://x',
	portalSearchTemplate: 'http://p?k={code}'
};
const DETAILED = `${BASE},Thành phần hồ sơ,Trình tự thực hiện,Kết quả,Căn cứ pháp lý,Quầy`;
const details =
	'"Tờ khai đăng ký khai sinh\nGiấy chứng sinh","Nộp hồ sơ\nNhận kết quả",Giấy khai sinh (bản chính),"Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",Quầy số 3';

describe.each(engines)('procedure details on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('an import stores the details and devices receive them in the catalogue', async () => {
		const outcome = await catalogue.importFile(
			'test',
			file(DETAILED, `${row('1.000001')},${details}`, `${row('1.000002')},,,,,`),
			'a.csv'
		);
		expect(outcome.ok).toBe(true);
		expect(await catalogue.find('test', '1.000001')).toMatchObject({
			documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
			steps: ['Nộp hồ sơ', 'Nhận kết quả'],
			result: 'Giấy khai sinh (bản chính)',
			legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP'],
			counter: '3'
		});
		const sent = JSON.parse((await catalogue.posted('test', qr))?.body ?? '{}') as Catalogue;
		const byCode = new Map(sent.procedures.map((p) => [p.code, p]));
		expect(byCode.get('1.000001')).toMatchObject({
			documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
			counter: '3',
			result: 'Giấy khai sinh (bản chính)'
		});
		expect(byCode.get('1.000002')).toMatchObject({
			documents: [],
			steps: [],
			result: '',
			legalBasis: [],
			counter: ''
		});
	});

	it('the preview names the changed details, and a file without the columns keeps them', async () => {
		const moved = await catalogue.importFile(
			'test',
			file(`${BASE},quay`, `${row('1.000001')},4`, `${row('1.000002')},`),
			'b.csv',
			{ dryRun: true }
		);
		expect(moved.ok && moved.diff.changed.map((c) => [c.after.code, c.fields])).toEqual([
			['1.000001', ['counter']]
		]);

		const national = await catalogue.importFile(
			'test',
			file(BASE, row('1.000001'), row('1.000002')),
			'national.csv'
		);
		expect(national.ok && [national.diff.changed.length, national.diff.unchanged]).toEqual([0, 2]);
		expect(await catalogue.find('test', '1.000001')).toMatchObject({
			documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
			counter: '3'
		});
	});

	it('an empty cell in a column the file has clears that detail', async () => {
		const outcome = await catalogue.importFile(
			'test',
			file(`${BASE},thanh_phan_ho_so`, `${row('1.000001')},`, `${row('1.000002')},`),
			'c.csv'
		);
		expect(outcome.ok && outcome.diff.changed.map((c) => [c.after.code, c.fields])).toEqual([
			['1.000001', ['documents']]
		]);
		expect(await catalogue.find('test', '1.000001')).toMatchObject({ documents: [], counter: '3' });
	});

	it('a bad detail cell refuses the file and stores nothing', async () => {
		const before = await catalogue.active('test');
		const outcome = await catalogue.importFile(
			'test',
			file(`${BASE},quay`, `${row('1.000001')},"5\u0000"`),
			'd.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: ['dòng 2, cột quay: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0000)']
		});
		expect(await catalogue.active('test')).toEqual(before);
	});
});
