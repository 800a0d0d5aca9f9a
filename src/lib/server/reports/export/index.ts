// The report's files: DOCX to print and sign, XLSX to work with, CSV for other systems. One entry point so the
// download endpoint and the CLI name a format and get bytes, a file name and a content type.
import type { Report } from '$lib/domain/report';
import { reportCsv } from './csv';
import { reportDocx } from './docx';
import { reportXlsx } from './xlsx';

export const EXPORT_FORMATS = ['docx', 'xlsx', 'csv'] as const;
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
	csv: 'text/csv; charset=utf-8'
};

export function isExportFormat(value: unknown): value is ExportFormat {
	return EXPORT_FORMATS.some((f) => f === value);
}

function exportFilename(report: Report, format: ExportFormat): string {
	return `bao-cao-${report.period.from}_${report.period.to}.${format}`;
}

export async function exportReport(report: Report, format: ExportFormat): Promise<ExportedFile> {
	const bytes = format === 'docx' ? await reportDocx(report) : format === 'xlsx' ? await reportXlsx(report) : reportCsv(report);
	return { bytes, filename: exportFilename(report, format), contentType: CONTENT_TYPES[format] };
}
