import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seed001Report } from '$lib/domain/report.fixture';
import { THROUGHPUT_COLUMNS } from '$lib/domain/report-tables';
import { exportReport } from './index';

const report = seed001Report();

async function readBack(r = report): Promise<{ raw: Uint8Array; records: string[][] }> {
	const file = await exportReport(r, 'csv');
	return {
		raw: file.bytes,
		records: parse(Buffer.from(file.bytes), { bom: true, relax_column_count: false }) as string[][]
	};
}

describe('the CSV report', () => {
	it('starts with a UTF-8 byte-order mark so Excel reads Vietnamese, and is named by its period', async () => {
		const file = await exportReport(report, 'csv');
		expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(file.filename).toBe('bao-cao-2025-12-15_2026-06-14.csv');
		expect(file.contentType).toBe('text/csv; charset=utf-8');
	});

	it('has a header of column numbers and names, a row per field, the total and the rate, all 16 columns wide', async () => {
		const { records } = await readBack();
		expect(records[0].slice(0, 4)).toEqual([
			'(1) STT',
			'(2) Lĩnh vực giải quyết',
			'(3) Tiếp nhận: tổng số',
			'(4) Tiếp nhận trong kỳ: trực tuyến'
		]);
		expect(records[0][4]).toBe('(5) Tiếp nhận trong kỳ: trực tiếp, dịch vụ bưu chính');
		expect(records).toHaveLength(1 + report.throughput.rows.length + 2);
		expect(records.every((r) => r.length === 16)).toBe(true);
	});

	it("gives each field's figures, the total and the rate as plain numbers equal to the report's", async () => {
		const { records } = await readBack();
		const { rows, total, rate } = report.throughput;
		rows.forEach((row, i) => {
			expect(records[1 + i].slice(0, 2)).toEqual([String(i + 1), row.field]);
			expect(records[1 + i].slice(2).map(Number)).toEqual(
				THROUGHPUT_COLUMNS.map((c) => c.value(row))
			);
		});
		const totalLine = records[1 + rows.length];
		expect(totalLine.slice(0, 2)).toEqual(['', 'Tổng cộng']);
		expect(totalLine.slice(2).map(Number)).toEqual(THROUGHPUT_COLUMNS.map((c) => c.value(total)));
		const rateLine = records[2 + rows.length];
		expect(rateLine[1]).toBe('Tỷ lệ (%)');
		expect(rateLine.slice(2).map(Number)).toEqual(
			THROUGHPUT_COLUMNS.map((c) => Math.round(c.value(rate) * 100) / 100)
		);
		expect(rateLine.slice(2, 8)).toEqual(['100', '99.24', '0', '0.76', '99.14', '98.45']);
	});

	it('quotes a field name with a comma or quote, and defuses one a spreadsheet would run as a formula', async () => {
		const base = report.throughput;
		const rows = [
			{ ...base.rows[0], field: 'Quy hoạch xây dựng, kiến trúc "mới"' },
			{ ...base.rows[1], field: '=HYPERLINK("http://x")' }
		];
		const { records, raw } = await readBack(seed001Report({ throughput: { ...base, rows } }));
		expect(records[1][1]).toBe('Quy hoạch xây dựng, kiến trúc "mới"');
		expect(records[2][1]).toBe(`'=HYPERLINK("http://x")`);
		expect(new TextDecoder().decode(raw)).toContain('\r\n');
	});
});

describe('the CSV for an Excel set to Vietnamese', () => {
	it("separates cells with ';' and writes decimals with a comma, with the byte-order mark and CRLF, named apart", async () => {
		const file = await exportReport(report, 'csv-vn');
		expect(file.filename).toBe('bao-cao-2025-12-15_2026-06-14-excel-vn.csv');
		expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(file.bytes);
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + report.throughput.rows.length + 2);
		const records = parse(Buffer.from(file.bytes), { bom: true, delimiter: ';' }) as string[][];
		expect(records.every((r) => r.length === 16)).toBe(true);
		expect(records[0][4]).toBe('(5) Tiếp nhận trong kỳ: trực tiếp, dịch vụ bưu chính');
		const { rows, total } = report.throughput;
		// A field name with a comma needs no quotes here: ',' is not this dialect's separator.
		const land = records.find((r) => r[1] === 'Quy hoạch xây dựng, kiến trúc');
		expect(land).toBeDefined();
		expect(records[1 + rows.length].slice(2).map(Number)).toEqual(
			THROUGHPUT_COLUMNS.map((c) => c.value(total))
		);
		const rateLine = records[2 + rows.length];
		expect(rateLine.slice(2, 8)).toEqual(['100', '99,24', '0', '0,76', '99,14', '98,45']);
		// Read as a Vietnamese Excel does: the comma is the decimal mark.
		const vn = (s: string) => Number(s.replace(',', '.'));
		expect(vn(rateLine[6])).toBeCloseTo(99.14, 2);
	});

	it("quotes a cell holding ';' and defuses a formula", async () => {
		const base = report.throughput;
		const rows = [
			{ ...base.rows[0], field: 'Hộ tịch; chứng thực' },
			{ ...base.rows[1], field: '=1+1' }
		];
		const file = await exportReport(seed001Report({ throughput: { ...base, rows } }), 'csv-vn');
		expect(new TextDecoder().decode(file.bytes)).toContain('1;"Hộ tịch; chứng thực";');
		const records = parse(Buffer.from(file.bytes), { bom: true, delimiter: ';' }) as string[][];
		expect(records[2][1]).toBe("'=1+1");
	});
});
