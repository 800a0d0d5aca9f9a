// The city's report as a file (DOCX, XLSX, CSV in two dialects) for a period: ?from=&to=&format=, city people only.
import { error } from '@sveltejs/kit';
import { localDate } from '$lib/domain/vn-time';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import * as center from '$lib/server/center';
import { asOfFor, cityReport } from '$lib/server/reports/city';
import { exportCityReport, isExportFormat } from '$lib/server/reports/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	auth.requireCity(locals);
	const format = url.searchParams.get('format');
	if (!isExportFormat(format)) error(400, 'Định dạng tệp phải là docx, xlsx, csv hoặc csv-vn.');
	const query = parseReportQuery(url.searchParams);
	if (!query.ok) error(400, query.message);
	const centers = await center.list();
	const report = await cityReport(
		centers.map((c) => c.id),
		query.period,
		{ asOf: asOfFor(query.period, localDate(new Date())) }
	);
	const file = await exportCityReport(report, format);
	return new Response(file.bytes, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.filename}"`
		}
	});
};
