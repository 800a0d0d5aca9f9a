// The report's files (DOCX, XLSX, CSV in two dialects) for the period of the page: ?from=&to=&format=.
import { error } from '@sveltejs/kit';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import { buildReport } from '$lib/server/reports';
import { exportReport, isExportFormat } from '$lib/server/reports/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = auth.requireRole(locals, auth.REPORT_READER);
	const format = url.searchParams.get('format');
	if (!isExportFormat(format)) error(400, 'Định dạng tệp phải là docx, xlsx, csv hoặc csv-vn.');
	const query = parseReportQuery(url.searchParams);
	if (!query.ok) error(400, query.message);
	const report = await buildReport(user.centerId, query.period);
	if (!report) error(404, 'Không tìm thấy trung tâm.');
	const file = await exportReport(report, format);
	return new Response(file.bytes, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.filename}"`
		}
	});
};
