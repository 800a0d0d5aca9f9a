import { periodContaining, previousPeriod } from '$lib/domain/periods';
import { localDate } from '$lib/domain/vn-time';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import { buildReport } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, auth.REPORT_READER);
	// With no period asked for, the last month that has closed (on the 14th): the one a monthly report is written for.
	const asked =
		url.searchParams.has('from') || url.searchParams.has('to')
			? parseReportQuery(url.searchParams)
			: null;
	const period = asked?.ok
		? asked.period
		: previousPeriod(periodContaining('month', 'chot-14', localDate(new Date())));
	const report = await buildReport(user.centerId, period);
	// Whoever reads the page reads the JSON API too (auth.REPORT_READER), so the page always links it.
	return { report, invalid: asked && !asked.ok ? asked.message : null };
}) satisfies PageServerLoad;
