// The throughput table as CSV, for other systems and quick spreadsheets. Decisions:
// - one table per file (the 16 columns): a second block with other columns would break every CSV reader that
//   expects one header; satisfaction and publicity go to XLSX, DOCX and the JSON API instead;
// - UTF-8 with a byte-order mark, so Excel shows Vietnamese; ',' between cells, CRLF between lines (RFC 4180);
// - numbers as plain machine numbers: counts without grouping (6600), the rate row in percent with '.' and at most
//   two decimals (99.14), so any program reads them; the Vietnamese '6.600' and '99,1%' are for XLSX and DOCX;
// - a text cell that a spreadsheet would run as a formula (= + - @) is prefixed with ' (CSV injection).
import type { Report } from '$lib/domain/report';
import { THROUGHPUT_COLUMNS, throughputBody } from '$lib/domain/report-tables';

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Percent to at most two decimals, as a machine number. */
const rounded = (p: number) => Math.round(p * 100) / 100;

const CSV_HEADER = ['(1) STT', '(2) Lĩnh vực giải quyết', ...THROUGHPUT_COLUMNS.map((c) => `(${c.no}) ${c.name}`)];

export function reportCsv(report: Report): Uint8Array<ArrayBuffer> {
	const lines = [CSV_HEADER.map(cell).join(',')];
	for (const row of throughputBody(report)) {
		const label = row.kind === 'rate' ? 'Tỷ lệ (%)' : row.label;
		const values = row.kind === 'rate' ? row.values.map(rounded) : row.values;
		lines.push([row.no, label, ...values].map(cell).join(','));
	}
	return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
