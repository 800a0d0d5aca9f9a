// The city's last 12 report months up to a period (?from=&to=, the page's range), for /city's trend chart: asked by
// the page after it shows, so the table never waits for twelve months of every center. City people only.
import { error, json } from '@sveltejs/kit';
import { localDate } from '$lib/domain/vn-time';
import { parseReportQuery } from '$lib/schemas/reports';
import * as auth from '$lib/server/auth';
import * as center from '$lib/server/center';
import { cityTrend } from '$lib/server/reports/city';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	auth.requireCity(locals);
	const query = parseReportQuery(url.searchParams);
	if (!query.ok) error(400, query.message);
	const centers = await center.list();
	return json(
		await cityTrend(
			centers.map((c) => c.id),
			query.period,
			localDate(new Date())
		)
	);
};
