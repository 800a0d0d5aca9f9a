// The report's files: DOCX to print and sign, XLSX to work with, CSV for other systems and CSV for an Excel set to
// Vietnamese (csv-vn: ';' and decimal comma). One entry point so the download endpoint and the CLI name a format and
// get bytes, a file name and a content type; the city's report (issue 13) comes in the same four formats.
import type { CityReport } from '$lib/domain/city-report';
import type { Report } from '$lib/domain/report';
import { cityReportCsv } from './city-csv';
import { cityReportDocx } from './city-docx';
import { cityReportXlsx } from './city-xlsx';
import { reportCsv } from './csv';
import { reportDocx } from './docx';
import { reportXlsx } from './xlsx';

export const EXPORT_FORMATS = ['docx', 'xlsx', 'csv', 'csv-vn'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
	/** Backed by a plain ArrayBuffer, so it goes straight into a Response body. */
	bytes: Uint8Array<ArrayBuffer>;
	/** ASCII only, safe in a Content-Disposition header: 'bao-cao-2026-05-15_2026-06-14.docx'. */
	filename: string;
	contentType: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8',
	'csv-vn': 'text/csv; charset=utf-8'
};

export function isExportFormat(value: unknown): value is ExportFormat {
	return EXPORT_FORMATS.some((f) => f === value);
}

function exportFilename(
	report: Pick<Report, 'period'>,
	format: ExportFormat,
	prefix = 'bao-cao'
): string {
	const name = `${prefix}-${report.period.from}_${report.period.to}`;
	return format === 'csv-vn' ? `${name}-excel-vn.csv` : `${name}.${format}`;
}

function bytesOf(
	report: Report,
	format: ExportFormat
): Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer> {
	if (format === 'docx') return reportDocx(report);
	if (format === 'xlsx') return reportXlsx(report);
	return reportCsv(report, format === 'csv-vn' ? 'vn' : 'rfc');
}

export async function exportReport(report: Report, format: ExportFormat): Promise<ExportedFile> {
	const bytes = await bytesOf(report, format);
	return { bytes, filename: exportFilename(report, format), contentType: CONTENT_TYPES[format] };
}

function cityBytesOf(
	report: CityReport,
	format: ExportFormat
): Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer> {
	if (format === 'docx') return cityReportDocx(report);
	if (format === 'xlsx') return cityReportXlsx(report);
	return cityReportCsv(report, format === 'csv-vn' ? 'vn' : 'rfc');
}

/** The city's report in a format: 'bao-cao-thanh-pho-2026-05-15_2026-06-14.xlsx'. */
export async function exportCityReport(
	report: CityReport,
	format: ExportFormat
): Promise<ExportedFile> {
	const bytes = await cityBytesOf(report, format);
	return {
		bytes,
		filename: exportFilename(report, format, 'bao-cao-thanh-pho'),
		contentType: CONTENT_TYPES[format]
	};
}
