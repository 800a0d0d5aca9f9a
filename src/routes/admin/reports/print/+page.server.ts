// The print view of the report for ?from=&to=(&style=): the same period rules as the page and the files.
import { error } from '@sveltejs/kit';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import { buildReport } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, auth.REPORT_READER);
	const query = parseReportQuery(url.searchParams);
	if (!query.ok) error(400, query.message);
	const report = await buildReport(user.centerId, query.period);
	if (!report) error(404, 'Không tìm thấy trung tâm.');
	return { report };
}) satisfies PageServerLoad;
