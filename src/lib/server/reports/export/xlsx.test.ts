import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed001Report } from '$lib/domain/report.fixture';
import {
	NO_FIGURES,
	publicityTables,
	satisfactionTables,
	THROUGHPUT_COLUMNS,
	THROUGHPUT_NUMBERS
} from '$lib/domain/report-tables';
import { exportReport } from './index';
import { HEAD_ROW, headerHeights, SHEETS } from './xlsx';

const report = seed001Report();
const book = new ExcelJS.Workbook();
let filename = '';
let contentType = '';

beforeAll(async () => {
	const file = await exportReport(report, 'xlsx');
	filename = file.filename;
	contentType = file.contentType;
	await book.xlsx.load(
		file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength)
	);
});

const sheet = (name: string) => {
	const s = book.getWorksheet(name);
	if (!s) throw new Error(`no sheet ${name}`);
	return s;
};
/** A row's values from column `from` on, as exceljs reads them back. */
const values = (s: ExcelJS.Worksheet, row: number, from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => s.getCell(row, from + i).value);

describe('the XLSX report', () => {
	it('is named by its period, with the spreadsheet content type, and has its three sheets', () => {
		expect(filename).toBe('bao-cao-2025-12-15_2026-06-14.xlsx');
		expect(contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(book.worksheets.map((w) => w.name)).toEqual([
			'Tiếp nhận – giải quyết',
			'Hài lòng',
			'Công khai'
		]);
	});

	it('merges the header cells as seed 001 does and numbers the columns (1)…(16)', () => {
		const s = sheet(SHEETS.throughput);
		const master = (address: string) => s.getCell(address).master.address;
		expect(s.getCell(`A${HEAD_ROW}`).value).toBe('STT');
		expect(master(`A${HEAD_ROW + 2}`)).toBe(`A${HEAD_ROW}`);
		expect(s.getCell(`C${HEAD_ROW}`).value).toBe('Số lượng hồ sơ tiếp nhận');
		expect(master(`F${HEAD_ROW}`)).toBe(`C${HEAD_ROW}`);
		expect(master(`L${HEAD_ROW}`)).toBe(`G${HEAD_ROW}`);
		expect(master(`P${HEAD_ROW}`)).toBe(`M${HEAD_ROW}`);
		expect(s.getCell(`D${HEAD_ROW + 1}`).value).toBe('Trong kỳ');
		expect(master(`E${HEAD_ROW + 1}`)).toBe(`D${HEAD_ROW + 1}`);
		expect(master(`C${HEAD_ROW + 2}`)).toBe(`C${HEAD_ROW + 1}`);
		expect(values(s, HEAD_ROW + 2, 4, 5)).toEqual(['Trực tuyến', 'Trực tiếp, dịch vụ bưu chính']);
		expect(values(s, HEAD_ROW + 3, 1, 16)).toEqual(THROUGHPUT_NUMBERS);
	});

	it("writes every field's figures, the total and the rate as numbers equal to the report's", () => {
		const s = sheet(SHEETS.throughput);
		const first = HEAD_ROW + 4;
		const { rows, total, rate } = report.throughput;
		rows.forEach((row, i) => {
			expect(values(s, first + i, 1, 2)).toEqual([i + 1, row.field]);
			expect(values(s, first + i, 3, 16)).toEqual(THROUGHPUT_COLUMNS.map((c) => c.value(row)));
		});
		const totalRow = first + rows.length;
		expect(s.getCell(totalRow, 1).value).toBe('Tổng cộng');
		expect(s.getCell(totalRow, 2).master.address).toBe(`A${totalRow}`);
		expect(values(s, totalRow, 3, 16)).toEqual([
			6600, 6550, 0, 50, 6543, 6498, 0, 1, 18, 26, 57, 47, 0, 10
		]);
		expect(s.getCell(totalRow + 1, 1).value).toBe('Tỷ lệ');
		expect(values(s, totalRow + 1, 3, 16)).toEqual(
			THROUGHPUT_COLUMNS.map((c) => c.value(rate) / 100)
		);
		expect(values(s, totalRow, 3, 16)).toEqual(THROUGHPUT_COLUMNS.map((c) => c.value(total)));
	});

	it('formats counts with thousands and rates as percents with the decimals the prose shows', () => {
		const s = sheet(SHEETS.throughput);
		const rateRow = HEAD_ROW + 4 + report.throughput.rows.length + 1;
		expect(s.getCell(rateRow - 1, 3).numFmt).toBe('#,##0');
		// (3) 100%, (7) 99,1%, (10) 0,02%.
		expect([3, 7, 10].map((c) => s.getCell(rateRow, c).numFmt)).toEqual(['0%', '0.0%', '0.00%']);
		expect(typeof s.getCell(rateRow, 7).value).toBe('number');
	});

	it('is set up to print on A4 landscape, one page wide, the header repeated', () => {
		for (const w of book.worksheets) {
			expect(w.pageSetup.orientation).toBe('landscape');
			expect(w.pageSetup.paperSize).toBe(9);
		}
		expect(sheet(SHEETS.throughput).pageSetup.printTitlesRow).toBe(`${HEAD_ROW}:${HEAD_ROW + 3}`);
	});

	it('lays out the satisfaction and publicity tables with numbers and percents as numbers', () => {
		const cellsOf = (name: string) => {
			const out: unknown[][] = [];
			sheet(name).eachRow((row) => out.push((row.values as unknown[]).slice(1)));
			return out;
		};
		const satisfaction = cellsOf(SHEETS.satisfaction);
		for (const t of satisfactionTables(report)) expect(satisfaction).toContainEqual([t.title]);
		const land = report.satisfaction.byField[2];
		expect(satisfaction).toContainEqual([
			'3',
			'Đất đai',
			150,
			122,
			(land.rate ?? NaN) / 100,
			0.9,
			'Chưa đạt'
		]);
		expect(satisfaction).toContainEqual(['Rất hài lòng', 900, 0.72]);
		expect(satisfaction).toContainEqual(['1', 'Thời gian chờ', 30]);
		expect(satisfaction).toContainEqual([
			'09:10 ngày 12/6/2026',
			'Không hài lòng',
			'Đất đai',
			'Quầy 3',
			'Chờ lâu quá'
		]);
		const publicity = cellsOf(SHEETS.publicity);
		for (const t of publicityTables(report)) expect(publicity).toContainEqual([t.title]);
		expect(publicity).toContainEqual(['Cấp xã', 378]);
		expect(publicity).toContainEqual(['Quét mã QR', 1234]);
		expect(publicity).toContainEqual(['1', '1.001193', 'Đăng ký khai sinh', 120, 340, 460]);
	});

	it('says an empty table has no figures, in the same words as the page and the DOCX', async () => {
		const empty = seed001Report({ satisfaction: { ...report.satisfaction, reasons: [] } });
		const file = await exportReport(empty, 'xlsx');
		const read = new ExcelJS.Workbook();
		await read.xlsx.load(
			file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength)
		);
		const s = read.getWorksheet(SHEETS.satisfaction);
		if (!s) throw new Error('no satisfaction sheet');
		const reasons: unknown[] = [];
		s.eachRow((row, n) => {
			if (row.getCell(1).value === 'Lý do không hài lòng') reasons.push(s.getCell(n + 2, 1).value);
		});
		expect(reasons).toEqual([NO_FIGURES]);
	});

	it('gives the header rows explicit heights, tall enough for their wrapped lines, so no header text overlaps', () => {
		const s = sheet(SHEETS.throughput);
		const heights = [0, 1, 2, 3].map((i) => s.getRow(HEAD_ROW + i).height);
		expect(heights.every((h) => typeof h === 'number' && h >= 18)).toBe(true);
		// "Trực tiếp, dịch vụ bưu chính" in an 11-wide column takes three lines of 11 pt.
		expect(heights[2]).toBeGreaterThanOrEqual(3 * 11 * 1.2);
		// "Từ chối, không giải quyết" spans the second and third rows; together they hold its lines.
		expect(heights[1] + heights[2]).toBeGreaterThanOrEqual(3 * 11 * 1.2);
		// "(7)=(8)+(9)+(10)+(11)+(12)" in 9 pt wraps too.
		expect(heights[3]).toBeGreaterThanOrEqual(2 * 9 * 1.2);
		expect(s.getRow(1).height).toBeGreaterThanOrEqual(14 * 1.2);
		// A long field name wraps over two lines: its row is taller than a one-line one.
		const rowOf = (field: string) =>
			s.getRow(HEAD_ROW + 4 + report.throughput.rows.findIndex((r) => r.field === field));
		expect(
			rowOf('Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã').height
		).toBeGreaterThanOrEqual(2 * 11 * 1.2);
		expect(rowOf('Hộ tịch').height).toBeLessThan(2 * 11 * 1.2);
		const satisfaction = sheet(SHEETS.satisfaction);
		satisfaction.eachRow((row) => {
			if (row.getCell(2).value === 'Lĩnh vực')
				expect(row.height).toBeGreaterThanOrEqual(2 * 11 * 1.2);
		});
	});

	it('asks for more lines where text is longer than its column, and shares a spanning cell over its rows', () => {
		const short = { text: 'STT', row: 0, rowSpan: 1, width: 6, size: 11 };
		const long = { text: 'Từ chối, không giải quyết', row: 0, rowSpan: 1, width: 11, size: 11 };
		expect(headerHeights([short], 1)[0]).toBeLessThan(headerHeights([long], 1)[0]);
		const [a, b] = headerHeights([{ ...long, text: long.text.repeat(3), rowSpan: 2 }], 2);
		expect(a).toBe(18);
		expect(b).toBeGreaterThan(headerHeights([long], 1)[0]);
	});
});
