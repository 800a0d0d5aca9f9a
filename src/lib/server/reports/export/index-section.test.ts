// The optional service-index section of the report: in its prose and table on every format (the page and print view
// print reportSections and partTables, as the DOCX does), and on a sheet of its own in the XLSX; absent when the
// center has not asked for it.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Report } from '$lib/domain/report';
import { seed001Report } from '$lib/domain/report.fixture';
import { indexTables, formatValue } from '$lib/domain/report-tables';
import { indexText, reportSections } from '$lib/domain/report-text';
import { estimateIndex } from '$lib/domain/service-index';
import { textOf } from './docx-testing';
import { exportReport } from './index';
import { SHEETS } from './xlsx';

function withIndex(): Report {
	const base = seed001Report();
	return {
		...base,
		index: estimateIndex({
			throughput: base.throughput.total,
			payment: { withFee: 40, paidOnline: 30 },
			digitisation: null,
			satisfaction: base.satisfaction
		})
	};
}

async function docxText(report: Report): Promise<string> {
	const zip = await JSZip.loadAsync((await exportReport(report, 'docx')).bytes);
	return textOf((await zip.file('word/document.xml')?.async('string')) ?? '');
}

async function workbook(report: Report): Promise<ExcelJS.Workbook> {
	const bytes = (await exportReport(report, 'xlsx')).bytes;
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	return book;
}

describe('the service-index section of the report', () => {
	it('is not printed unless the center asked for it', async () => {
		const report = seed001Report();
		expect(indexText(report)).toBeNull();
		expect(indexTables(report)).toEqual([]);
		expect(reportSections(report).map((s) => s.id)).not.toContain('index');
		expect(await docxText(report)).not.toContain('Quyết định 766');
		expect((await workbook(report)).getWorksheet(SHEETS.index)).toBeUndefined();
	});

	it('says it is an estimate, gives each indicator its points and what they lost, and stands before the notes', () => {
		const report = withIndex();
		const index = report.index;
		if (!index) throw new Error('no index');
		const section = indexText(report);
		expect(section?.paragraphs[0]).toContain('không phải điểm chính thức');
		// Seed 001: in time 6.498 early + 47 pending in time + 10 waiting on a supplement = 6.555 of 6.556 (one late):
		// 99,98 %, 19,997 points, which print as 20; too little lost to name.
		expect(section?.paragraphs).toContain(
			'+ Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn: 20/20 điểm (tỷ lệ 99,98%).'
		);
		expect(section?.paragraphs).toContain(
			'+ Tỷ lệ hồ sơ thanh toán trực tuyến: 4,5/6 điểm (tỷ lệ 75%); 10 hồ sơ có phí chưa thanh toán trực tuyến: −1,5 điểm.'
		);
		expect(section?.paragraphs.some((p) => p.includes('chưa có số liệu'))).toBe(true);
		const ids = reportSections(report).map((s) => s.id);
		expect(ids.indexOf('index')).toBe(ids.indexOf('comparison') + 1);
		const [table] = indexTables(report);
		expect(table.rows).toHaveLength(index.indicators.length + 1);
		expect(table.rows.at(-1)?.map(formatValue)).toEqual([
			'',
			'Cộng',
			String(index.max),
			'—',
			formatValue({ points: index.points }),
			''
		]);
	});

	it('is in the DOCX and on its own XLSX sheet, points as numbers', async () => {
		const report = withIndex();
		const index = report.index;
		if (!index) throw new Error('no index');
		const text = await docxText(report);
		expect(text).toContain(
			'Ước tính Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)'
		);
		expect(text).toContain('không phải điểm chính thức');
		for (const i of index.indicators) expect(text).toContain(i.name);

		const sheet = (await workbook(report)).getWorksheet(SHEETS.index);
		expect(sheet).toBeDefined();
		const rows: unknown[][] = [];
		sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
		const paid = index.indicators.find((i) => i.id === 'online_payment');
		expect(rows).toContainEqual([
			'3',
			'Tỷ lệ hồ sơ thanh toán trực tuyến',
			6,
			0.75,
			4.5,
			'10 hồ sơ có phí chưa thanh toán trực tuyến: −1,5 điểm'
		]);
		expect(paid?.points).toBe(4.5);
	});
});
