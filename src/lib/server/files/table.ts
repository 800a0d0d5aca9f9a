// Reads tabular uploads (CSV, XLSX, JSON arrays of objects) into rows of strings, keeping each row's line number.
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { nfc } from '$lib/domain/text';

export interface TableRow {
	/** Where the row is, as a person would find it: the spreadsheet line (header = 1) or the JSON item (first = 1). */
	line: number;
	values: Record<string, string>;
}

export interface Table {
	format: 'csv' | 'xlsx' | 'json';
	headers: string[];
	rows: TableRow[];
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
	if (!format) throw new UnreadableFileError(`Không nhận dạng được loại tệp "${filename}": chỉ nhận CSV, XLSX hoặc JSON.`);
	if (data.byteLength === 0) throw new UnreadableFileError('Tệp rỗng.');
	if (format === 'csv') return readCsv(data);
	if (format === 'xlsx') return readXlsx(data);
	return readJson(data);
}

function clean(value: unknown): string {
	return nfc(String(value ?? '')).trim();
}

function readCsv(data: Uint8Array): Table {
	const text = decodeUtf8(data);
	let records: string[][];
	try {
		records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
	} catch (e) {
		const line = (e as { lines?: number }).lines;
		throw new UnreadableFileError(`Tệp CSV bị lỗi định dạng${line ? ` ở dòng ${line}` : ''} (dấu ngoặc kép hoặc dấu phẩy sai chỗ).`);
	}
	const [header, ...body] = records;
	if (!header) throw new UnreadableFileError('Tệp không có dòng tiêu đề.');
	const headers = header.map(clean);
	return {
		format: 'csv',
		headers,
		rows: body.map((cells, i) => ({
			line: i + 2,
			values: Object.fromEntries(headers.map((h, j) => [h, clean(cells[j])]))
		}))
	};
}

function decodeUtf8(data: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		throw new UnreadableFileError('Tệp không phải văn bản UTF-8. Hãy lưu lại tệp CSV với mã hóa UTF-8.');
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
	if (!sheet || sheet.rowCount === 0) throw new UnreadableFileError('Tệp XLSX không có trang tính nào có dữ liệu.');
	const headers: string[] = [];
	sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = clean(cellText(cell.value))));
	const rows: TableRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		if (line === 1) return;
		const values: Record<string, string> = {};
		headers.forEach((h, j) => (values[h] = clean(cellText(row.getCell(j + 1).value))));
		if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
	});
	return { format: 'xlsx', headers, rows };
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
	if (!Array.isArray(items)) throw new UnreadableFileError('Tệp JSON phải là một mảng các đối tượng.');
	const headers = new Set<string>();
	const rows: TableRow[] = items.map((item, i) => {
		if (typeof item !== 'object' || item === null || Array.isArray(item)) return { line: i + 1, values: { __notObject: '1' } };
		const values: Record<string, string> = {};
		for (const [k, v] of Object.entries(item)) {
			headers.add(k);
			values[k] = Array.isArray(v) ? v.map(clean).join('; ') : clean(v);
		}
		return { line: i + 1, values };
	});
	return { format: 'json', headers: [...headers], rows };
}
