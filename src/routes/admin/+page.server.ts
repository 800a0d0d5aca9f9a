import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import { dashboard } from '$lib/server/reports/dashboard';
import { chooseRange, refreshSeconds } from '$lib/domain/dashboard';
import { localDate } from '$lib/domain/vn-time';
import type { Actions, PageServerLoad } from './$types';

// The dashboard for the range the URL asks for (this report month by default); a bad range falls back and says why.
export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	const choice = chooseRange(url.searchParams, localDate(new Date()));
	const { from, to, label } = choice.period;
	return {
		range: { preset: choice.preset, from, to, label, error: choice.error },
		dashboard: await dashboard(user.centerId, from, to),
		refreshSeconds: refreshSeconds(url.searchParams)
	};
}) satisfies PageServerLoad;

export const actions = {
	// Every admin page's header posts here to sign out.
	logout: async ({ cookies, url }) => {
		await auth.logout(cookies, url);
		redirect(303, '/admin/login');
	}
} satisfies Actions;
