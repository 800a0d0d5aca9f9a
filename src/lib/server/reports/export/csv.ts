// The throughput table as CSV, for other systems and quick spreadsheets. Decisions:
// - one table per file (the 16 columns): a second block with other columns would break every CSV reader that
//   expects one header; satisfaction and publicity go to XLSX, DOCX and the JSON API instead;
// - UTF-8 with a byte-order mark, so Excel shows Vietnamese; CRLF between lines (RFC 4180);
// - two dialects: 'rfc' for programs (',' between cells, rates with '.', 99.14) and 'vn' for an Excel set to
//   Vietnamese, whose list separator is ';' and decimal mark ',' (99,14): it opens the file by double-click with every
//   figure a number. No "sep=;" line: with it Excel ignores the byte-order mark and garbles the accents;
// - counts without grouping (6600) in both, so no reader takes a thousands dot for a decimal one; the rate row in
//   percent to at most two decimals; the Vietnamese '6.600' and '99,1%' are for XLSX and DOCX;
// - a text cell that a spreadsheet would run as a formula (= + - @) is prefixed with ' (CSV injection).
import type { Report } from '$lib/domain/report';
import {
	THROUGHPUT_COLUMNS,
	throughputBody,
	type ThroughputBodyRow
} from '$lib/domain/report-tables';

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvDialect = 'rfc' | 'vn';
const DIALECTS: Record<CsvDialect, { separator: string; decimal: string }> = {
	rfc: { separator: ',', decimal: '.' },
	vn: { separator: ';', decimal: ',' }
};

function cell(
	value: string | number,
	{ separator, decimal }: (typeof DIALECTS)[CsvDialect]
): string {
	if (typeof value === 'number') return String(value).replace('.', decimal);
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return text.includes(separator) || /["\r\n]/.test(text)
		? `"${text.replaceAll('"', '""')}"`
		: text;
}

/** Percent to at most two decimals, as a machine number. */
const rounded = (p: number) => Math.round(p * 100) / 100;

const header = (name: string) => [
	'(1) STT',
	`(2) ${name}`,
	...THROUGHPUT_COLUMNS.map((c) => `(${c.no}) ${c.name}`)
];

/** More columns after (16), one row of cells for each body row: the city's satisfaction and index per center. */
export interface CsvExtra {
	head: string[];
	/** Counts as numbers, rates in percent (rounded as the rate row), '' where a row has none. */
	rows: (string | number)[][];
}

/**
 * The throughput table's rows under its header, `name` heading column (2): a field, or the city's center. Columns
 * of `extra` go to the right of the same rows, so the file stays one table with one header.
 */
export function throughputCsv(
	body: ThroughputBodyRow[],
	name: string,
	dialect: CsvDialect,
	extra: CsvExtra = { head: [], rows: [] }
): Uint8Array<ArrayBuffer> {
	const d = DIALECTS[dialect];
	const line = (cells: (string | number)[]) => cells.map((c) => cell(c, d)).join(d.separator);
	const lines = [line([...header(name), ...extra.head])];
	for (const [i, row] of body.entries()) {
		const label = row.kind === 'rate' ? 'Tỷ lệ (%)' : row.label;
		const values = row.kind === 'rate' ? row.values.map(rounded) : row.values;
		// Every line as wide as the header: a row without extra cells (the rate row) leaves them empty.
		const more = extra.head.map((_, k) => {
			const c = extra.rows[i]?.[k] ?? '';
			return typeof c === 'number' ? rounded(c) : c;
		});
		lines.push(line([row.no, label, ...values, ...more]));
	}
	return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

export function reportCsv(report: Report, dialect: CsvDialect = 'rfc'): Uint8Array<ArrayBuffer> {
	return throughputCsv(throughputBody(report), 'Lĩnh vực giải quyết', dialect);
}
