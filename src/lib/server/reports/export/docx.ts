// The report as a Word document in the style of official Vietnamese documents (Nghị định 30/2020/NĐ-CP): Times New
// Roman 14 pt, A4 portrait with margins 2 cm top and bottom, 3 cm left, 2 cm right; the frame of docx-frame.ts around
// the prose of every part with its tables; then the 16-column throughput table of seed 001 on its own A4 landscape
// section. Every table has its column widths set, so Word and LibreOffice lay it out alike.
import {
	AlignmentType,
	Document,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	VerticalAlignTable,
	WidthType
} from 'docx';
import type { Report } from '$lib/domain/report';
import {
	reportClosing,
	reportHeading,
	reportSections,
	type ReportSection
} from '$lib/domain/report-text';
import {
	formatBodyValues,
	formatValue,
	isFigure,
	NO_FIGURES,
	partTables,
	THROUGHPUT_HEAD,
	THROUGHPUT_NUMBERS,
	THROUGHPUT_TITLE,
	throughputBody,
	type ReportTable,
	type ThroughputBodyRow
} from '$lib/domain/report-tables';
import { closing, emptyHeader, letterhead, pageNumberHeader, title } from './docx-frame';

/** Sizes in half-points, as Word counts them. */
export const SIZES = { body: 28, table: 24, wideTable: 22, wideHead: 20, numbers: 16 } as const;
/** A4 in twips (1/20 pt); 1 cm = 567 twips. */
const A4 = { width: 11906, height: 16838 } as const;
const PORTRAIT_MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 } as const;
const LANDSCAPE_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134 } as const;
export const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
/** The smaller tables' columns: STT, a figure at most, and the name at least (4 cm: a name wraps over two or three lines, not thirty). */
const COLUMN = { stt: 680, figureMax: 1300, nameMin: 2268 } as const;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface Words {
	bold?: boolean;
	italics?: boolean;
	size?: number;
	align?: Align;
}

export function line(
	text: string,
	{ bold, italics, size, align = AlignmentType.CENTER }: Words = {},
	after = 0
): Paragraph {
	return new Paragraph({
		alignment: align,
		spacing: { after },
		children: [new TextRun({ text, bold, italics, size })]
	});
}

interface CellOptions extends Words {
	columnSpan?: number;
	rowSpan?: number;
	width?: number;
	shade?: boolean;
}

function cell(
	text: string,
	{ columnSpan, rowSpan, width, shade, ...words }: CellOptions
): TableCell {
	return new TableCell({
		columnSpan,
		rowSpan,
		width: width ? { size: width, type: WidthType.DXA } : undefined,
		verticalAlign: VerticalAlignTable.CENTER,
		margins: { left: 60, right: 60, top: 20, bottom: 20 },
		shading: shade ? { fill: 'EDEDED' } : undefined,
		children: [
			new Paragraph({
				alignment: words.align ?? AlignmentType.CENTER,
				spacing: { after: 0 },
				children: [
					new TextRun({ text, bold: words.bold, italics: words.italics, size: words.size })
				]
			})
		]
	});
}

/** A part's numbered title and its paragraphs. */
export function prose(
	section: Pick<ReportSection, 'title' | 'paragraphs'>,
	index: number
): Paragraph[] {
	return [
		new Paragraph({
			spacing: { before: 240, after: 120 },
			keepNext: true,
			children: [new TextRun({ text: `${index + 1}. ${section.title}`, bold: true })]
		}),
		...section.paragraphs.map(
			(text) =>
				new Paragraph({
					alignment: AlignmentType.JUSTIFIED,
					indent: { firstLine: 567 },
					spacing: { after: 120 },
					children: [new TextRun(text)]
				})
		)
	];
}

/** STT narrow, the naming column (rowHeader) takes what the others leave, each other column an equal share up to figureMax. */
function smallColumns(table: ReportTable): number[] {
	const stt = table.head[0] === 'STT' ? COLUMN.stt : 0;
	const others = table.head.length - 1 - (stt ? 1 : 0);
	const other = others
		? Math.min(COLUMN.figureMax, Math.floor((PORTRAIT_WIDTH - stt - COLUMN.nameMin) / others))
		: 0;
	const name = PORTRAIT_WIDTH - stt - other * others;
	return table.head.map((_, i) => (i === table.rowHeader ? name : i === 0 && stt ? stt : other));
}

/** A small table with its caption; an empty one says so instead of printing a bare header. */
export function smallTable(table: ReportTable): (Paragraph | Table)[] {
	const caption = new Paragraph({
		spacing: { before: 120, after: 60 },
		keepNext: true,
		children: [new TextRun({ text: table.title, bold: true, italics: true, size: SIZES.table })]
	});
	if (table.rows.length === 0)
		return [
			caption,
			line(
				table.empty ?? NO_FIGURES,
				{ italics: true, size: SIZES.table, align: AlignmentType.LEFT },
				120
			)
		];
	const size = SIZES.table;
	const widths = smallColumns(table);
	return [
		caption,
		new Table({
			width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
			columnWidths: widths,
			layout: TableLayoutType.FIXED,
			rows: [
				new TableRow({
					tableHeader: true,
					cantSplit: true,
					children: table.head.map((h, i) =>
						cell(h, { bold: true, size, shade: true, width: widths[i] })
					)
				}),
				...table.rows.map(
					(row) =>
						new TableRow({
							cantSplit: true,
							children: row.map((v, i) =>
								cell(formatValue(v), {
									size,
									width: widths[i],
									align: isFigure(v)
										? AlignmentType.RIGHT
										: i === 0 && table.head[0] === 'STT'
											? AlignmentType.CENTER
											: AlignmentType.LEFT
								})
							)
						})
				)
			]
		}),
		line('', {}, 120)
	];
}

/** Column widths of the landscape table: STT, the field, and 14 equal figure columns. */
function wideColumns(): number[] {
	const stt = 520;
	const figure = 770;
	return [stt, LANDSCAPE_WIDTH - stt - 14 * figure, ...Array<number>(14).fill(figure)];
}

/**
 * Seed 001's table: three header rows with merged cells, the (1)…(16) row, a row per field (per center in the city's
 * report, whose header names a center), total and rate.
 */
function throughputTable(body: ThroughputBodyRow[], header = THROUGHPUT_HEAD): Table {
	const widths = wideColumns();
	const span = (col: number, n: number) => widths.slice(col, col + n).reduce((a, b) => a + b, 0);
	const head = [0, 1, 2].map(
		(r) =>
			new TableRow({
				tableHeader: true,
				cantSplit: true,
				// docx adds the cells that continue a merge down from the rows above.
				children: header
					.filter((h) => h.row === r)
					.map((h) =>
						cell(h.text, {
							bold: true,
							size: SIZES.wideHead,
							columnSpan: h.colSpan > 1 ? h.colSpan : undefined,
							rowSpan: h.rowSpan > 1 ? h.rowSpan : undefined,
							width: span(h.col, h.colSpan),
							shade: true
						})
					)
			})
	);
	const numbers = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: THROUGHPUT_NUMBERS.map((n, i) =>
			cell(n, { italics: true, size: SIZES.numbers, width: widths[i] })
		)
	});
	const rows = body.map((row) => {
		const size = SIZES.wideTable;
		const bold = row.kind !== 'field';
		const first =
			row.kind === 'field'
				? [
						cell(row.no, { size, width: widths[0] }),
						cell(row.label, { size, width: widths[1], align: AlignmentType.LEFT })
					]
				: [cell(row.label, { size, bold, columnSpan: 2, width: widths[0] + widths[1] })];
		const figures = formatBodyValues(row).map((text, i) =>
			cell(text, { size, bold, width: widths[i + 2], align: AlignmentType.RIGHT })
		);
		return new TableRow({ cantSplit: true, children: [...first, ...figures] });
	});
	return new Table({
		width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		rows: [...head, numbers, ...rows]
	});
}

/** The wide table's page: its title in capitals, who it is of, the period it goes with, then the table. */
export function wideTablePage(
	what: { title: string; of: string; period: string },
	body: ThroughputBodyRow[],
	header = THROUGHPUT_HEAD
): (Paragraph | Table)[] {
	return [
		line(what.title.toLocaleUpperCase('vi'), { bold: true }),
		line(what.of, { bold: true, size: 26 }),
		line(`(${what.period})`, { italics: true, size: 26 }, 200),
		throughputTable(body, header)
	];
}

/**
 * The document in Times New Roman 14 pt: an A4 portrait section (page numbers from page 2), then the wide table's A4
 * landscape section.
 */
export async function packDocument(
	title: string,
	portrait: (Paragraph | Table)[],
	landscape: (Paragraph | Table)[]
): Promise<Uint8Array<ArrayBuffer>> {
	const doc = new Document({
		creator: 'Sảnh số',
		title,
		styles: {
			default: {
				document: {
					run: { font: 'Times New Roman', size: SIZES.body, language: { value: 'vi-VN' } },
					paragraph: { spacing: { line: 276 } }
				}
			}
		},
		sections: [
			{
				// titlePage: the first page takes the empty `first` header, so numbers start on page 2.
				properties: {
					titlePage: true,
					page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN }
				},
				headers: { default: pageNumberHeader(), first: emptyHeader() },
				children: portrait
			},
			{
				properties: {
					page: {
						size: { ...A4, orientation: PageOrientation.LANDSCAPE },
						margin: LANDSCAPE_MARGIN
					}
				},
				headers: { default: pageNumberHeader() },
				children: landscape
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

export async function reportDocx(report: Report): Promise<Uint8Array<ArrayBuffer>> {
	const heading = reportHeading(report);
	const sections = reportSections(report);
	const portrait = [
		letterhead(heading, PORTRAIT_WIDTH),
		...title(heading, PORTRAIT_WIDTH),
		line(heading.generated, { italics: true, size: 24 }, 120),
		...sections.flatMap((s, i) => [
			...prose(s, i),
			...partTables(report, s.id).flatMap(smallTable)
		]),
		...closing(reportClosing(report), PORTRAIT_WIDTH)
	];
	const landscape = wideTablePage(
		{
			title: THROUGHPUT_TITLE,
			of: heading.organisation,
			period: `${heading.period}; kèm theo Báo cáo ${heading.number.replace('Số:', 'số')}`
		},
		throughputBody(report)
	);
	return packDocument(`${heading.title} ${heading.subject}`, portrait, landscape);
}
