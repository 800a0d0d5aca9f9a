// The report page end to end: seed 001's dossiers (made to order, land row corrected) imported as a CSV through the
// CLI, the page showing the seed's table to the unit, a period chosen the way a center names it, and every download
// read back by a real reader holding the same numbers as the JSON API.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { cliOn } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';
import { SEED_001_ROWS, SEED_001_TOTAL } from '../src/lib/domain/report.fixture';
import { recordsForRow, recordsOutside } from '../src/lib/domain/sample-dossiers';
import { seededRandom } from '../src/lib/domain/random';
import type { Report, ThroughputRow } from '../src/lib/domain/report';
import { THROUGHPUT_COLUMNS } from '../src/lib/domain/report-tables';

const HALF = { from: '2025-12-15', to: '2026-06-14' };
const PAGE = `/admin/reports?from=${HALF.from}&to=${HALF.to}`;

/** Columns (3) … (16) of a row, in the table's order. */
const columns = (row: ThroughputRow) => THROUGHPUT_COLUMNS.map((c) => c.value(row));
const dotted = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['giamdoc', 'manager']]);
	const random = seededRandom(1);
	const records = SEED_001_ROWS.flatMap(([field, row]) => [
		...recordsForRow(field, row, HALF.from, HALF.to, random),
		...recordsOutside(field, 3, HALF.from, HALF.to, random)
	]);
	// DD/MM/YYYY dates and Vietnamese status words, as a one-stop system's export writes them.
	const vi = (date: string | null) => (date ? date.split('-').reverse().join('/') : '');
	const STATUS = {
		da_tra_ket_qua: 'Đã trả kết quả',
		tu_choi: 'Từ chối',
		rut: 'Rút hồ sơ',
		dang_xu_ly: 'Đang xử lý',
		yeu_cau_bo_sung: 'Yêu cầu bổ sung'
	};
	const lines = [
		'Mã hồ sơ,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Hạn trả kết quả,Ngày trả kết quả,Trạng thái',
		...records.map((r, i) =>
			[
				`HS-${i + 1}`,
				`"${r.field}"`,
				r.channel,
				vi(r.receivedOn),
				vi(r.dueOn),
				vi(r.finishedOn),
				STATUS[r.status]
			].join(',')
		)
	];
	const file = join(await mkdtemp(join(tmpdir(), 'sanhso-report-')), 'ho-so-6-thang.csv');
	await writeFile(file, lines.join('\n'));
	await cliOn(server, ['dossiers', 'import', file, '--source', 'Một cửa thành phố']);
});

async function reportJson(page: Page): Promise<Report> {
	const res = await page.request.get(`/api/v1/reports?from=${HALF.from}&to=${HALF.to}`);
	expect(res.status()).toBe(200);
	return res.json();
}

test("the report page shows seed 001's table to the unit, from the imported dossiers", async ({
	page
}) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, PAGE);
	await expect(page.getByRole('heading', { level: 2, name: /6 tháng đầu năm 2026/ })).toBeVisible();
	const table = page.getByRole('table', {
		name: 'Kết quả tiếp nhận và giải quyết thủ tục hành chính theo lĩnh vực'
	});
	const cells = async (name: string) =>
		(
			await table
				.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) })
				.locator('td')
				.allTextContents()
		).slice(-14);
	expect(await cells('Tổng cộng')).toEqual(columns(SEED_001_TOTAL).map(dotted));
	for (const [field, row] of SEED_001_ROWS.filter(([, r]) => r.received.total > 0))
		expect(await cells(field), field).toEqual(columns(row).map(dotted));
	expect((await cells('Tỷ lệ')).slice(4, 6)).toEqual(['99,1%', '98,5%']);
	await expect(
		page.getByText('- Tổng số hồ sơ tiếp nhận là 6.600 hồ sơ', { exact: false })
	).toBeVisible();
	// Computed from records, the table has nothing to warn about.
	await expect(page.getByRole('heading', { name: /Lưu ý về số liệu/ })).toHaveCount(0);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('a period is chosen by its name: Quý II by the calendar is 01/04 – 30/06', async ({
	page
}) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, PAGE);
	await page.getByLabel('Loại kỳ').selectOption({ label: 'Quý' });
	await page.getByLabel('Kỳ', { exact: true }).selectOption({ label: 'Quý II' });
	await page.getByLabel('Năm').fill('2026');
	await page.getByLabel('Cách tính').selectOption({ label: 'Theo lịch (từ ngày 1)' });
	await page.getByRole('button', { name: 'Xem báo cáo' }).click();
	await expect(page).toHaveURL(/from=2026-04-01&to=2026-06-30/);
	await expect(page.getByRole('heading', { level: 2, name: /Quý II\/2026/ })).toBeVisible();
});

test('the DOCX, XLSX and CSV downloads hold the same numbers as the JSON', async ({ page }) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, PAGE);
	const report = await reportJson(page);
	const expected = [
		...report.throughput.rows.map((r) => [r.field, ...columns(r)]),
		['Tổng cộng', ...columns(report.throughput.total)]
	];

	const download = async (name: RegExp) => {
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name }).click()
		]);
		const path = await file.path();
		return { name: file.suggestedFilename(), bytes: await readFile(path) };
	};

	const docx = await download(/Tải Word/);
	expect(docx.name).toBe('bao-cao-2025-12-15_2026-06-14.docx');
	const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string');
	const tableRows = [...(xml ?? '').matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
		[...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1])
	);
	for (const [label, ...numbers] of expected) {
		const row = tableRows.find((cells) => cells.includes(String(label)) && cells.length >= 15);
		expect(row?.slice(-14), String(label)).toEqual(numbers.map((n) => dotted(Number(n))));
	}

	const xlsx = await download(/Tải Excel/);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
	const sheet = book.worksheets[0];
	const sheetRows: unknown[][] = [];
	sheet.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
	for (const [label, ...numbers] of expected) {
		const row = sheetRows.find((cells) => cells.includes(label));
		expect(row?.slice(-14), String(label)).toEqual(numbers);
	}

	const csv = await download(/^Tải CSV\s*:/);
	const records: string[][] = parseCsv(csv.bytes, { bom: true, relax_column_count: true });
	for (const [label, ...numbers] of expected) {
		const row = records.find((cells) => cells.includes(String(label)));
		expect(row?.slice(-14).map(Number), String(label)).toEqual(numbers);
	}

	// The CSV for an Excel set to Vietnamese: ';' between cells, a comma before decimals.
	const vn = await download(/Tải CSV cho Excel tiếng Việt/);
	expect(vn.name).toBe('bao-cao-2025-12-15_2026-06-14-excel-vn.csv');
	const vnRecords: string[][] = parseCsv(vn.bytes, { bom: true, delimiter: ';' });
	for (const [label, ...numbers] of expected) {
		const row = vnRecords.find((cells) => cells.includes(String(label)));
		expect(row?.slice(-14).map(Number), String(label)).toEqual(numbers);
	}
	const rate = vnRecords.find((cells) => cells.includes('Tỷ lệ (%)'));
	expect(rate?.slice(-14).some((cell) => /^\d+,\d+$/.test(cell))).toBe(true);
});
