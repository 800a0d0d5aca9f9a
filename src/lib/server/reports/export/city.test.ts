// The city's report read back from its files: a row per center equal to that center's own report's total row, the
// city's row equal to the rows summed column by column, satisfaction and the estimate per center, and the identities
// checked on every row (a center's figures typed by hand that do not add up are named). On PGlite, and on PostgreSQL
// when TEST_DATABASE_URL is set.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TOTAL, type CityReport } from '$lib/domain/city-report';
import { customPeriod } from '$lib/domain/periods';
import type { Report } from '$lib/domain/report';
import { THROUGHPUT_COLUMNS } from '$lib/domain/report-tables';
import { checkIdentities, type ThroughputRow } from '$lib/domain/throughput';
import { atLocal } from '$lib/domain/vn-time';
import type { Db } from '../../db';
import { saveManualFigures } from '../../dossiers';
import { bootTest, engines } from '../../testing';
import { cityReport } from '../city';
import { day, prepareCenter, recordsArb, storeRecords } from '../records-testing';
import { buildReport } from '..';
import { exportCityReport } from '.';
import { all, tables, textOf } from './docx-testing';
import { HEAD_ROW, SHEETS } from './xlsx';

const CENTERS = ['test', 'phuong-2', 'xa-3'];
const NAMES = ['Trung tâm thử', 'Phường Hai', 'Xã Ba'];
const period = customPeriod(day(10), day(40));
const now = atLocal(`${day(45)} 09:00`);
/** Hand-typed figures of Xã Ba whose total received is one more than its parts: (3) ≠ (4) + (5) + (6). */
const BROKEN: ThroughputRow = {
	received: { total: 6, online: 2, direct: 2, carriedOver: 1 },
	resolved: { total: 3, early: 1, onTime: 2, late: 0, rejected: 0, withdrawn: 0 },
	pending: { total: 3, onTime: 3, overdue: 0, supplement: 0 }
};

const columns = (row: ThroughputRow) => THROUGHPUT_COLUMNS.map((c) => c.value(row));
const sums = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((n, r) => n + r[i], 0));
/** '1.234' → 1234: a count as the DOCX prints it. */
const count = (text: string) => Number(text.replaceAll('.', ''));

describe.each(engines)("the city's report files on %s", (engine) => {
	let db: Db;
	let report: CityReport;
	/** Each center's own report for the same period, as of the same day. */
	let own: Report[];

	beforeAll(async () => {
		({ db } = await bootTest(engine, { CENTER_ID: CENTERS[0] }));
		await db.query(`UPDATE centers SET name = $1 WHERE id = $2`, [NAMES[0], CENTERS[0]]);
		for (const [i, id] of CENTERS.entries()) {
			if (i > 0) await db.query(`INSERT INTO centers (id, name) VALUES ($1, $2)`, [id, NAMES[i]]);
			await prepareCenter(db, id);
		}
		const records = fc.sample(recordsArb, { numRuns: CENTERS.length, seed: 13 });
		for (const [i, id] of CENTERS.entries())
			await storeRecords(db, id, { ...records[i], manual: [] }, period.from, period.to);
		await saveManualFigures('xa-3', 'BHXH cơ sở', period.from, period.to, [
			{ field: 'Bảo hiểm', row: BROKEN }
		]);
		report = await cityReport(CENTERS, period, { now });
		own = await Promise.all(
			CENTERS.map(async (id) => {
				const r = await buildReport(id, period, now);
				if (!r) throw new Error(`no report of ${id}`);
				return r;
			})
		);
	});
	afterAll(() => db.close());

	it('holds a row per center equal to its own report, and a total that is their sum', () => {
		expect(report.rows.map((r) => r.name)).toEqual(NAMES);
		report.rows.forEach((r, i) => {
			expect(r.throughput).toEqual(own[i].throughput.total);
			expect(r.satisfaction.counted).toBe(own[i].satisfaction.counted);
			expect(r.satisfaction.rate).toBe(own[i].satisfaction.rate);
		});
		expect(columns(report.total.throughput)).toEqual(
			sums(report.rows.map((r) => columns(r.throughput)))
		);
		expect(report.asOf).toBe(period.to);
	});

	it("runs the report's identity checks on every center's row and on the total", () => {
		const expected = [
			...report.rows.map((r) => ({ name: r.name, row: r.throughput })),
			{ name: CITY_TOTAL, row: report.total.throughput }
		].flatMap(({ name, row }) => checkIdentities(row).map((b) => [name, b.message]));
		expect(
			report.checks.some((c) => c.field === 'Xã Ba' && c.identity === '(3) = (4) + (5) + (6)')
		).toBe(true);
		expect(
			report.checks.filter((c) => c.scope === 'throughput').map((c) => [c.field, c.message])
		).toEqual(expected);
		expect(report.checks.some((c) => c.field === 'Xã Ba')).toBe(true);
		expect(report.checks.some((c) => c.field === CITY_TOTAL)).toBe(true);
	});

	it('DOCX: the landscape table has a row per center equal to its report, the city row their sum; the checks are printed', async () => {
		const file = await exportCityReport(report, 'docx');
		expect(file.filename).toBe(`bao-cao-thanh-pho-${period.from}_${period.to}.docx`);
		const zip = await JSZip.loadAsync(file.bytes);
		const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
		const sections = all(xml, 'w:sectPr');
		expect(sections[1]).toContain('w:orient="landscape"');
		const wide = tables(xml).at(-1) ?? [];
		expect(wide[0]).toContain('Trung tâm');
		// Three header rows and the (1)…(16) row, then the body.
		const body = wide.slice(4);
		expect(body).toHaveLength(CENTERS.length + 2);
		body.slice(0, CENTERS.length).forEach((cells, i) => {
			expect(cells.slice(0, 2)).toEqual([String(i + 1), NAMES[i]]);
			expect(cells.slice(2).map(count)).toEqual(columns(own[i].throughput.total));
		});
		const cityRow = body[CENTERS.length];
		expect(cityRow[0]).toBe(CITY_TOTAL);
		expect(cityRow.slice(1).map(count)).toEqual(
			sums(body.slice(0, CENTERS.length).map((c) => c.slice(2).map(count)))
		);
		const text = textOf(xml);
		expect(text).toContain('Lưu ý về số liệu');
		expect(text).toContain(
			'Tổng tiếp nhận khác tổng trực tuyến, trực tiếp và kỳ trước chuyển sang'
		);
		expect(text).toContain('không phải điểm chính thức');
		expect(text).toContain(`Số liệu tính từ ngày`);
	});

	it('XLSX: a row per center equal to its report, the city row their sum; satisfaction, the estimate and the checks on their sheets', async () => {
		const file = await exportCityReport(report, 'xlsx');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(
			file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength)
		);
		expect(book.worksheets.map((w) => w.name)).toEqual([
			SHEETS.throughput,
			SHEETS.satisfaction,
			SHEETS.index,
			SHEETS.checks
		]);
		const sheet = book.getWorksheet(SHEETS.throughput);
		if (!sheet) throw new Error('no sheet');
		const row = (r: number) =>
			Array.from({ length: 14 }, (_, i) => Number(sheet.getCell(r, i + 3).value));
		const first = HEAD_ROW + 4;
		expect(sheet.getCell(HEAD_ROW, 2).value).toBe('Trung tâm');
		CENTERS.forEach((_, i) => {
			expect(sheet.getCell(first + i, 2).value).toBe(NAMES[i]);
			expect(row(first + i)).toEqual(columns(own[i].throughput.total));
		});
		expect(sheet.getCell(first + CENTERS.length, 1).value).toBe(CITY_TOTAL);
		expect(row(first + CENTERS.length)).toEqual(sums(CENTERS.map((_, i) => row(first + i))));
		expect(sheet.getCell(first + CENTERS.length + 2, 1).value).toBeNull();

		const satisfaction = book.getWorksheet(SHEETS.satisfaction);
		const found = (name: string) => {
			let at = 0;
			satisfaction?.eachRow((r, n) => {
				if (r.getCell(2).value === name) at = n;
			});
			return at;
		};
		NAMES.forEach((name, i) => {
			const r = found(name);
			expect(r).toBeGreaterThan(0);
			expect(satisfaction?.getCell(r, 3).value).toBe(own[i].satisfaction.counted);
		});
		const checks = book.getWorksheet(SHEETS.checks);
		const listed: string[] = [];
		checks?.eachRow((r) => listed.push(String(r.getCell(2).value)));
		expect(listed).toContain('Xã Ba');
		expect(listed).toContain(CITY_TOTAL);
	});

	it.each(['csv', 'csv-vn'] as const)(
		'%s: a row per center equal to its report, the city row their sum',
		async (format) => {
			const file = await exportCityReport(report, format);
			const records = parse(Buffer.from(file.bytes), {
				bom: true,
				delimiter: format === 'csv' ? ',' : ';'
			}) as string[][];
			expect(records[0][1]).toBe('(2) Trung tâm');
			expect(records).toHaveLength(1 + CENTERS.length + 2);
			const figures = (r: string[]) => r.slice(2, 16).map(Number);
			CENTERS.forEach((_, i) => {
				expect(records[1 + i][1]).toBe(NAMES[i]);
				expect(figures(records[1 + i])).toEqual(columns(own[i].throughput.total));
				expect(Number(records[1 + i][16])).toBe(own[i].satisfaction.counted);
			});
			const city = records[1 + CENTERS.length];
			expect(city[1]).toBe(CITY_TOTAL);
			expect(figures(city)).toEqual(sums(records.slice(1, 1 + CENTERS.length).map(figures)));
		}
	);
});
