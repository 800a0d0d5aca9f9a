// The dashboard's figures as JSON, for the page's own refresh every few seconds (same range rules as the page).
import { json } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { dashboard } from '$lib/server/reports/dashboard';
import { chooseRange } from '$lib/domain/dashboard';
import { localDate } from '$lib/domain/vn-time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	const choice = chooseRange(url.searchParams, localDate(new Date()));
	if (choice.error) return json({ message: choice.error }, { status: 400 });
	return json(await dashboard(user.centerId, choice.period.from, choice.period.to));
};
