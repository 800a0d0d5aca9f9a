// The city's report as a Word document, laid out as a center's (docx.ts): title, period and "as of" on an A4 portrait
// page with the summary, satisfaction and the service-index estimate per center and the identities checked; then the
// 16-column throughput table, a row per center, on its own A4 landscape section.
import {
	CENTER_COLUMN,
	CITY_TOTAL,
	CITY_THROUGHPUT_TITLE,
	cityChecksText,
	cityHeading,
	cityIndexTable,
	citySatisfactionTable,
	cityText,
	cityThroughputBody,
	type CityReport
} from '$lib/domain/city-report';
import { throughputHead } from '$lib/domain/report-tables';
import { title } from './docx-frame';
import {
	line,
	packDocument,
	PORTRAIT_WIDTH,
	prose,
	SIZES,
	smallTable,
	wideTablePage
} from './docx';

export function cityReportDocx(report: CityReport): Promise<Uint8Array<ArrayBuffer>> {
	const heading = cityHeading(report);
	const parts = [
		{ title: 'Tổng hợp', paragraphs: cityText(report), tables: [] },
		{ title: 'Mức độ hài lòng', paragraphs: [], tables: [citySatisfactionTable(report)] },
		{
			title: 'Ước tính Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)',
			paragraphs: [],
			tables: [cityIndexTable(report)]
		},
		{ ...cityChecksText(report), tables: [] }
	];
	const small = { italics: true, size: SIZES.table };
	const portrait = [
		...title(heading, PORTRAIT_WIDTH),
		line(heading.generated, small),
		line(heading.asOf, small, 120),
		...parts.flatMap((p, i) => [...prose(p, i), ...p.tables.flatMap(smallTable)])
	];
	const landscape = wideTablePage(
		{ title: CITY_THROUGHPUT_TITLE, of: CITY_TOTAL, period: heading.period },
		cityThroughputBody(report),
		throughputHead(CENTER_COLUMN)
	);
	return packDocument(`${heading.title} ${heading.subject}`, portrait, landscape);
}
