// Catalogue files as they come from the field: mixed line endings, control characters, codes spelt otherwise,
// and addresses that lead off the national portal.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as publicity from '../publicity';
import * as catalogue from '.';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const PORTAL = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-4fc1-768b-9ba3-94be4bca58ee';
const row = (code: string, url = PORTAL, name = `Thủ tục ${code}`) =>
	`${code},${name},Hộ tịch,Cấp xã,UBND cấp xã,Trực tiếp,5 Ngày,,${url}`;
const encode = (text: string) => new TextEncoder().encode(text);
const csv = (...rows: string[]) => encode([HEADER, ...rows].join('\n'));

describe.each(engines)('catalogue files on %s', (engine) => {
	let db: Db;
	const codes = async () => (await catalogue.active('test')).map((p) => p.code);
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('a 5-row file whose first lines end in CRLF and later ones in LF is read 5 of 5, in the preview and when applied', async () => {
		const lines = [
			HEADER,
			...['1.000001', '1.000002', '1.000003', '1.000004', '1.000005'].map((c) => row(c))
		];
		const data = encode(`${lines.slice(0, 3).join('\r\n')}\r\n${lines.slice(3).join('\n')}\n`);
		const preview = await catalogue.importFile('test', data, 'hon-hop.csv', { dryRun: true });
		expect(preview).toMatchObject({
			ok: true,
			rows: 5,
			diff: { added: expect.arrayContaining([]) }
		});
		expect(preview.ok && preview.diff.added).toHaveLength(5);
		const applied = await catalogue.importFile('test', data, 'hon-hop.csv');
		expect(applied).toMatchObject({ ok: true, rows: 5 });
		expect(await codes()).toEqual(['1.000001', '1.000002', '1.000003', '1.000004', '1.000005']);
	});

	it('a quoted name with a line break inside is one row, its line break read as a space', async () => {
		const data = encode(
			`${HEADER}\r\n1.000001,"Đăng ký\r\nkhai sinh",Hộ tịch,Cấp xã,UBND,Trực tiếp,5,"Lệ phí:\n8.000 đồng",${PORTAL}\r\n`
		);
		const outcome = await catalogue.importFile('test', data, 'a.csv', { dryRun: true });
		expect(outcome).toMatchObject({ ok: true, rows: 1 });
		expect(outcome.ok && outcome.diff.changed[0].after).toMatchObject({
			name: 'Đăng ký khai sinh',
			fee: 'Lệ phí:\n8.000 đồng'
		});
	});

	it('a row off the header’s column count is an error at its row, and nothing changes', async () => {
		const outcome = await catalogue.importFile(
			'test',
			csv(row('1.000001'), `${row('1.000002')},thừa`),
			'a.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^dòng 3: có 10 ô nhưng dòng tiêu đề có 9 cột/)]
		});
		expect(await codes()).toHaveLength(5);
	});

	it('a NUL in a CSV cell is an error at its row and column, and nothing changes', async () => {
		const outcome = await catalogue.importFile(
			'test',
			csv(row('1.000001'), row('1.000002', PORTAL, 'Tên\u0000lạ')),
			'a.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: ['dòng 3, cột ten_thu_tuc: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0000)']
		});
		expect(await codes()).toHaveLength(5);
	});

	it('a control character in an XLSX cell (as Excel writes it) is an error at its row and column', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('TTHC');
		for (const r of [HEADER, row('1.000001'), row('1.000002', PORTAL, 'Tên_x001B_lạ')])
			sheet.addRow(r.split(','));
		const outcome = await catalogue.importFile(
			'test',
			new Uint8Array(await book.xlsx.writeBuffer()),
			'a.xlsx'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: ['dòng 3, cột ten_thu_tuc: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+001B)']
		});
	});

	it('codes are kept as their comparison key, and a lookup of any spelling finds the procedure', async () => {
		const outcome = await catalogue.importFile(
			'test',
			csv(row('btp‐hni‐01'), row('ＢＴＰ－ＨＮＩ－０２')),
			'a.csv'
		);
		expect(outcome.ok).toBe(true);
		expect(await codes()).toEqual(['BTP-HNI-01', 'BTP-HNI-02']);
		for (const spelling of [
			'BTP-HNI-01',
			'btp-hni-01',
			'ＢＴＰ－ＨＮＩ－０１',
			'BTP\u2010HNI\u201001'
		]) {
			expect((await catalogue.find('test', spelling))?.code, spelling).toBe('BTP-HNI-01');
		}
		expect(await catalogue.find('test', 'BTP-HNI-01\u0000')).toBeUndefined();
	});

	it('the phone page (/p/[code]) finds a code spelt otherwise and counts the scan under the stored code; a NUL is not found', async () => {
		const at = { at: new Date('2026-11-02T02:00:00Z'), clients: ['cookie:test'] };
		expect((await publicity.openProcedure('test', 'btp-hni-02', at))?.code).toBe('BTP-HNI-02');
		expect(await catalogue.scanCount('test', 'BTP-HNI-02')).toBe(1);
		expect(await publicity.openProcedure('test', '1.000178\u0000', at)).toBeUndefined();
	});

	it('two spellings of one procedure code in one file are a duplicate', async () => {
		const outcome = await catalogue.importFile(
			'test',
			csv(row('btp-hni-01'), row('BTP-HNI-01')),
			'a.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: ['dòng 3, cột ma_thu_tuc: mã BTP-HNI-01 trùng với dòng 2']
		});
	});

	it('only http and https addresses are taken: javascript: and data: are errors at their row', async () => {
		const outcome = await catalogue.importFile(
			'test',
			csv(
				row('1.000001', 'javascript:alert(1)'),
				row('1.000002', '"data:text/html;base64,PHNjcmlwdD4="')
			),
			'a.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: [
				'dòng 2, cột url: địa chỉ phải bắt đầu bằng http:// hoặc https://',
				'dòng 3, cột url: địa chỉ phải bắt đầu bằng http:// hoặc https://'
			]
		});
	});

	it('the portal and its subdomains need no confirmation; any other host is named with its row', async () => {
		const file = csv(
			row('1.000001'),
			row('1.000002', 'https://thutuc.dichvucong.gov.vn/p/1'),
			row('1.000003', 'https://dichvucong.gov.vn.evil.example/thu-tuc'),
			row('1.000004', 'https://dichvucong.gov.vn@phish.example/x'),
			row('1.000005', '')
		);
		const preview = await catalogue.importFile('test', file, 'a.csv', { dryRun: true });
		expect(preview.ok && preview.foreign).toEqual([
			{
				line: 4,
				code: '1.000003',
				host: 'dichvucong.gov.vn.evil.example',
				url: 'https://dichvucong.gov.vn.evil.example/thu-tuc'
			},
			{
				line: 5,
				code: '1.000004',
				host: 'phish.example',
				url: 'https://dichvucong.gov.vn@phish.example/x'
			}
		]);
	});

	it('a phishing address is not applied without the confirmation, and is with it', async () => {
		const phishing = 'https://dichvucong-gov.example/thu-tuc/1.000001';
		const file = csv(row('1.000001', phishing), row('1.000002'));
		const refused = await catalogue.importFile('test', file, 'a.csv');
		expect(refused).toEqual({
			ok: false,
			errors: [expect.stringContaining('dòng 2: dichvucong-gov.example')]
		});
		expect((await catalogue.find('test', '1.000001'))?.url).not.toBe(phishing);
		const confirmed = await catalogue.importFile('test', file, 'a.csv', { confirmHosts: true });
		expect(confirmed).toMatchObject({
			ok: true,
			applied: true,
			rows: 2,
			foreign: [{ line: 2, host: 'dichvucong-gov.example' }]
		});
		expect((await catalogue.find('test', '1.000001'))?.url).toBe(phishing);
	});

	it('the demo catalogue is all on the portal: nothing to confirm', async () => {
		const { readFile } = await import('node:fs/promises');
		const outcome = await catalogue.importFile(
			'test',
			await readFile('demo/tthc-catalogue.csv'),
			'tthc-catalogue.csv',
			{ dryRun: true }
		);
		expect(outcome).toMatchObject({ ok: true, rows: 2643, foreign: [] });
		if (outcome.ok)
			expect(outcome.diff.added.length + outcome.diff.changed.length + outcome.diff.unchanged).toBe(
				2643
			);
	});
});
