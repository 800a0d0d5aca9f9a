import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed001Report } from '$lib/domain/report.fixture';
import { reportHeading, reportSections } from '$lib/domain/report-text';
import { formatBodyValues, satisfactionTables, throughputBody, THROUGHPUT_NUMBERS } from '$lib/domain/report-tables';
import { exportReport } from './index';

// Word's XML read back: the parts a reader sees (paragraph texts, table cells), nothing of our own code.
const decode = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'))].map((m) => m[0]);
/** Each table's rows of cell texts; a cell merged down from above reads as ''. */
const tables = (xml: string) => all(xml, 'w:tbl').map((t) => all(t, 'w:tr').map((tr) => all(tr, 'w:tc').map(textOf)));
const paragraphs = (xml: string) => all(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''), 'w:p').map(textOf);

const report = seed001Report();
let documentXml = '';
let stylesXml = '';
let filename = '';

beforeAll(async () => {
	const file = await exportReport(report, 'docx');
	filename = file.filename;
	const zip = await JSZip.loadAsync(file.bytes);
	documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
});

describe('the DOCX report', () => {
	it('is named by its period', () => {
		expect(filename).toBe('bao-cao-2025-12-15_2026-06-14.docx');
	});

	it('sets Times New Roman 14 pt and Vietnamese as the document default', () => {
		const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(stylesXml)?.[0] ?? '';
		expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman" [^>]*w:hAnsi="Times New Roman"/);
		expect(defaults).toContain('<w:sz w:val="28"/>');
		expect(defaults).toContain('w:val="vi-VN"');
	});

	it('has an A4 portrait section with 2 cm top and bottom, 3 cm left, 2 cm right, then an A4 landscape one', () => {
		const sections = all(documentXml, 'w:sectPr');
		expect(sections).toHaveLength(2);
		expect(sections[0]).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
		expect(sections[0]).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/);
		expect(sections[1]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
		// The throughput table sits in the landscape section: after the first section break.
		const firstBreak = documentXml.indexOf('<w:sectPr>');
		expect(documentXml.indexOf('(3)=(4)+(5)+(6)')).toBeGreaterThan(firstBreak);
	});

	it('opens with the heading block: the governing body and the center, the motto with the place and date, BÁO CÁO and the period', () => {
		const text = paragraphs(documentXml);
		const heading = reportHeading(report);
		expect(text).toContain('BÁO CÁO');
		expect(text).toContain(heading.subject);
		expect(text).toContain('(Số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026)');
		expect(tables(documentXml)[0][0]).toEqual([
			'UBND XÃ AN PHÚTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ AN PHÚ',
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúcAn Phú, ngày 15 tháng 6 năm 2026'
		]);
	});

	it('prints every paragraph of every part, numbered titles first', () => {
		const text = paragraphs(documentXml);
		reportSections(report).forEach((section, i) => {
			expect(text).toContain(`${i + 1}. ${section.title}`);
			for (const p of section.paragraphs) expect(text).toContain(p);
		});
	});

	it("holds seed 001's table: its header rows, the (1)…(16) row, every field's figures in order, the total and the rate rows", () => {
		const table = tables(documentXml).find((t) => t.some((row) => row[0] === '(1)'));
		expect(table).toBeDefined();
		const rows = table ?? [];
		expect(rows[0]).toEqual(['STT', 'Lĩnh vực giải quyết', 'Số lượng hồ sơ tiếp nhận', 'Số lượng hồ sơ đã giải quyết', 'Số lượng hồ sơ đang giải quyết']);
		expect(rows[2].filter(Boolean)).toEqual(['Trực tuyến', 'Trực tiếp, dịch vụ bưu chính']);
		expect(rows[3]).toEqual(THROUGHPUT_NUMBERS);
		const body = rows.slice(4);
		expect(body).toHaveLength(report.throughput.rows.length + 2);
		expect(body[2]).toEqual(['3', 'Đất đai', '216', '172', '0', '44', '186', '181', '0', '1', '0', '4', '30', '25', '0', '5']);
		expect(body.at(-2)).toEqual(['Tổng cộng', '6.600', '6.550', '0', '50', '6.543', '6.498', '0', '1', '18', '26', '57', '47', '0', '10']);
		expect(body.at(-1)).toEqual(['Tỷ lệ', '100%', '99,2%', '0%', '0,8%', '99,1%', '98,5%', '0%', '0,02%', '0,3%', '0,4%', '0,9%', '0,7%', '0%', '0,2%']);
		throughputBody(report).forEach((row, i) => {
			const first = row.kind === 'field' ? [row.no, row.label] : [row.label];
			expect(body[i]).toEqual([...first, ...formatBodyValues(row)]);
		});
	});

	it('repeats the table header on every page and keeps each row whole', () => {
		const table = all(documentXml, 'w:tbl').find((t) => t.includes('(3)=(4)+(5)+(6)')) ?? '';
		const rows = all(table, 'w:tr');
		expect(rows.slice(0, 4).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
		expect(rows.slice(4).every((r) => !r.includes('<w:tblHeader/>') && r.includes('<w:cantSplit/>'))).toBe(true);
	});

	it('has the satisfaction tables: per level, per field with target and đạt / chưa đạt, per counter, reasons', () => {
		const text = paragraphs(documentXml);
		const docTables = tables(documentXml);
		for (const t of satisfactionTables(report)) {
			expect(text).toContain(t.title);
			expect(docTables.some((rows) => rows[0].join('|') === t.head.join('|') && rows.length === t.rows.length + 1)).toBe(true);
		}
		const fields = docTables.find((rows) => rows[0][1] === 'Lĩnh vực' && rows[0].includes('Chỉ tiêu'));
		expect(fields?.slice(1)).toEqual([
			['1', 'Bảo trợ xã hội', '20', '19', '95%', '95%', 'Đạt'],
			['2', 'Chứng thực', '700', '690', '98,6%', '95%', 'Đạt'],
			['3', 'Đất đai', '150', '122', '81,3%', '90%', 'Chưa đạt'],
			['4', 'Hộ tịch', '380', '360', '94,7%', '95%', 'Chưa đạt'],
			['', 'Chung', '1.250', '1.191', '95,3%', '95%', 'Đạt']
		]);
	});
});
