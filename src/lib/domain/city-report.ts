// The city's report (issue 13): what the server assembles once from the city table (server/reports/city.ts) and every
// file prints (DOCX, XLSX, CSV): the 16-column throughput table with a row per center, satisfaction and the
// service-index estimate per center, the city's totals, and the identities checked on every row. Pure: its tables and
// prose are laid out here as data, as report-tables.ts and report-text.ts lay out a center's.
import { formatCount, formatDate, formatDecimal, formatInstant, formatPercent } from './numbers';
import type { Period } from './periods';
import type { Check } from './report';
import { THROUGHPUT_COLUMNS, type ReportTable, type ThroughputBodyRow } from './report-tables';
import { checksText, type ReportHeading } from './report-text';
import type { ThroughputRow } from './throughput';

/** The name of the city's total row, in every table and check. */
export const CITY_TOTAL = 'Toàn thành phố';

export interface CitySatisfaction {
	/** Ratings counted (flagged ones left out, and counted apart). */
	counted: number;
	satisfied: number;
	/** satisfied ÷ counted in percent; null when nothing was counted. */
	rate: number | null;
	flagged: number;
}

export interface CityReportRow {
	centerId: string;
	name: string;
	throughput: ThroughputRow;
	satisfaction: CitySatisfaction & { target: number; met: boolean | null };
	/** The Decision 766 estimate: points over the indicators its records determine, and their maximum. */
	index: { points: number; max: number };
	rank: number;
}

export interface CityReport {
	period: Pick<Period, 'kind' | 'style' | 'from' | 'to' | 'label'>;
	/** The day pending dossiers were judged overdue on: the period's last day, or today for a period still running. */
	asOf: string;
	generatedAt: string;
	/** One per center, in the order the city lists them. */
	rows: CityReportRow[];
	/** Counts summed over the rows; rates from those sums. */
	total: {
		throughput: ThroughputRow;
		/** Each column of the total as a percent of received (3). */
		rate: ThroughputRow;
		satisfaction: CitySatisfaction;
		index: { points: number; max: number };
	};
	/** The throughput identities broken on a center's row or the total's, and notes about the data. */
	checks: Check[];
}

const values = (row: ThroughputRow) => THROUGHPUT_COLUMNS.map((c) => c.value(row));

/** The throughput table's body: a row per center, "Toàn thành phố" (the sum) and its rate row. */
export function cityThroughputBody(report: CityReport): ThroughputBodyRow[] {
	return [
		...report.rows.map((r, i) => ({
			kind: 'field' as const,
			no: String(i + 1),
			label: r.name,
			values: values(r.throughput)
		})),
		{ kind: 'total', no: '', label: CITY_TOTAL, values: values(report.total.throughput) },
		{ kind: 'rate', no: '', label: 'Tỷ lệ', values: values(report.total.rate) }
	];
}

/** The throughput table's title for the city: the center report's, by center. */
export const CITY_THROUGHPUT_TITLE =
	'Kết quả tiếp nhận và giải quyết thủ tục hành chính theo trung tâm';
/** The second column's heading: a center, where a center's report names a field. */
export const CENTER_COLUMN = 'Trung tâm';

const verdict = (met: boolean | null) => (met === null ? '—' : met ? 'Đạt' : 'Chưa đạt');

/** Satisfaction per center against its own target, and the city's (no target of its own: each center has one). */
export function citySatisfactionTable(report: CityReport): ReportTable {
	const t = report.total.satisfaction;
	return {
		id: 'city-satisfaction',
		title: 'Tỷ lệ hài lòng theo trung tâm',
		head: [
			'STT',
			CENTER_COLUMN,
			'Số lượt đánh giá',
			'Hài lòng',
			'Tỷ lệ hài lòng',
			'Chỉ tiêu',
			'Kết quả',
			'Nghi trùng lặp (không tính)'
		],
		rowHeader: 1,
		rows: [
			...report.rows.map((r, i) => [
				String(i + 1),
				r.name,
				r.satisfaction.counted,
				r.satisfaction.satisfied,
				{ percent: r.satisfaction.rate },
				{ percent: r.satisfaction.target },
				verdict(r.satisfaction.met),
				r.satisfaction.flagged
			]),
			[
				'',
				CITY_TOTAL,
				t.counted,
				t.satisfied,
				{ percent: t.rate },
				{ percent: null },
				'—',
				t.flagged
			]
		]
	};
}

/** The service-index estimate per center, with its rank, and the city's from its summed counts. */
export function cityIndexTable(report: CityReport): ReportTable {
	return {
		id: 'city-index',
		title: 'Điểm ước tính Bộ chỉ số 766 theo trung tâm (ước tính, không phải điểm chính thức)',
		head: [
			'STT',
			CENTER_COLUMN,
			'Điểm ước tính',
			'Điểm tối đa của các chỉ số ước tính được',
			'Hạng'
		],
		rowHeader: 1,
		rows: [
			...report.rows.map((r, i) => [
				String(i + 1),
				r.name,
				{ points: r.index.points },
				{ points: r.index.max },
				r.rank
			]),
			[
				'',
				CITY_TOTAL,
				{ points: report.total.index.points },
				{ points: report.total.index.max },
				''
			]
		]
	};
}

const CHECKED = `${formatCount(4)} đẳng thức của bảng: (3) = (4) + (5) + (6); (7) = (8) + … + (12); (13) = (14) + (15) + (16); (3) = (7) + (13)`;
const ALL_HOLD = 'Mọi đẳng thức đều đúng trên mọi dòng.';

/** Which identities were checked on how many rows (each center's and the city's). */
const checkedOn = (report: CityReport) =>
	`Đã kiểm tra ${CHECKED}, trên ${formatCount(report.rows.length + 1)} dòng (từng trung tâm và toàn thành phố)`;

/** The identities that do not hold and the notes, a row each; `empty` says that every one held on every row. */
export function cityChecksTable(report: CityReport): ReportTable {
	return {
		id: 'city-checks',
		title: checkedOn(report),
		head: ['STT', 'Dòng', 'Lưu ý'],
		rowHeader: 1,
		rows: report.checks.map((c, i) => [String(i + 1), c.field ?? '', c.message]),
		empty: ALL_HOLD
	};
}

/** The same as prose, as a center's report prints its checks ("- where: message"). */
export function cityChecksText(report: CityReport): { title: string; paragraphs: string[] } {
	const checks = checksText(report);
	return {
		title: checks?.title ?? 'Lưu ý về số liệu',
		paragraphs: [`- ${checkedOn(report)}.`, ...(checks?.paragraphs ?? [`- ${ALL_HOLD}`])]
	};
}

/** Title, subject, period and "as of", as a center's report heads its own (the city's has no issuer block). */
export function cityHeading(
	report: CityReport
): Pick<ReportHeading, 'title' | 'subject' | 'period' | 'generated'> & { asOf: string } {
	const { period } = report;
	const subject =
		'Kết quả tiếp nhận, giải quyết thủ tục hành chính và mức độ hài lòng của các trung tâm phục vụ hành chính công trên địa bàn thành phố';
	const label = period.label.charAt(0).toLocaleLowerCase('vi') + period.label.slice(1);
	return {
		title: 'BÁO CÁO',
		subject: period.kind === 'custom' ? subject : `${subject} ${label}`,
		period: `Số liệu tính từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`,
		generated: `Số liệu tổng hợp tự động lúc ${formatInstant(report.generatedAt)}.`,
		asOf: `Hồ sơ đang giải quyết được xét quá hạn tính đến ngày ${formatDate(report.asOf)}.`
	};
}

/** The report's few sentences: how many centers, the city's dossiers and satisfaction, which centers fall short. */
export function cityText(report: CityReport): string[] {
	const { total, rows } = report;
	const r = total.throughput;
	const rated = rows.filter((x) => x.satisfaction.met !== null);
	const below = rows.filter((x) => x.satisfaction.met === false).map((x) => x.name);
	const points = (n: number) => formatDecimal(n, 2);
	return [
		`- Báo cáo tổng hợp số liệu của ${formatCount(rows.length)} trung tâm, tính như báo cáo của từng trung tâm (có bảng theo từng trung tâm kèm theo).`,
		`- Tổng số hồ sơ tiếp nhận là ${formatCount(r.received.total)} hồ sơ (kỳ trước chuyển sang ${formatCount(r.received.carriedOver)}); đã giải quyết ${formatCount(r.resolved.total)} hồ sơ (tỷ lệ ${formatPercent(total.rate.resolved.total)}); đang giải quyết ${formatCount(r.pending.total)} hồ sơ, trong đó quá hạn ${formatCount(r.pending.overdue)} hồ sơ.`,
		total.satisfaction.rate === null
			? '- Trong kỳ chưa có lượt đánh giá mức độ hài lòng nào được tính.'
			: `- Toàn thành phố ghi nhận ${formatCount(total.satisfaction.counted)} lượt đánh giá được tính; tỷ lệ hài lòng ${formatPercent(total.satisfaction.rate)}. Có ${formatCount(rated.length - below.length)}/${formatCount(rated.length)} trung tâm có đánh giá đạt chỉ tiêu của mình${below.length ? `; chưa đạt: ${below.join('; ')}` : ''}.`,
		`- Điểm Bộ chỉ số 766 dưới đây là ước tính từ hồ sơ và đánh giá của từng trung tâm, không phải điểm chính thức; toàn thành phố ước tính ${points(total.index.points)}/${points(total.index.max)} điểm trên các chỉ số ước tính được.`
	];
}
