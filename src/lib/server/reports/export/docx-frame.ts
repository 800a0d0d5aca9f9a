// What makes the DOCX an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the borderless header table with
// the issuer on the left and Quốc hiệu, tiêu ngữ on the right, the number and the date line under them; the title
// with its short rule; the closing with Nơi nhận and the signer; page numbers in the header from page 2.
import {
	AlignmentType,
	BorderStyle,
	Header,
	LineRuleType,
	PageNumber,
	Paragraph,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { ReportClosing, ReportHeading } from '$lib/domain/report-text';

/** Sizes in half-points, as Word counts them; the ranges are Phụ lục I's. */
const SIZE = {
	governingBody: 24, // 12–13, upright
	issuer: 24, // 12–13, bold
	nation: 24, // Quốc hiệu 12–13, bold: 12 keeps it on one line in the 60% column
	motto: 26, // tiêu ngữ 13–14, bold
	number: 26, // 13
	date: 28, // 13–14, italic
	title: 28,
	recipientsLabel: 24, // "Nơi nhận:" 12, bold italic
	recipients: 22, // 11
	signer: 28, // 13–14, bold
	pageNumber: 26 // 13–14
} as const;

/** Share of the header table's left column: the issuer (the rest, 60%, is the nation's). */
const ISSUER_SHARE = 0.4;
/** How far the header table reaches into the page's margins (twips). */
const HEADER_OUTSET = { left: 567, right: 284 } as const;
/** Share of the closing table's left column: Nơi nhận (the rest is the signer's). */
const RECIPIENTS_SHARE = 0.45;
/** Room for the signature and the seal between the signer's title and name (twips; 1 cm = 567). */
const SIGNATURE_ROOM = 1700;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface Run {
	size: number;
	bold?: boolean;
	italics?: boolean;
	underline?: boolean;
	align?: Align;
	before?: number;
	after?: number;
}

/** One paragraph of one run: a line of the frame never breaks into runs, so a reader (and a test) finds it whole. */
function para(
	text: string,
	{ size, bold, italics, underline, align = AlignmentType.CENTER, before = 0, after = 0 }: Run
): Paragraph {
	return new Paragraph({
		alignment: align,
		spacing: { before, after },
		children: [new TextRun({ text, size, bold, italics, underline: underline ? {} : undefined })]
	});
}

/** A short centered rule (1/3 to 1/2 of the line above, Phụ lục I): an empty paragraph with a bottom border, indented. */
export function shortRule(columnWidth: number, length: number, after = 0): Paragraph {
	const indent = Math.max(0, Math.round((columnWidth - length) / 2));
	return new Paragraph({
		indent: { left: indent, right: indent },
		// An exact 4 pt line: the rule sits just under the words above, not a 14 pt empty line lower.
		spacing: { before: 0, after, line: 80, lineRule: LineRuleType.EXACT },
		border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
		children: [new TextRun({ text: '', size: 4 })]
	});
}

function borderless(widths: number[], rows: Paragraph[][][], indent = 0): Table {
	const total = widths.reduce((a, b) => a + b, 0);
	return new Table({
		width: { size: total, type: WidthType.DXA },
		indent: indent ? { size: indent, type: WidthType.DXA } : undefined,
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		rows: rows.map(
			(cells) =>
				new TableRow({
					cantSplit: true,
					children: cells.map(
						(children, i) =>
							new TableCell({
								width: { size: widths[i], type: WidthType.DXA },
								margins: { left: 0, right: 0, top: 0, bottom: 0 },
								children
							})
					)
				})
		)
	});
}

/**
 * The header table, ~40/60: issuer | nation, then number | place and date. As in the templates offices use, it reaches
 * 1 cm into the left margin and 0.5 cm into the right one, so the issuer breaks over two lines, not three.
 */
export function letterhead(heading: ReportHeading, textWidth: number): Table {
	const width = textWidth + HEADER_OUTSET.left + HEADER_OUTSET.right;
	const left = Math.round(width * ISSUER_SHARE);
	const widths = [left, width - left];
	const issuer = [
		...(heading.governingBody
			? [para(heading.governingBody.toLocaleUpperCase('vi'), { size: SIZE.governingBody })]
			: []),
		para(heading.organisation.toLocaleUpperCase('vi'), { size: SIZE.issuer, bold: true }),
		shortRule(left, 1300)
	];
	const nation = [
		para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.nation, bold: true }),
		para('Độc lập - Tự do - Hạnh phúc', { size: SIZE.motto, bold: true, underline: true })
	];
	return borderless(
		widths,
		[
			[issuer, nation],
			[
				[para(heading.number, { size: SIZE.number, before: 120 })],
				[para(heading.dateLine, { size: SIZE.date, italics: true, before: 120 })]
			]
		],
		-HEADER_OUTSET.left
	);
}

/** BÁO CÁO, the trích yếu and the period under it, then the short rule. */
export function title(
	heading: Pick<ReportHeading, 'title' | 'subject' | 'period'>,
	width: number
): Paragraph[] {
	return [
		para(heading.title, { size: SIZE.title, bold: true, before: 360 }),
		para(heading.subject, { size: SIZE.title, bold: true }),
		para(`(${heading.period})`, { size: SIZE.title, italics: true }),
		shortRule(width, 2000, 120)
	];
}

/** The closing sentence, then Nơi nhận on the left and the signer on the right. */
export function closing(end: ReportClosing, width: number): (Paragraph | Table)[] {
	const left = Math.round(width * RECIPIENTS_SHARE);
	const recipients = [
		para('Nơi nhận:', {
			size: SIZE.recipientsLabel,
			bold: true,
			italics: true,
			align: AlignmentType.LEFT
		}),
		...end.recipients.map((r) => para(r, { size: SIZE.recipients, align: AlignmentType.LEFT }))
	];
	const signer = [
		...end.signerTitle.map((t) => para(t, { size: SIZE.signer, bold: true })),
		para(end.signerName, { size: SIZE.signer, bold: true, before: SIGNATURE_ROOM })
	];
	return [
		new Paragraph({
			alignment: AlignmentType.JUSTIFIED,
			indent: { firstLine: 567 },
			spacing: { before: 120, after: 240 },
			keepNext: true,
			children: [new TextRun(end.summary)]
		}),
		borderless([left, width - left], [[recipients, signer]])
	];
}

/** The page number, centered in the top margin; the first page shows none (its section sets titlePage). */
export function pageNumberHeader(): Header {
	return new Header({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.pageNumber })]
			})
		]
	});
}

/** The first page's header: empty. */
export const emptyHeader = () => new Header({ children: [new Paragraph({ children: [] })] });
