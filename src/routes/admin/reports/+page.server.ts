import { localDate, periodContaining, previousPeriod } from '$lib/domain/periods';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import { buildReport } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	// With no period asked for, the last month that has closed (on the 14th): the one a monthly report is written for.
	const asked = url.searchParams.has('from') || url.searchParams.has('to') ? parseReportQuery(url.searchParams) : null;
	const period = asked?.ok ? asked.period : previousPeriod(periodContaining('month', 'chot-14', localDate(new Date())));
	const report = await buildReport(user.centerId, period);
	// The JSON API is for managers (and API tokens); a viewer is not offered a link that would refuse them.
	return { report, invalid: asked && !asked.ok ? asked.message : null, canUseApi: auth.hasRole(user, 'manager') };
}) satisfies PageServerLoad;
