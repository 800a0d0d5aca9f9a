// The report's tables as data: the 16-column throughput table of seed 001 (its three header rows, the (1)…(16)
// numbers row, a row per field, "Tổng cộng" and "Tỷ lệ"), and the satisfaction and publicity tables. The print view,
// DOCX, XLSX and CSV all lay out these same cells, formatted with numbers.ts or written as numbers.
import { formatDecimal, formatInt, formatPercent, formatRate } from './numbers';
import type { Report, SatisfactionGroup, ThroughputRow } from './report';
import { UNNAMED, type ReportSection } from './report-text';

/** The throughput table's title: its caption on screen, and in capitals over its landscape page in print and DOCX. */
export const THROUGHPUT_TITLE = 'Kết quả tiếp nhận và giải quyết thủ tục hành chính theo lĩnh vực';

/** What an empty table says instead of a bare header, on screen and in every file. */
export const NO_FIGURES = 'Không có số liệu.';

/** A column (3)…(16) of the throughput table: its number, its short name and its value in a row. */
export interface ThroughputColumn {
	no: number;
	/** Its name in one line, for a CSV header or a screen reader: "Đã giải quyết: trước hạn". */
	name: string;
	value: (row: ThroughputRow) => number;
}

export const THROUGHPUT_COLUMNS: ThroughputColumn[] = [
	{ no: 3, name: 'Tiếp nhận: tổng số', value: (r) => r.received.total },
	{ no: 4, name: 'Tiếp nhận trong kỳ: trực tuyến', value: (r) => r.received.online },
	{
		no: 5,
		name: 'Tiếp nhận trong kỳ: trực tiếp, dịch vụ bưu chính',
		value: (r) => r.received.direct
	},
	{ no: 6, name: 'Tiếp nhận: từ kỳ trước', value: (r) => r.received.carriedOver },
	{ no: 7, name: 'Đã giải quyết: tổng số', value: (r) => r.resolved.total },
	{ no: 8, name: 'Đã giải quyết: trước hạn', value: (r) => r.resolved.early },
	{ no: 9, name: 'Đã giải quyết: đúng hạn', value: (r) => r.resolved.onTime },
	{ no: 10, name: 'Đã giải quyết: quá hạn', value: (r) => r.resolved.late },
	{ no: 11, name: 'Đã giải quyết: từ chối, không giải quyết', value: (r) => r.resolved.rejected },
	{ no: 12, name: 'Đã giải quyết: hồ sơ rút', value: (r) => r.resolved.withdrawn },
	{ no: 13, name: 'Đang giải quyết: tổng số', value: (r) => r.pending.total },
	{ no: 14, name: 'Đang giải quyết: trong hạn', value: (r) => r.pending.onTime },
	{ no: 15, name: 'Đang giải quyết: quá hạn', value: (r) => r.pending.overdue },
	{ no: 16, name: 'Đang giải quyết: yêu cầu bổ sung', value: (r) => r.pending.supplement }
];

/** A header cell of the throughput table, placed on a grid of 3 rows × 16 columns (0-based), with its spans. */
export interface HeaderCell {
	text: string;
	row: number;
	col: number;
	rowSpan: number;
	colSpan: number;
}

/** Seed 001's three header rows. */
export const THROUGHPUT_HEAD: HeaderCell[] = [
	{ text: 'STT', row: 0, col: 0, rowSpan: 3, colSpan: 1 },
	{ text: 'Lĩnh vực giải quyết', row: 0, col: 1, rowSpan: 3, colSpan: 1 },
	{ text: 'Số lượng hồ sơ tiếp nhận', row: 0, col: 2, rowSpan: 1, colSpan: 4 },
	{ text: 'Số lượng hồ sơ đã giải quyết', row: 0, col: 6, rowSpan: 1, colSpan: 6 },
	{ text: 'Số lượng hồ sơ đang giải quyết', row: 0, col: 12, rowSpan: 1, colSpan: 4 },
	{ text: 'Tổng số', row: 1, col: 2, rowSpan: 2, colSpan: 1 },
	{ text: 'Trong kỳ', row: 1, col: 3, rowSpan: 1, colSpan: 2 },
	{ text: 'Từ kỳ trước', row: 1, col: 5, rowSpan: 2, colSpan: 1 },
	...['Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Từ chối, không giải quyết', 'Hồ sơ rút'].map(
		(text, i) => ({ text, row: 1, col: 6 + i, rowSpan: 2, colSpan: 1 })
	),
	...['Tổng số', 'Trong hạn', 'Quá hạn', 'Yêu cầu bổ sung'].map((text, i) => ({
		text,
		row: 1,
		col: 12 + i,
		rowSpan: 2,
		colSpan: 1
	})),
	{ text: 'Trực tuyến', row: 2, col: 3, rowSpan: 1, colSpan: 1 },
	{ text: 'Trực tiếp, dịch vụ bưu chính', row: 2, col: 4, rowSpan: 1, colSpan: 1 }
];

/** The header with another name over column (2): the city's report names a center where a center's names a field. */
export function throughputHead(name: string): HeaderCell[] {
	return THROUGHPUT_HEAD.map((h) => (h.col === 1 ? { ...h, text: name } : h));
}

/** The row under the header that numbers the columns, with the table's identities. */
export const THROUGHPUT_NUMBERS = [
	'(1)',
	'(2)',
	'(3)=(4)+(5)+(6)',
	'(4)',
	'(5)',
	'(6)',
	'(7)=(8)+(9)+(10)+(11)+(12)',
	'(8)',
	'(9)',
	'(10)',
	'(11)',
	'(12)',
	'(13)=(14)+(15)+(16)',
	'(14)',
	'(15)',
	'(16)'
];

/** A body row: 'field' rows have their number (STT); 'total' and 'rate' rows a label across the first two columns. */
export interface ThroughputBodyRow {
	kind: 'field' | 'total' | 'rate';
	/** STT for a field row, '' otherwise. */
	no: string;
	/** The field, or "Tổng cộng", or "Tỷ lệ". */
	label: string;
	/** Columns (3)…(16): counts, or for the rate row percents (0–100). */
	values: number[];
}

/** The body of the throughput table, in the report's field order, then the total and the rate rows. */
export function throughputBody(report: Report): ThroughputBodyRow[] {
	const values = (row: ThroughputRow) => THROUGHPUT_COLUMNS.map((c) => c.value(row));
	const { rows, total, rate } = report.throughput;
	return [
		...rows.map((row, i) => ({
			kind: 'field' as const,
			no: String(i + 1),
			label: row.field || UNNAMED,
			values: values(row)
		})),
		{ kind: 'total', no: '', label: 'Tổng cộng', values: values(total) },
		{ kind: 'rate', no: '', label: 'Tỷ lệ', values: values(rate) }
	];
}

/** A body row's cells as printed: counts with '.' thousands, rates as percents. */
export function formatBodyValues(row: ThroughputBodyRow): string[] {
	return row.values.map(row.kind === 'rate' ? formatPercent : formatInt);
}

/** A cell of the smaller tables: text, a count, or a percent (0–100; null prints a dash). */
/** Words, a count, a percent (0–100), or points of the service-index estimate (two decimals). */
export type TableValue = string | number | { percent: number | null } | { points: number | null };

export interface ReportTable {
	id: string;
	title: string;
	head: string[];
	/** The column that names each row (a screen reader announces it with the row's figures). */
	rowHeader: number;
	rows: TableValue[][];
	/** What the table says when it has no rows (NO_FIGURES unless said). */
	empty?: string;
}

export function formatValue(v: TableValue): string {
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return formatInt(v);
	if ('points' in v) return v.points === null ? '—' : formatDecimal(v.points, 2);
	return formatRate(v.percent);
}

/** Whether a cell holds a figure (set right, in a tabular font), not words. */
export const isFigure = (v: TableValue) => typeof v !== 'string';

const verdict = (met: boolean | null) => (met === null ? '—' : met ? 'Đạt' : 'Chưa đạt');
const groupRows = (groups: SatisfactionGroup[]): TableValue[][] =>
	groups.map((g, i) => [
		String(i + 1),
		g.name || UNNAMED,
		g.counted,
		g.satisfied,
		{ percent: g.rate },
		{ percent: g.target },
		verdict(g.met)
	]);
const GROUP_HEAD = ['Số lượt đánh giá', 'Hài lòng', 'Tỷ lệ hài lòng', 'Chỉ tiêu', 'Kết quả'];

/** Per level, per field (with its target and đạt / chưa đạt), per counter, and the reasons given. */
export function satisfactionTables(report: Report): ReportTable[] {
	const s = report.satisfaction;
	return [
		{
			id: 'levels',
			title: 'Kết quả đánh giá theo mức độ',
			head: ['Mức độ', 'Số lượt', 'Tỷ lệ'],
			rowHeader: 0,
			rows: [
				...s.levels.map((l) => [l.label, l.count, { percent: l.share }]),
				['Tổng cộng', s.counted, { percent: s.counted ? 100 : null }]
			]
		},
		{
			id: 'fields',
			title: 'Tỷ lệ hài lòng theo lĩnh vực',
			head: ['STT', 'Lĩnh vực', ...GROUP_HEAD],
			rowHeader: 1,
			rows: [
				...groupRows(s.byField),
				[
					'',
					'Chung',
					s.counted,
					s.satisfied,
					{ percent: s.rate },
					{ percent: s.target },
					verdict(s.met)
				]
			]
		},
		{
			id: 'counters',
			title: 'Tỷ lệ hài lòng theo quầy',
			head: ['STT', 'Quầy', ...GROUP_HEAD],
			rowHeader: 1,
			rows: groupRows(s.byCounter)
		},
		{
			id: 'reasons',
			title: 'Lý do không hài lòng',
			head: ['STT', 'Lý do', 'Số lượt'],
			rowHeader: 1,
			rows: s.reasons.map((r, i) => [String(i + 1), r.label, r.count])
		}
	];
}

/** Procedures posted per level, look-ups in the period, and the most looked-up procedures. */
export function publicityTables(report: Report): ReportTable[] {
	const u = report.publicity;
	return [
		{
			id: 'posted',
			title: 'Thủ tục hành chính công khai, niêm yết theo cấp thực hiện',
			head: ['Cấp thực hiện', 'Số thủ tục'],
			rowHeader: 0,
			rows: [...u.posted.byLevel.map((l) => [l.label, l.count]), ['Tổng cộng', u.posted.total]]
		},
		{
			id: 'lookups',
			title: 'Lượt tra cứu thủ tục trong kỳ',
			head: ['Hình thức', 'Số lượt'],
			rowHeader: 0,
			rows: [
				['Quét mã QR', u.qrScans],
				['Xem chi tiết thủ tục', u.procedureViews],
				['Mở danh mục thủ tục', u.catalogueViews]
			]
		},
		{
			id: 'top',
			title: 'Thủ tục được tra cứu nhiều nhất',
			head: ['STT', 'Mã thủ tục', 'Tên thủ tục', 'Lượt quét QR', 'Lượt xem', 'Tổng'],
			rowHeader: 2,
			rows: u.top.map((t, i) => [
				String(i + 1),
				t.code,
				t.name,
				t.scans,
				t.views,
				t.scans + t.views
			])
		}
	];
}

/** The service-index estimate's indicators: maximum, share, points and what they lost; none when not printed. */
export function indexTables(report: Report): ReportTable[] {
	if (!report.index) return [];
	return [
		{
			id: 'index',
			title: 'Ước tính các chỉ số từ số liệu của trung tâm',
			head: ['STT', 'Chỉ số', 'Điểm tối đa', 'Tỷ lệ', 'Điểm ước tính', 'Điểm bị mất'],
			rowHeader: 1,
			rows: [
				...report.index.indicators.map((i, n) => [
					String(n + 1),
					i.name,
					i.max,
					{ percent: i.share },
					{ points: i.points },
					i.atStake ?? '—'
				]),
				['', 'Cộng', report.index.max, { percent: null }, { points: report.index.points }, '']
			]
		}
	];
}

/** The smaller tables printed under a part's prose; none under the others (the throughput table has a page of its own). */
export function partTables(report: Report, part: ReportSection['id']): ReportTable[] {
	if (part === 'satisfaction') return satisfactionTables(report);
	if (part === 'publicity') return publicityTables(report);
	if (part === 'index') return indexTables(report);
	return [];
}
