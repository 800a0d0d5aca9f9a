// The report as an Excel workbook: the 16-column throughput table with seed 001's merged header, then satisfaction
// and publicity, each figure a number (counts '#,##0', rates as fractions with a percent format), so a manager can
// add to them; Excel shows them in the reader's own number style. Pages are A4 landscape, one page wide.
import ExcelJS from 'exceljs';
import { formatInstant, percentDecimals } from '$lib/domain/numbers';
import type { Report } from '$lib/domain/report';
import { reportHeading, UNNAMED } from '$lib/domain/report-text';
import {
	NO_FIGURES,
	indexTables,
	publicityTables,
	satisfactionTables,
	THROUGHPUT_COLUMNS,
	THROUGHPUT_HEAD,
	THROUGHPUT_NUMBERS,
	throughputBody,
	type ReportTable,
	type ThroughputBodyRow
} from '$lib/domain/report-tables';

export const SHEETS = {
	throughput: 'Tiếp nhận – giải quyết',
	satisfaction: 'Hài lòng',
	publicity: 'Công khai',
	index: 'Ước tính chỉ số 766',
	checks: 'Lưu ý về số liệu'
} as const;
/** Where the throughput table's header starts, under the title and period lines. */
export const HEAD_ROW = 4;
const COUNT_FORMAT = '#,##0';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Row heights (points) for header rows whose text wraps: Excel does not grow a row for wrapped text in merged cells,
 * and LibreOffice guesses, so the header's lines overlapped. Each cell asks for its lines (its text over its width,
 * a character of Times New Roman about as wide as Excel's width unit at 11 pt) and a cell spanning rows shares them.
 */
export function headerHeights(
	cells: { text: string; row: number; rowSpan: number; width: number; size: number }[],
	rows: number
): number[] {
	const linesOf = (c: (typeof cells)[number]) =>
		Math.max(1, Math.ceil((c.text.length * 1.15 * c.size) / 11 / Math.max(1, c.width - 1)));
	const need = (c: (typeof cells)[number]) => linesOf(c) * c.size * 1.3 + 6;
	const heights = Array<number>(rows).fill(0);
	for (const c of cells.filter((c) => c.rowSpan === 1))
		heights[c.row] = Math.max(heights[c.row], need(c));
	for (const c of cells.filter((c) => c.rowSpan > 1)) {
		const last = c.row + c.rowSpan - 1;
		const have = heights.slice(c.row, last + 1).reduce((a, b) => a + b, 0);
		if (have < need(c)) heights[last] += need(c) - have;
	}
	return heights.map((h) => Math.ceil(Math.max(h, 18)));
}

/** The percent format showing as many decimals as formatPercent would (99,1%; 0,02%; 100%). */
function percentFormat(p: number): string {
	return ['0%', '0.0%', '0.00%'][percentDecimals(p)];
}

function newSheet(book: ExcelJS.Workbook, name: string, printTitles?: string): ExcelJS.Worksheet {
	return book.addWorksheet(name, {
		pageSetup: {
			paperSize: 9, // A4
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
			printTitlesRow: printTitles
		}
	});
}

/** A title line across `width` columns, as tall as its wrapped text. */
function title(sheet: ExcelJS.Worksheet, row: number, width: number, text: string, bold: boolean) {
	sheet.mergeCells(row, 1, row, width);
	const c = sheet.getCell(row, 1);
	c.value = text;
	const size = bold ? 14 : 12;
	c.font = { name: 'Times New Roman', size, bold, italic: !bold };
	c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	const columns = Array.from({ length: width }, (_, i) => sheet.getColumn(i + 1).width ?? 9).reduce(
		(a, b) => a + b,
		0
	);
	sheet.getRow(row).height = headerHeights(
		[{ text, row: 0, rowSpan: 1, width: columns, size }],
		1
	)[0];
}

/**
 * The throughput sheet: its title and period lines, seed 001's header (`header`: the city's names a center over
 * column (2)), then the body rows (a row per field, or per center), total and rate.
 */
export function throughputSheet(
	book: ExcelJS.Workbook,
	lines: { title: string; period: string },
	body: ThroughputBodyRow[],
	header = THROUGHPUT_HEAD
) {
	const width = 2 + THROUGHPUT_COLUMNS.length;
	const sheet = newSheet(book, SHEETS.throughput, `${HEAD_ROW}:${HEAD_ROW + 3}`);
	const widths = [6, 42, ...THROUGHPUT_COLUMNS.map(() => 11)];
	sheet.columns = widths.map((w) => ({ width: w }));
	title(sheet, 1, width, lines.title, true);
	title(sheet, 2, width, lines.period, false);

	for (const h of header) {
		const top = HEAD_ROW + h.row;
		if (h.rowSpan > 1 || h.colSpan > 1)
			sheet.mergeCells(top, h.col + 1, top + h.rowSpan - 1, h.col + h.colSpan);
		sheet.getCell(top, h.col + 1).value = h.text;
	}
	THROUGHPUT_NUMBERS.forEach((text, i) => (sheet.getCell(HEAD_ROW + 3, i + 1).value = text));
	const span = (col: number, n: number) => widths.slice(col, col + n).reduce((a, b) => a + b, 0);
	const heights = headerHeights(
		[
			...header.map((h) => ({
				text: h.text,
				row: h.row,
				rowSpan: h.rowSpan,
				width: span(h.col, h.colSpan),
				size: 11
			})),
			...THROUGHPUT_NUMBERS.map((text, i) => ({
				text,
				row: 3,
				rowSpan: 1,
				width: widths[i],
				size: 9
			}))
		],
		4
	);
	heights.forEach((h, i) => (sheet.getRow(HEAD_ROW + i).height = h));
	for (let r = HEAD_ROW; r <= HEAD_ROW + 3; r++)
		for (let c = 1; c <= width; c++) {
			const cell = sheet.getCell(r, c);
			cell.font = {
				name: 'Times New Roman',
				size: r === HEAD_ROW + 3 ? 9 : 11,
				bold: r < HEAD_ROW + 3,
				italic: r === HEAD_ROW + 3
			};
			cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
			cell.border = BORDER;
		}

	let r = HEAD_ROW + 4;
	for (const row of body) {
		if (row.kind === 'field') {
			sheet.getCell(r, 1).value = Number(row.no);
			sheet.getCell(r, 2).value = row.label;
			// A long field name wraps in its column: its row grows with it (no reader grows it on its own).
			sheet.getRow(r).height = headerHeights(
				[{ text: row.label, row: 0, rowSpan: 1, width: widths[1], size: 11 }],
				1
			)[0];
		} else {
			sheet.mergeCells(r, 1, r, 2);
			sheet.getCell(r, 1).value = row.label;
		}
		row.values.forEach((v, i) => {
			const cell = sheet.getCell(r, i + 3);
			// The rate row: the exact share as a fraction, shown as a percent; Excel rounds only what it shows.
			cell.value = row.kind === 'rate' ? v / 100 : v;
			cell.numFmt = row.kind === 'rate' ? percentFormat(v) : COUNT_FORMAT;
		});
		for (let c = 1; c <= width; c++) {
			const cell = sheet.getCell(r, c);
			cell.font = { name: 'Times New Roman', size: 11, bold: row.kind !== 'field' };
			cell.border = BORDER;
			cell.alignment = {
				vertical: 'middle',
				wrapText: c === 2,
				horizontal: c === 1 ? 'center' : undefined
			};
		}
		r++;
	}
	sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: HEAD_ROW + 3 }];
}

/** A sheet of tables one under another, a blank row between. */
const TABLE_WIDTHS = { stt: 6, name: 24, nameMax: 44, other: 16 } as const;

/**
 * Each column's width: narrow where every table numbers its rows (STT), wide where a table names its rows (as wide as
 * the longest name, within bounds: the city's center names), the figures' width elsewhere.
 */
function tableWidths(tables: ReportTable[], width: number): number[] {
	return Array.from({ length: width }, (_, c) => {
		const naming = tables.filter((t) => t.rowHeader === c);
		if (naming.length === 0)
			return tables.every((t) => t.head[c] === 'STT') ? TABLE_WIDTHS.stt : TABLE_WIDTHS.other;
		const longest = Math.max(
			...naming.flatMap((t) => t.rows.map((row) => String(row[c] ?? '').length))
		);
		return Math.min(TABLE_WIDTHS.nameMax, Math.max(TABLE_WIDTHS.name, longest + 2));
	});
}

export function tablesSheet(
	book: ExcelJS.Workbook,
	name: string,
	heading: string,
	tables: ReportTable[]
): ExcelJS.Worksheet {
	const sheet = newSheet(book, name);
	const width = Math.max(...tables.map((t) => t.head.length));
	const widths = tableWidths(tables, width);
	widths.forEach((w, c) => (sheet.getColumn(c + 1).width = w));
	title(sheet, 1, width, heading, true);
	let r = 3;
	for (const table of tables) {
		const caption = sheet.getCell(r++, 1);
		caption.value = table.title;
		caption.font = { name: 'Times New Roman', size: 12, bold: true };
		table.head.forEach((text, i) => {
			const cell = sheet.getCell(r, i + 1);
			cell.value = text;
			cell.font = { name: 'Times New Roman', size: 11, bold: true };
			cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
			cell.border = BORDER;
		});
		sheet.getRow(r).height = headerHeights(
			table.head.map((text, i) => ({
				text,
				row: 0,
				rowSpan: 1,
				width: widths[i],
				size: 11
			})),
			1
		)[0];
		r++;
		if (table.rows.length === 0) sheet.getCell(r++, 1).value = table.empty ?? NO_FIGURES;
		for (const row of table.rows) {
			row.forEach((v, i) => {
				const cell = sheet.getCell(r, i + 1);
				if (typeof v === 'string') cell.value = v;
				else if (typeof v === 'number') {
					cell.value = v;
					cell.numFmt = COUNT_FORMAT;
				} else if ('points' in v) {
					cell.value = v.points ?? '—';
					if (v.points !== null) cell.numFmt = '0.00';
				} else if (v.percent === null) cell.value = '—';
				else {
					cell.value = v.percent / 100;
					cell.numFmt = percentFormat(v.percent);
				}
				cell.font = { name: 'Times New Roman', size: 11 };
				cell.border = BORDER;
			});
			r++;
		}
		r++;
	}
	return sheet;
}

function commentsBlock(sheet: ExcelJS.Worksheet, report: Report) {
	const { comments, levels } = report.satisfaction;
	if (comments.length === 0) return;
	const label = new Map(levels.map((l) => [l.level, l.label]));
	let r = sheet.rowCount + 2;
	sheet.getCell(r++, 1).value = 'Ý kiến góp ý (mới nhất trước)';
	sheet.getCell(r - 1, 1).font = { name: 'Times New Roman', size: 12, bold: true };
	sheet.getRow(r++).values = ['Thời điểm', 'Mức độ', 'Lĩnh vực', 'Quầy', 'Ý kiến'];
	for (const c of comments)
		sheet.getRow(r++).values = [
			formatInstant(c.at),
			label.get(c.level) ?? c.level,
			c.field || UNNAMED,
			c.counter || UNNAMED,
			c.text
		];
}

/** A workbook made by Sảnh số at `generatedAt`. */
export function newBook(generatedAt: string): ExcelJS.Workbook {
	const book = new ExcelJS.Workbook();
	book.creator = 'Sảnh số';
	book.created = new Date(generatedAt);
	return book;
}

export async function writeBook(book: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function reportXlsx(report: Report): Promise<Uint8Array<ArrayBuffer>> {
	const book = newBook(report.generatedAt);
	const heading = reportHeading(report);
	throughputSheet(
		book,
		{
			title: `KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ${heading.organisation.toLocaleUpperCase('vi')}`,
			period: heading.period
		},
		throughputBody(report)
	);
	const satisfaction = tablesSheet(
		book,
		SHEETS.satisfaction,
		`MỨC ĐỘ HÀI LÒNG — ${heading.period}`,
		satisfactionTables(report)
	);
	commentsBlock(satisfaction, report);
	tablesSheet(
		book,
		SHEETS.publicity,
		`CÔNG KHAI, NIÊM YẾT THỦ TỤC HÀNH CHÍNH — ${heading.period}`,
		publicityTables(report)
	);
	if (report.index)
		tablesSheet(
			book,
			SHEETS.index,
			`ƯỚC TÍNH BỘ CHỈ SỐ 766 (KHÔNG PHẢI ĐIỂM CHÍNH THỨC) — ${heading.period}`,
			indexTables(report)
		);
	return writeBook(book);
}
