// The city's report as CSV (csv.ts's decisions: one table, UTF-8 with a BOM, two dialects): the 16 columns with a
// row per center, the city's total and its rate row, and to their right each row's satisfaction and service-index
// estimate, so one header names every column.
import { cityThroughputBody, CENTER_COLUMN, type CityReport } from '$lib/domain/city-report';
import { throughputCsv, type CsvDialect } from './csv';

const EXTRA_HEAD = [
	'Lượt đánh giá được tính',
	'Hài lòng',
	'Tỷ lệ hài lòng (%)',
	'Chỉ tiêu hài lòng (%)',
	'Kết quả',
	'Điểm ước tính 766 (không phải điểm chính thức)',
	'Điểm tối đa của các chỉ số ước tính được'
];

const verdict = (met: boolean | null) => (met === null ? '' : met ? 'Đạt' : 'Chưa đạt');

export function cityReportCsv(report: CityReport, dialect: CsvDialect): Uint8Array<ArrayBuffer> {
	const t = report.total;
	const rows = [
		...report.rows.map((r) => [
			r.satisfaction.counted,
			r.satisfaction.satisfied,
			r.satisfaction.rate ?? '',
			r.satisfaction.target,
			verdict(r.satisfaction.met),
			r.index.points,
			r.index.max
		]),
		[
			t.satisfaction.counted,
			t.satisfaction.satisfied,
			t.satisfaction.rate ?? '',
			'',
			'',
			t.index.points,
			t.index.max
		]
	];
	return throughputCsv(cityThroughputBody(report), CENTER_COLUMN, dialect, {
		head: EXTRA_HEAD,
		rows
	});
}
