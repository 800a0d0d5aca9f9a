import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '../catalogue';
import { manualEntrySchema, manualFormValues } from '$lib/schemas/dossiers';
import type { ThroughputRow } from '$lib/domain/throughput';
import * as dossiers from '.';

const HEADER =
	'ma_ho_so,ma_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
const line = (
	code: string,
	status = 'da_tra_ket_qua',
	finished = '2026-03-04',
	field = 'Hộ tịch'
) =>
	`${code},,${field},truc_tuyen,2026-03-02,2026-03-05,${status === 'dang_xu_ly' ? '' : finished},${status}`;
const csv = (header: string, ...lines: string[]) =>
	new TextEncoder().encode([header, ...lines].join('\n'));

describe.each(engines)('dossier imports on %s', (engine) => {
	let db: Db;
	const stored = async (source?: string) =>
		(
			await db.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM dossiers WHERE center_id = 'test' ${source ? 'AND source = $1' : ''}`,
				source ? [source] : []
			)
		)[0].n;
	const row = async (source: string, code: string) =>
		(
			await db.query<{ status: string; finished_on: string | null; field: string }>(
				`SELECT status, finished_on, field FROM dossiers WHERE source = $1 AND code = $2`,
				[source, code]
			)
		)[0];

	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('imports a file, and re-importing it updates what changed and never adds a dossier twice', async () => {
		const first = await dossiers.importFile(
			'test',
			csv(HEADER, line('HS-1'), line('HS-2'), line('HS-3', 'dang_xu_ly')),
			'a.csv'
		);
		expect(first).toMatchObject({
			ok: true,
			applied: true,
			source: 'Một cửa',
			counts: { added: 3, updated: 0, unchanged: 0 }
		});
		const again = await dossiers.importFile(
			'test',
			csv(
				HEADER,
				line('HS-1'),
				line('HS-2'),
				line('HS-3', 'da_tra_ket_qua', '2026-03-06'),
				line('HS-4')
			),
			'a.csv'
		);
		expect(again).toMatchObject({
			ok: true,
			counts: { added: 1, updated: 1, unchanged: 2 },
			bySource: [{ source: 'Một cửa', added: 1, updated: 1, unchanged: 2 }]
		});
		expect(await stored('Một cửa')).toBe(4);
		expect(await row('Một cửa', 'HS-3')).toEqual({
			status: 'da_tra_ket_qua',
			finished_on: '2026-03-06',
			field: 'Hộ tịch'
		});
	});

	it('a dry run counts what would change and writes nothing', async () => {
		const outcome = await dossiers.importFile(
			'test',
			csv(HEADER, line('HS-1', 'tu_choi'), line('HS-9')),
			'b.csv',
			{ dryRun: true }
		);
		expect(outcome).toMatchObject({
			ok: true,
			applied: false,
			counts: { added: 1, updated: 1, unchanged: 0 }
		});
		expect(await stored()).toBe(4);
		expect((await row('Một cửa', 'HS-1')).status).toBe('da_tra_ket_qua');
	});

	it('a file with one bad row is rejected whole: nothing written, not even its source', async () => {
		const outcome = await dossiers.importFile(
			'test',
			csv(HEADER, line('HS-20'), line('HS-21', 'xong')),
			'c.csv',
			{ source: 'Nguồn lỗi' }
		);
		expect(outcome).toMatchObject({
			ok: false,
			kind: 'rows',
			errors: [
				'dòng 3, cột trang_thai: "xong" không phải trạng thái (Đã trả kết quả, Từ chối, Rút hồ sơ, Đang xử lý, Yêu cầu bổ sung)'
			]
		});
		expect(await stored()).toBe(4);
		expect((await dossiers.summary('test')).map((s) => s.name)).not.toContain('Nguồn lỗi');
	});

	it('sources are kept apart: the same code in two sources is two dossiers, and a nguon column splits a file', async () => {
		await dossiers.importFile('test', csv(HEADER, line('HS-1', 'rut')), 'd.csv', {
			source: 'Bộ Tư pháp'
		});
		expect(await stored()).toBe(5);
		expect((await row('Bộ Tư pháp', 'HS-1')).status).toBe('rut');
		expect((await row('Một cửa', 'HS-1')).status).toBe('da_tra_ket_qua');
		const split = await dossiers.importFile(
			'test',
			csv(
				`${HEADER},nguon`,
				`${line('HS-1', 'rut')},Bộ Tư pháp`,
				`${line('HS-30')},Bộ Công an`,
				`${line('HS-31')},`
			),
			'e.csv'
		);
		expect(split.ok && split.bySource).toEqual([
			{ source: 'Bộ Công an', added: 1, updated: 0, unchanged: 0 },
			{ source: 'Bộ Tư pháp', added: 0, updated: 0, unchanged: 1 },
			{ source: 'Một cửa', added: 1, updated: 0, unchanged: 0 }
		]);
	});

	it('unknown headers need a mapping; the chosen mapping is remembered for that source', async () => {
		const header = 'Mã HS,Lĩnh vực,Hình thức,Ngày nhận HS,Hạn,Ngày trả,Tình trạng,Ghi chú';
		const file = () =>
			csv(
				header,
				'T-1,Đất đai,Trực tiếp,02/03/2026,10/03/2026,09/03/2026,Đã trả kết quả,',
				'T-2,Đất đai,Trực tuyến,03/03/2026 09:30,11/03/2026,,Đang giải quyết,gọi lại'
			);
		const unmapped = await dossiers.importFile('test', file(), 'dat-dai.csv', {
			source: 'Chi nhánh VP đăng ký đất đai'
		});
		expect(unmapped).toMatchObject({
			ok: false,
			kind: 'mapping',
			missing: [
				'ma_ho_so',
				'kenh_nop',
				'ngay_tiep_nhan',
				'han_tra_ket_qua',
				'ngay_tra_ket_qua',
				'trang_thai'
			],
			headers: header.split(','),
			mapping: { linh_vuc: 'Lĩnh vực' }
		});
		const twice = await dossiers.importFile('test', file(), 'dat-dai.csv', {
			source: 'Chi nhánh VP đăng ký đất đai',
			mapping: { ma_ho_so: 'Mã HS', ngay_tiep_nhan: 'Hạn', han_tra_ket_qua: 'Hạn' },
			dryRun: true
		});
		expect(twice).toMatchObject({
			ok: false,
			kind: 'mapping',
			errors: [
				'Cột “Hạn” của tệp được chọn cho cả ngay_tiep_nhan và han_tra_ket_qua: mỗi cột của tệp chỉ ghép một lần.'
			]
		});
		const mapping = {
			ma_ho_so: 'Mã HS',
			kenh_nop: 'Hình thức',
			ngay_tiep_nhan: 'Ngày nhận HS',
			han_tra_ket_qua: 'Hạn',
			ngay_tra_ket_qua: 'Ngày trả',
			trang_thai: 'Tình trạng'
		};
		const mapped = await dossiers.importFile('test', file(), 'dat-dai.csv', {
			source: 'Chi nhánh VP đăng ký đất đai',
			mapping
		});
		expect(mapped).toMatchObject({ ok: true, counts: { added: 2 }, unused: ['Ghi chú'] });
		expect(await dossiers.mappingOf('test', 'Chi nhánh VP đăng ký đất đai')).toEqual({
			...mapping,
			linh_vuc: 'Lĩnh vực'
		});
		const next = await dossiers.importFile('test', file(), 'dat-dai-thang-sau.csv', {
			source: 'Chi nhánh VP đăng ký đất đai'
		});
		expect(next).toMatchObject({ ok: true, counts: { added: 0, updated: 0, unchanged: 2 } });
		// Another source does not get it.
		expect(
			await dossiers.importFile('test', file(), 'x.csv', { source: 'BHXH cơ sở', dryRun: true })
		).toMatchObject({ ok: false, kind: 'mapping' });
	});

	it('reads an XLSX export with Vietnamese headers and date cells, and takes a missing field from the catalogue', async () => {
		const procedures =
			'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url\n1.001193,Đăng ký khai sinh,Hộ tịch,Cấp xã,UBND,Trực tuyến,1 ngày,,';
		expect(
			(await catalogue.importFile('test', new TextEncoder().encode(procedures), 'c.csv')).ok
		).toBe(true);
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Hồ sơ');
		sheet.addRow([
			'Mã hồ sơ',
			'Mã thủ tục',
			'Kênh nộp',
			'Ngày tiếp nhận',
			'Hạn trả kết quả',
			'Ngày trả kết quả',
			'Trạng thái',
			'Có phí',
			'Số hóa'
		]);
		sheet.addRow([
			'X-1',
			'1.001193',
			'Trực tuyến',
			new Date(Date.UTC(2026, 2, 2)),
			new Date(Date.UTC(2026, 2, 3)),
			new Date(Date.UTC(2026, 2, 3)),
			'Đã trả kết quả',
			'có',
			'x'
		]);
		const data = new Uint8Array(await book.xlsx.writeBuffer());
		const outcome = await dossiers.importFile('test', data, 'xuat.xlsx', { source: 'Hệ thống Bộ' });
		expect(outcome).toMatchObject({ ok: true, counts: { added: 1 } });
		const [saved] = await db.query(
			`SELECT field, received_on, due_on, finished_on, has_fee, digitized FROM dossiers WHERE source = 'Hệ thống Bộ' AND code = 'X-1'`
		);
		expect(saved).toEqual({
			field: 'Hộ tịch',
			received_on: '2026-03-02',
			due_on: '2026-03-03',
			finished_on: '2026-03-03',
			has_fee: true,
			digitized: true
		});
	});

	it('an unreadable file says why and writes nothing', async () => {
		expect(
			await dossiers.importFile('test', new Uint8Array([0xff, 0xfe, 0x00]), 'x.csv')
		).toMatchObject({ ok: false, kind: 'unreadable' });
		expect(await dossiers.importFile('test', new Uint8Array([1]), 'x.pdf')).toMatchObject({
			ok: false,
			kind: 'unreadable'
		});
	});

	it('the summary gives each source its count, received dates and last import', async () => {
		const all = await dossiers.summary('test');
		const oneStop = all.find((s) => s.name === 'Một cửa');
		expect(oneStop).toMatchObject({
			dossiers: 5,
			firstReceived: '2026-03-02',
			lastReceived: '2026-03-02',
			manualPeriods: 0,
			mapped: true
		});
		expect(Date.parse(oneStop?.lastImport ?? '')).toBeGreaterThan(Date.now() - 600_000);
		expect(all.map((s) => s.name)).toEqual([
			'Bộ Công an',
			'Bộ Tư pháp',
			'Chi nhánh VP đăng ký đất đai',
			'Hệ thống Bộ',
			'Một cửa'
		]);
	});
});

const figures = (
	received: number,
	online: number,
	resolved: number,
	pending: number
): ThroughputRow => ({
	received: { total: received, online, direct: received - online, carriedOver: 0 },
	resolved: { total: resolved, early: 0, onTime: resolved, late: 0, rejected: 0, withdrawn: 0 },
	pending: { total: pending, onTime: pending, overdue: 0, supplement: 0 }
});

describe.each(engines)('figures typed by hand on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('saving replaces the source’s figures for that exact period, and the report builder reads them back', async () => {
		await dossiers.saveManualFigures('test', 'BHXH cơ sở', '2026-03-15', '2026-04-14', [
			{ field: 'Bảo hiểm xã hội', row: figures(62, 0, 60, 2) },
			{ field: 'Bảo hiểm y tế', row: figures(5, 5, 5, 0) }
		]);
		await dossiers.saveManualFigures('test', 'BHXH cơ sở', '2026-03-15', '2026-04-14', [
			{ field: 'Bảo hiểm xã hội', row: figures(63, 0, 61, 2) }
		]);
		await dossiers.saveManualFigures('test', 'BHXH cơ sở', '2026-02-15', '2026-03-14', [
			{ field: 'Bảo hiểm xã hội', row: figures(40, 0, 40, 0) }
		]);
		expect(await dossiers.manualRows(['test'], '2026-03-15', '2026-04-14')).toEqual([
			{
				centerId: 'test',
				source: 'BHXH cơ sở',
				field: 'Bảo hiểm xã hội',
				row: figures(63, 0, 61, 2)
			}
		]);
		expect(await dossiers.manualRows(['test'], '2026-03-15', '2026-04-13')).toEqual([]);
		expect(
			(await dossiers.manualEntries('test')).map((e) => [
				e.source,
				e.from,
				e.to,
				e.fields,
				e.received
			])
		).toEqual([
			['BHXH cơ sở', '2026-03-15', '2026-04-14', 1, 63],
			['BHXH cơ sở', '2026-02-15', '2026-03-14', 1, 40]
		]);
		expect((await dossiers.summary('test')).find((s) => s.name === 'BHXH cơ sở')).toMatchObject({
			dossiers: 0,
			manualPeriods: 2,
			lastImport: null
		});
	});

	it('figures that break an identity are not saved until that very entry is confirmed', async () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({
			source: 'Chi nhánh VP đăng ký đất đai',
			from: '2026-01-15',
			to: '2026-02-14',
			field: 'Đất đai'
		}))
			form.set(k, v);
		// Seed 004's arithmetic: 921 received, 14 carried over and 879 new.
		const typed: Record<string, string> = {
			'received.total': '921',
			'received.online': '879',
			'received.carriedOver': '14',
			'resolved.total': '919',
			'resolved.onTime': '919',
			'pending.total': '2',
			'pending.onTime': '2'
		};
		for (const [k, v] of Object.entries(typed)) form.set(k, v);
		const entry = manualEntrySchema.parse(manualFormValues(form));
		const first = await dossiers.submitManualEntry('test', entry, 'u1');
		expect(first).toMatchObject({
			ok: false,
			problems: [{ row: 'Đất đai', identity: '(3) = (4) + (5) + (6)', left: 921, right: 893 }]
		});
		expect(await dossiers.manualRows(['test'], '2026-01-15', '2026-02-14')).toEqual([]);
		if (first.ok) return;
		// A confirmation of other figures does not count.
		const changed = {
			...entry,
			rows: [
				{
					...entry.rows[0],
					row: { ...entry.rows[0].row, resolved: { ...entry.rows[0].row.resolved, total: 918 } }
				}
			],
			confirm: true,
			checked: first.checked
		};
		expect(await dossiers.submitManualEntry('test', changed, 'u1')).toMatchObject({ ok: false });
		const saved = await dossiers.submitManualEntry(
			'test',
			{ ...entry, confirm: true, checked: first.checked },
			'u1'
		);
		expect(saved).toMatchObject({
			ok: true,
			fields: 1,
			problems: [{ identity: '(3) = (4) + (5) + (6)' }]
		});
		const [row] = await dossiers.listManualFigures('test', '2026-01-15', '2026-02-14');
		expect(row).toMatchObject({
			source: 'Chi nhánh VP đăng ký đất đai',
			field: 'Đất đai',
			enteredBy: 'u1'
		});
		expect(row.row.received).toEqual({ total: 921, online: 879, direct: 0, carriedOver: 14 });
	});

	it('an entry that adds up is saved at once', async () => {
		const entry = {
			source: 'Quân sự',
			from: '2026-01-15',
			to: '2026-02-14',
			rows: [{ field: 'Nghĩa vụ quân sự', row: figures(3, 1, 3, 0) }],
			total: null,
			confirm: false,
			checked: ''
		};
		expect(await dossiers.submitManualEntry('test', entry, null)).toEqual({
			ok: true,
			problems: [],
			fields: 1
		});
		expect(await dossiers.manualEntry('test', 'Quân sự', '2026-01-15', '2026-02-14')).toEqual([
			{ field: 'Nghĩa vụ quân sự', row: figures(3, 1, 3, 0) }
		]);
	});

	it('a negative or fractional figure is refused by the schema before anything is saved', async () => {
		await expect(
			dossiers.saveManualFigures('test', 'Quân sự', '2026-01-15', '2026-02-14', [
				{ field: 'X', row: figures(-1, 0, 0, 0) }
			])
		).rejects.toThrow();
		expect(await dossiers.manualEntry('test', 'Quân sự', '2026-01-15', '2026-02-14')).toHaveLength(
			1
		);
	});
});
