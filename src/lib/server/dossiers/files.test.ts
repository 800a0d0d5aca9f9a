// Dossier files as they come from the field: mixed line endings, control characters, one code spelt four ways.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '../catalogue';
import * as dossiers from '.';

const HEADER =
	'ma_ho_so,ma_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
const line = (code: string, procedure = '') =>
	`${code},${procedure},Hộ tịch,truc_tuyen,2026-03-02,2026-03-05,2026-03-04,da_tra_ket_qua`;
const encode = (text: string) => new TextEncoder().encode(text);

async function xlsx(rows: string[][]): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Hồ sơ');
	for (const r of rows) sheet.addRow(r);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

describe.each(engines)('dossier files on %s', (engine) => {
	let db: Db;
	const stored = async (source: string) =>
		(
			await db.query<{ code: string }>(
				`SELECT code FROM dossiers WHERE center_id = 'test' AND source = $1 ORDER BY code`,
				[source]
			)
		).map((r) => r.code);

	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('the issue’s file: 5 rows, the first lines ending in CRLF and the later ones in LF, previews and imports 5 of 5', async () => {
		const rows = [HEADER, ...['HS-1', 'HS-2', 'HS-3', 'HS-4', 'HS-5'].map((c) => line(c))];
		const data = encode(`${rows.slice(0, 3).join('\r\n')}\r\n${rows.slice(3).join('\n')}\n`);
		const preview = await dossiers.importFile('test', data, 'hon-hop.csv', {
			source: 'Dòng hỗn hợp',
			dryRun: true
		});
		expect(preview).toMatchObject({
			ok: true,
			rows: 5,
			counts: { added: 5, updated: 0, unchanged: 0 }
		});
		const applied = await dossiers.importFile('test', data, 'hon-hop.csv', {
			source: 'Dòng hỗn hợp'
		});
		expect(applied).toMatchObject({ ok: true, rows: 5, counts: { added: 5 } });
		expect(await stored('Dòng hỗn hợp')).toEqual(['HS-1', 'HS-2', 'HS-3', 'HS-4', 'HS-5']);
	});

	it('a row with a cell too many is refused whole at its row: never read short, never a guess', async () => {
		const data = encode(
			[HEADER, line('HS-11'), `${line('HS-12')},thừa`, line('HS-13')].join('\r\n')
		);
		const outcome = await dossiers.importFile('test', data, 'thua.csv', { source: 'Cột thừa' });
		expect(outcome).toMatchObject({
			ok: false,
			kind: 'rows',
			errors: [expect.stringMatching(/^dòng 3: có 9 ô nhưng dòng tiêu đề có 8 cột/)]
		});
		expect(await stored('Cột thừa')).toEqual([]);
	});

	it('a NUL in a CSV cell is an error at its row and column, and nothing is written', async () => {
		const data = encode([HEADER, line('HS-21'), line('HS-2\u00002')].join('\n'));
		const outcome = await dossiers.importFile('test', data, 'nul.csv', { source: 'Ký tự lạ' });
		expect(outcome).toMatchObject({
			ok: false,
			kind: 'rows',
			errors: ['dòng 3, cột ma_ho_so: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0000)']
		});
		expect(await stored('Ký tự lạ')).toEqual([]);
		expect((await dossiers.summary('test')).map((s) => s.name)).not.toContain('Ký tự lạ');
	});

	it('a control character in an XLSX cell (as Excel writes it) is an error at its row and column, and nothing is written', async () => {
		const data = await xlsx([
			HEADER.split(','),
			line('HS-31').split(','),
			line('HS-32').replace('Hộ tịch', 'Hộ_x0007_tịch').split(',')
		]);
		const outcome = await dossiers.importFile('test', data, 'bell.xlsx', { source: 'Ký tự lạ' });
		expect(outcome).toMatchObject({
			ok: false,
			kind: 'rows',
			errors: ['dòng 3, cột linh_vuc: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0007)']
		});
		expect(await stored('Ký tự lạ')).toEqual([]);
	});

	it('a source name with a control character is refused before anything is read', async () => {
		const outcome = await dossiers.importFile(
			'test',
			encode([HEADER, line('HS-41')].join('\n')),
			'a.csv',
			{ source: 'Nguồn\u0000' }
		);
		expect(outcome).toMatchObject({ ok: false, kind: 'unreadable' });
	});

	const SPELLINGS = ['HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX\u201077'];

	it('the four spellings of one dossier code, imported one after another, are one dossier', async () => {
		for (const code of SPELLINGS) {
			const outcome = await dossiers.importFile(
				'test',
				encode([HEADER, line(code)].join('\n')),
				'a.csv',
				{ source: 'Bốn cách viết' }
			);
			expect(outcome.ok, code).toBe(true);
		}
		expect(await stored('Bốn cách viết')).toEqual(['HSX-77']);
	});

	it('the four spellings of one dossier code in one file are the same dossier three times over: refused at each repeat', async () => {
		const outcome = await dossiers.importFile(
			'test',
			encode([HEADER, ...SPELLINGS.map((c) => line(c))].join('\n')),
			'a.csv',
			{ source: 'Một tệp' }
		);
		expect(outcome).toMatchObject({
			ok: false,
			errors: [3, 4, 5].map((n) => `dòng ${n}, cột ma_ho_so: mã hồ sơ HSX-77 trùng với dòng 2`)
		});
		expect(await stored('Một tệp')).toEqual([]);
	});

	it('a procedure code spelt otherwise still finds its field in the catalogue', async () => {
		const header =
			'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
		await catalogue.importFile(
			'test',
			encode(`${header}\nBTP-01,Thủ tục,Chứng thực,Cấp xã,UBND,Trực tiếp,1,,`),
			'c.csv'
		);
		const noField =
			'ma_ho_so,ma_thu_tuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
		const outcome = await dossiers.importFile(
			'test',
			encode(`${noField}\nHS-51,btp‐01,truc_tiep,2026-03-02,2026-03-05,,dang_xu_ly`),
			'a.csv',
			{ source: 'Mã thủ tục' }
		);
		expect(outcome.ok).toBe(true);
		const [row] = await db.query<{ procedure_code: string; field: string }>(
			`SELECT procedure_code, field FROM dossiers WHERE source = 'Mã thủ tục'`
		);
		expect(row).toEqual({ procedure_code: 'BTP-01', field: 'Chứng thực' });
	});
});
