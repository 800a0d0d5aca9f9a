import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed001Report, PRINTED } from '$lib/domain/report.fixture';
import { reportHeading, reportSections } from '$lib/domain/report-text';
import {
	formatBodyValues,
	satisfactionTables,
	throughputBody,
	THROUGHPUT_NUMBERS
} from '$lib/domain/report-tables';
import { all, tables, textOf } from './docx-testing';
import { exportReport } from './index';

const paragraphs = (xml: string) =>
	all(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''), 'w:p').map(textOf);

const report = seed001Report();
let documentXml = '';
let stylesXml = '';
let filename = '';
/** Each section's header parts by type ('default', 'first'), read through the document's relationships. */
let headers: Record<string, string>[] = [];

beforeAll(async () => {
	const file = await exportReport(report, 'docx');
	filename = file.filename;
	const zip = await JSZip.loadAsync(file.bytes);
	documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
	const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
	const target = (id: string) =>
		new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
		new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
	headers = await Promise.all(
		all(documentXml, 'w:sectPr').map(async (section) => {
			const refs = [...section.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
			const parts = await Promise.all(
				refs.map(
					async ([, type, id]) =>
						[type, (await zip.file(`word/${target(id)}`)?.async('string')) ?? ''] as const
				)
			);
			return Object.fromEntries(parts);
		})
	);
});

/** The runs (w:r) whose whole text is `text`, with their properties. */
const runsOf = (xml: string, text: string) => all(xml, 'w:r').filter((r) => textOf(r) === text);
/** A run's size in points, from its half-points. */
const points = (run: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(run)?.[1] ?? NaN) / 2;
/** Each table's grid: its column widths in twips, and its declared width. */
const grids = (xml: string) =>
	all(xml, 'w:tbl').map((t) => ({
		xml: t,
		columns: [
			...(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/.exec(t)?.[0] ?? '').matchAll(
				/<w:gridCol w:w="(\d+)"\/>/g
			)
		].map((m) => Number(m[1])),
		width: Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(t)?.[1] ?? NaN)
	}));
const CM = 567;

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
		expect(sections[0]).toMatch(
			/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/
		);
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
		expect(tables(documentXml)[0]).toEqual([
			[
				'UBND XÃ AN PHÚTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ AN PHÚ',
				'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc'
			],
			['Số:        /BC-TTPVHCC', 'An Phú, ngày 15 tháng 6 năm 2026']
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
		expect(rows[0]).toEqual([
			'STT',
			'Lĩnh vực giải quyết',
			'Số lượng hồ sơ tiếp nhận',
			'Số lượng hồ sơ đã giải quyết',
			'Số lượng hồ sơ đang giải quyết'
		]);
		expect(rows[2].filter(Boolean)).toEqual(['Trực tuyến', 'Trực tiếp, dịch vụ bưu chính']);
		expect(rows[3]).toEqual(THROUGHPUT_NUMBERS);
		const body = rows.slice(4);
		expect(body).toHaveLength(report.throughput.rows.length + 2);
		expect(body[2]).toEqual(PRINTED.land);
		expect(body.at(-2)).toEqual(PRINTED.total);
		expect(body.at(-1)).toEqual(PRINTED.rates);
		throughputBody(report).forEach((row, i) => {
			const first = row.kind === 'field' ? [row.no, row.label] : [row.label];
			expect(body[i]).toEqual([...first, ...formatBodyValues(row)]);
		});
	});

	it('repeats the table header on every page and keeps each row whole', () => {
		const table = all(documentXml, 'w:tbl').find((t) => t.includes('(3)=(4)+(5)+(6)')) ?? '';
		const rows = all(table, 'w:tr');
		expect(rows.slice(0, 4).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
		expect(
			rows.slice(4).every((r) => !r.includes('<w:tblHeader/>') && r.includes('<w:cantSplit/>'))
		).toBe(true);
	});

	it('has the satisfaction tables: per level, per field with target and đạt / chưa đạt, per counter, reasons', () => {
		const text = paragraphs(documentXml);
		const docTables = tables(documentXml);
		for (const t of satisfactionTables(report)) {
			expect(text).toContain(t.title);
			expect(
				docTables.some(
					(rows) => rows[0].join('|') === t.head.join('|') && rows.length === t.rows.length + 1
				)
			).toBe(true);
		}
		const fields = docTables.find(
			(rows) => rows[0][1] === 'Lĩnh vực' && rows[0].includes('Chỉ tiêu')
		);
		expect(fields?.slice(1)).toEqual([
			['1', 'Bảo trợ xã hội', '20', '19', '95%', '95%', 'Đạt'],
			['2', 'Chứng thực', '700', '690', '98,6%', '95%', 'Đạt'],
			['3', 'Đất đai', '150', '122', '81,3%', '90%', 'Chưa đạt'],
			['4', 'Hộ tịch', '380', '360', '94,7%', '95%', 'Chưa đạt'],
			['', 'Chung', '1.250', '1.191', '95,3%', '95%', 'Đạt']
		]);
	});

	it('prints Quốc hiệu in one bold 12–13 pt run and the tiêu ngữ bold, 13–14 pt and underlined, in the right 60% of a borderless header', () => {
		const [nation] = runsOf(documentXml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(nation).toContain('<w:b/>');
		expect(points(nation)).toBeGreaterThanOrEqual(12);
		expect(points(nation)).toBeLessThanOrEqual(13);
		const paragraph = all(documentXml, 'w:p').find((p) => p.includes('CỘNG HÒA XÃ HỘI'));
		expect(paragraph).not.toContain('<w:br/>');
		const [motto] = runsOf(documentXml, 'Độc lập - Tự do - Hạnh phúc');
		expect(motto).toContain('<w:b/>');
		expect(motto).toContain('<w:u w:val="single"/>');
		expect(points(motto)).toBeGreaterThanOrEqual(13);
		const [head] = grids(documentXml);
		const borders = /<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(head.xml)?.[0] ?? '';
		expect([...borders.matchAll(/w:val="(\w+)"/g)].map((m) => m[1])).toEqual(Array(6).fill('none'));
		expect(head.columns[0] / head.width).toBeCloseTo(0.4, 1);
		const [governing] = runsOf(documentXml, 'UBND XÃ AN PHÚ');
		expect(governing).not.toContain('<w:b/>');
		expect(runsOf(documentXml, 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ AN PHÚ')[0]).toContain(
			'<w:b/>'
		);
		expect(runsOf(documentXml, 'An Phú, ngày 15 tháng 6 năm 2026')[0]).toContain('<w:i/>');
	});

	it('ends with the closing sentence, Nơi nhận (bold italic 12 pt) with its list on the left and the signer on the right', () => {
		const text = paragraphs(documentXml);
		expect(text.some((p) => p.endsWith('của Trung tâm Phục vụ hành chính công xã An Phú./.'))).toBe(
			true
		);
		const closing = tables(documentXml).find((t) => t[0][0].startsWith('Nơi nhận:'));
		expect(closing?.[0]).toEqual([
			'Nơi nhận:- Như trên;- CT, các PCT UBND xã (b/c);- Văn phòng HĐND và UBND xã;- Lưu: VT, TTPVHCC.',
			'KT. GIÁM ĐỐCPHÓ GIÁM ĐỐCNgô Thanh Phương'
		]);
		const [label] = runsOf(documentXml, 'Nơi nhận:');
		expect(label).toContain('<w:b/>');
		expect(label).toContain('<w:i/>');
		expect(points(label)).toBe(12);
		expect(points(runsOf(documentXml, '- Lưu: VT, TTPVHCC.')[0])).toBe(11);
		for (const words of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Ngô Thanh Phương'])
			expect(runsOf(documentXml, words)[0]).toContain('<w:b/>');
		// The signer comes last in the portrait section: after every part, before the landscape table.
		expect(documentXml.indexOf('Ngô Thanh Phương')).toBeLessThan(documentXml.indexOf('<w:sectPr>'));
	});

	it('numbers the pages with a PAGE field in the header from page 2: the first page has its own, empty header', () => {
		const [portrait, landscape] = all(documentXml, 'w:sectPr');
		expect(portrait).toContain('<w:titlePg/>');
		expect(landscape).not.toContain('<w:titlePg/>');
		const pageField = (xml: string) =>
			/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(xml) &&
			xml.includes('w:fldCharType="begin"');
		expect(pageField(headers[0].default)).toBe(true);
		expect(pageField(headers[0].first)).toBe(false);
		expect(textOf(headers[0].first)).toBe('');
		expect(pageField(headers[1].default)).toBe(true);
		expect(/<w:jc w:val="center"\/>/.test(headers[0].default)).toBe(true);
	});

	it('sets the column widths of every table, the name column at least 4 cm, and the wide table fills the landscape page', () => {
		const all16 = grids(documentXml);
		for (const g of all16) {
			expect(g.xml).toContain('<w:tblLayout w:type="fixed"/>');
			expect(g.columns.every((w) => w > 0)).toBe(true);
			expect(g.columns.reduce((a, b) => a + b, 0)).toBe(g.width);
		}
		const named = (head: string) => all16.find((g) => tables(g.xml)[0][0].includes(head));
		const fieldsTable = all16.find(
			(g) =>
				tables(g.xml)[0][0].join('|') ===
				'STT|Lĩnh vực|Số lượt đánh giá|Hài lòng|Tỷ lệ hài lòng|Chỉ tiêu|Kết quả'
		);
		expect(fieldsTable?.columns[1]).toBeGreaterThanOrEqual(4 * CM);
		expect(named('Tên thủ tục')?.columns[2]).toBeGreaterThanOrEqual(4 * CM);
		// Every table that lists names (it numbers them, STT) gives its widest column at least 4 cm.
		for (const g of all16.filter((t) => tables(t.xml)[0][0][0] === 'STT'))
			expect(Math.max(...g.columns)).toBeGreaterThanOrEqual(4 * CM);
		const wide = all16.find((g) => g.columns.length === 16);
		expect(wide?.width).toBe(16838 - 2 * 1134);
		expect(wide?.columns[1]).toBeGreaterThanOrEqual(4 * CM);
		expect(documentXml.indexOf('<w:sectPr>')).toBeLessThan(
			documentXml.indexOf(wide?.xml ?? 'missing')
		);
	});
});
