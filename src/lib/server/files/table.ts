// Reads tabular uploads (CSV, XLSX, JSON arrays of objects) into rows of strings, keeping each row's line number, and
// finds what no importer should see: a row whose cells do not line up with the header, a control character in a cell.
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { nfc } from '$lib/domain/text';
import { controlMessage, hasControlCharacters } from '$lib/schemas/text';

export interface TableRow {
	/** Where the row is, as a person would find it: the spreadsheet line (header = 1) or the JSON item (first = 1). */
	line: number;
	values: Record<string, string>;
}

/** A cell or row the file got wrong, where a person finds it; `column` is the header of that column. */
export interface TableError {
	line: number;
	column?: string;
	message: string;
}

export interface Table {
	format: 'csv' | 'xlsx' | 'json';
	headers: string[];
	/** Every data row read, blank rows left out: what the preview counts as the rows of the file. */
	rows: TableRow[];
	/** Rows that cannot be trusted as read; an importer refuses the whole file when there is any. */
	errors: TableError[];
}

/** A file that cannot be read at all; `message` is for people (Vietnamese). */
export class UnreadableFileError extends Error {}

export type Format = Table['format'];

export function formatOf(filename: string): Format | undefined {
	const ext = filename.toLowerCase().split('.').pop();
	if (ext === 'csv' || ext === 'txt') return 'csv';
	if (ext === 'xlsx') return 'xlsx';
	if (ext === 'json') return 'json';
	return undefined;
}

export async function readTable(data: Uint8Array, filename: string): Promise<Table> {
	const format = formatOf(filename);
	if (!format)
		throw new UnreadableFileError(
			`Không nhận dạng được loại tệp "${filename}": chỉ nhận CSV, XLSX hoặc JSON.`
		);
	if (data.byteLength === 0) throw new UnreadableFileError('Tệp rỗng.');
	const table =
		format === 'csv' ? readCsv(data) : format === 'xlsx' ? await readXlsx(data) : readJson(data);
	// By row, as the manager fixes them going down the file.
	return {
		...table,
		errors: [...table.errors, ...controlCharacters(table)].sort((a, b) => a.line - b.line)
	};
}

/**
 * Cells with a character nobody types (NUL, other controls, lone surrogates): PostgreSQL cannot even store some of
 * them. Tab and line breaks stay allowed, as a spreadsheet cell may hold them (Alt+Enter); importers fold them.
 */
function controlCharacters(table: Omit<Table, 'errors'>): TableError[] {
	const errors: TableError[] = [];
	const where = (text: string) => {
		const bad = [...text].find((c) => hasControlCharacters(c, true)) ?? '';
		return ` (U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
	};
	table.headers.forEach((h, j) => {
		if (hasControlCharacters(h, true))
			errors.push({ line: 1, message: `${controlMessage(`Tiêu đề cột ${j + 1}`)}${where(h)}` });
	});
	for (const { line, values } of table.rows) {
		for (const [column, value] of Object.entries(values)) {
			if (hasControlCharacters(value, true))
				errors.push({ line, column, message: `${controlMessage('ô')}${where(value)}` });
		}
	}
	return errors;
}

function clean(value: unknown): string {
	return nfc(String(value ?? '')).trim();
}

/**
 * Every line ending becomes LF before parsing: a file whose first lines end in CRLF and later ones in LF (two exports
 * pasted together, a hand edit) was read with the first ending only, and its LF lines merged into one row silently.
 * Line breaks inside quoted cells are line endings too and are normalised alike.
 */
export function normaliseLineEndings(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

function readCsv(data: Uint8Array): Table {
	const text = normaliseLineEndings(decodeUtf8(data));
	let records: string[][];
	try {
		// Blank lines are parsed too so that row numbers stay those a spreadsheet shows; they are dropped below.
		records = parseCsv(text, { bom: true, record_delimiter: '\n', relax_column_count: true });
	} catch (e) {
		const done = (e as { records?: number }).records;
		const row = typeof done === 'number' ? ` ở dòng ${done + 1}` : '';
		throw new UnreadableFileError(
			`Tệp CSV bị lỗi định dạng${row} (dấu ngoặc kép hoặc dấu phẩy sai chỗ).`
		);
	}
	const [header, ...body] = records;
	if (!header || header.every((h) => clean(h) === ''))
		throw new UnreadableFileError('Tệp không có dòng tiêu đề.');
	const headers = header.map(clean);
	const rows: TableRow[] = [];
	const errors: TableError[] = [];
	body.forEach((cells, i) => {
		const line = i + 2;
		// A blank line is no row; a line of empty cells (`,,,`) is one, and its empty cells are the importer's to refuse.
		if (cells.length === 1 && clean(cells[0]) === '') return;
		// A row that does not line up with the header (a stray comma, a quote left open) is never guessed at.
		if (cells.length !== headers.length) {
			errors.push({
				line,
				message: `có ${cells.length} ô nhưng dòng tiêu đề có ${headers.length} cột (thừa hoặc thiếu dấu phẩy, hoặc dấu ngoặc kép sai chỗ)`
			});
			return;
		}
		rows.push({ line, values: Object.fromEntries(headers.map((h, j) => [h, clean(cells[j])])) });
	});
	return { format: 'csv', headers, rows, errors };
}

function decodeUtf8(data: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		throw new UnreadableFileError(
			'Tệp không phải văn bản UTF-8. Hãy lưu lại tệp CSV với mã hóa UTF-8.'
		);
	}
}

async function readXlsx(data: Uint8Array): Promise<Table> {
	// Loaded when a spreadsheet comes: ExcelJS is 30 MB of a server that otherwise reads CSV for months.
	const { default: Excel } = await import('exceljs');
	const workbook = new Excel.Workbook();
	try {
		await workbook.xlsx.load(data as unknown as ArrayBuffer);
	} catch {
		throw new UnreadableFileError('Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel).');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet || sheet.rowCount === 0)
		throw new UnreadableFileError('Tệp XLSX không có trang tính nào có dữ liệu.');
	const headers: string[] = [];
	sheet
		.getRow(1)
		.eachCell(
			{ includeEmpty: true },
			(cell, col) => (headers[col - 1] = clean(cellText(cell.value)))
		);
	const rows: TableRow[] = [];
	const errors: TableError[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		if (line === 1) return;
		const values: Record<string, string> = {};
		headers.forEach((h, j) => (values[h] = clean(cellText(row.getCell(j + 1).value))));
		// A value right of the last header belongs to no column: it would be dropped without a word.
		let outside = 0;
		row.eachCell((cell, col) => {
			if (col > headers.length && clean(cellText(cell.value)) !== '') outside++;
		});
		if (outside > 0)
			errors.push({
				line,
				message: `có ${outside} ô ở bên phải cột cuối cùng của dòng tiêu đề (cột không có tiêu đề)`
			});
		else if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
	});
	return { format: 'xlsx', headers, rows, errors };
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('text' in value) return String(value.text);
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('error' in value) return '';
	}
	return String(value);
}

function readJson(data: Uint8Array): Table {
	let parsed: unknown;
	try {
		parsed = JSON.parse(decodeUtf8(data));
	} catch (e) {
		if (e instanceof UnreadableFileError) throw e;
		throw new UnreadableFileError('Tệp JSON sai cú pháp.');
	}
	const items = Array.isArray(parsed) ? parsed : (parsed as { procedures?: unknown })?.procedures;
	if (!Array.isArray(items))
		throw new UnreadableFileError('Tệp JSON phải là một mảng các đối tượng.');
	const headers = new Set<string>();
	const rows: TableRow[] = items.map((item, i) => {
		if (typeof item !== 'object' || item === null || Array.isArray(item))
			return { line: i + 1, values: { __notObject: '1' } };
		const values: Record<string, string> = {};
		for (const [k, v] of Object.entries(item)) {
			headers.add(k);
			// A list is one item per line, as a spreadsheet cell with Alt+Enter holds it (lists of documents contain `;`).
			values[k] = Array.isArray(v) ? v.map(clean).join('\n') : clean(v);
		}
		return { line: i + 1, values };
	});
	return { format: 'json', headers: [...headers], rows, errors: [] };
}
