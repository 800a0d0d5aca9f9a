import { periodContaining, previousPeriod } from '$lib/domain/periods';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import { buildReport } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** Today in the center's zone, as the default period is chosen by it. */
const today = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	// With no period asked for, the last month that has closed (on the 14th): the one a monthly report is written for.
	const asked = url.searchParams.has('from') || url.searchParams.has('to') ? parseReportQuery(url.searchParams) : null;
	const period = asked?.ok ? asked.period : previousPeriod(periodContaining('month', 'chot-14', today(new Date())));
	const report = await buildReport(user.centerId, period);
	return { report, invalid: asked && !asked.ok ? asked.message : null, today: today(new Date()) };
}) satisfies PageServerLoad;
