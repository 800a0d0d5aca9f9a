// The city's report as an Excel workbook, on the sheets of a center's (xlsx.ts): the 16-column throughput table with a
// row per center and the city's total, then satisfaction and the service-index estimate per center, then the identities
// checked. Every figure is a number a manager can add to.
import {
	CENTER_COLUMN,
	cityChecksTable,
	cityHeading,
	cityIndexTable,
	citySatisfactionTable,
	cityThroughputBody,
	type CityReport
} from '$lib/domain/city-report';
import { throughputHead } from '$lib/domain/report-tables';
import { newBook, SHEETS, tablesSheet, throughputSheet, writeBook } from './xlsx';

export function cityReportXlsx(report: CityReport): Promise<Uint8Array<ArrayBuffer>> {
	const book = newBook(report.generatedAt);
	const heading = cityHeading(report);
	const period = `${heading.period}. ${heading.asOf}`;
	throughputSheet(
		book,
		{
			title:
				'KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CÁC TRUNG TÂM — TOÀN THÀNH PHỐ',
			period
		},
		cityThroughputBody(report),
		throughputHead(CENTER_COLUMN)
	);
	tablesSheet(book, SHEETS.satisfaction, `MỨC ĐỘ HÀI LÒNG THEO TRUNG TÂM — ${period}`, [
		citySatisfactionTable(report)
	]);
	tablesSheet(
		book,
		SHEETS.index,
		`ƯỚC TÍNH BỘ CHỈ SỐ 766 THEO TRUNG TÂM (KHÔNG PHẢI ĐIỂM CHÍNH THỨC) — ${period}`,
		[cityIndexTable(report)]
	);
	tablesSheet(book, SHEETS.checks, `LƯU Ý VỀ SỐ LIỆU — ${heading.period}`, [
		cityChecksTable(report)
	]);
	return writeBook(book);
}
