// `npm run cli -- report`: JSON in the API's shape on standard output, text with the prose and the table, the files
// written with --out and read back, and bad arguments refused before anything runs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import type { Config } from '$lib/server/config';
import type { Report } from '$lib/domain/report';
import { cliRunner } from './testing';

describe.each(engines)('report on the command line, %s', (engine) => {
	let db: Db;
	let cfg: Config;
	let dir: string;
	const run = cliRunner(async () => ({ db, cfg }));

	beforeAll(async () => {
		({ db, cfg } = await bootTest(engine));
		dir = await mkdtemp(path.join(tmpdir(), 'sanhso-report-'));
		await db.query(`INSERT INTO dossier_sources (center_id, name) VALUES ('test', 'Một cửa')`);
		// Tháng 5/2026 (15/4 – 14/5): one early, one late, one carried over and still pending, one rejected.
		await db.query(
			`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status) VALUES
			 ('test', 'Một cửa', 'A', 'Hộ tịch', 'truc_tuyen', '2026-04-20', '2026-04-25', '2026-04-22', 'da_tra_ket_qua'),
			 ('test', 'Một cửa', 'B', 'Hộ tịch', 'truc_tiep', '2026-04-21', '2026-04-25', '2026-04-28', 'da_tra_ket_qua'),
			 ('test', 'Một cửa', 'C', 'Đất đai', 'truc_tuyen', '2026-04-01', '2026-06-30', NULL, 'dang_xu_ly'),
			 ('test', 'Một cửa', 'D', 'Đất đai', 'buu_chinh', '2026-05-02', '2026-05-12', '2026-05-03', 'tu_choi')`
		);
	});
	afterAll(() => db.close());

	it('prints the JSON of the API, named as PRODUCT.md names it', async () => {
		const result = await run(['report', '--from', '2026-04-15', '--to', '2026-05-14']);
		expect(result.exit).toBe(0);
		const report: Report = JSON.parse(result.out);
		expect(report.period).toMatchObject({ kind: 'month', label: 'Tháng 5/2026' });
		expect(report.throughput.total).toEqual({
			received: { total: 4, online: 1, direct: 2, carriedOver: 1 },
			resolved: { total: 3, early: 1, onTime: 0, late: 1, rejected: 1, withdrawn: 0 },
			pending: { total: 1, onTime: 1, overdue: 0, supplement: 0 }
		});
		expect(report.throughput.rows.map((r) => r.field)).toEqual(['Đất đai', 'Hộ tịch']);
	});

	it('prints text: the prose and the numbered table with the total and rate rows', async () => {
		const result = await run([
			'report',
			'--from',
			'2026-04-15',
			'--to',
			'2026-05-14',
			'--format',
			'text'
		]);
		expect(result.exit).toBe(0);
		expect(result.out).toContain('Tổng số hồ sơ tiếp nhận là 4 hồ sơ');
		expect(result.out).toMatch(/^Lĩnh vực\s+\(3\)\s+\(4\)/m);
		expect(result.out).toMatch(
			/^Tổng cộng\s+4\s+1\s+2\s+1\s+3\s+1\s+0\s+1\s+1\s+0\s+1\s+1\s+0\s+0$/m
		);
		expect(result.out).toMatch(/^Tỷ lệ\s+100%\s+25%\s+50%\s+25%\s+75%/m);
	});

	it('writes XLSX and DOCX with --out, holding the numbers of the JSON', async () => {
		const xlsx = path.join(dir, 'thang-5.xlsx');
		expect(
			(
				await run([
					'report',
					'--from',
					'2026-04-15',
					'--to',
					'2026-05-14',
					'--format',
					'xlsx',
					'--out',
					xlsx
				])
			).exit
		).toBe(0);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await readFile(xlsx)) as unknown as ArrayBuffer);
		const rows: unknown[][] = [];
		book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
		expect(rows.find((r) => r.includes('Tổng cộng'))?.slice(-14)).toEqual([
			4, 1, 2, 1, 3, 1, 0, 1, 1, 0, 1, 1, 0, 0
		]);

		const docx = path.join(dir, 'thang-5.docx');
		expect(
			(
				await run([
					'report',
					'--from',
					'2026-04-15',
					'--to',
					'2026-05-14',
					'--format',
					'docx',
					'--out',
					docx
				])
			).exit
		).toBe(0);
		const xml = await (
			await JSZip.loadAsync(await readFile(docx))
		)
			.file('word/document.xml')
			?.async('string');
		expect(xml).toContain('w:orient="landscape"');
		expect(xml).toContain('Tổng cộng');
	});

	it('refuses bad arguments with a reason and writes nothing', async () => {
		const cases: [string[], number, RegExp][] = [
			[['report', '--from', '2026-05-14', '--to', '2026-04-15'], 1, /trước hoặc bằng/],
			[['report', '--from', '2026-02-30', '--to', '2026-03-14'], 1, /không có thật/],
			[['report', '--to', '2026-03-14'], 1, /Thiếu ngày bắt đầu/],
			[
				['report', '--from', '2026-04-15', '--to', '2026-05-14', '--format', 'pdf'],
				2,
				/--format must be one of/
			],
			[
				['report', '--from', '2026-04-15', '--to', '2026-05-14', '--format', 'docx'],
				2,
				/give --out FILE/
			]
		];
		for (const [args, exit, message] of cases) {
			const result = await run(args);
			expect(result.exit, args.join(' ')).toBe(exit);
			expect(result.err, args.join(' ')).toMatch(message);
		}
	});
});
