import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = auth.requireRole(locals, 'viewer');
	return { centerName: user.centerName, canImport: auth.hasRole(user, 'manager') };
}) satisfies PageServerLoad;

export const actions = {
	// Every admin page's header posts here to sign out.
	logout: async ({ cookies, url }) => {
		await auth.logout(cookies, url);
		redirect(303, '/admin/login');
	}
} satisfies Actions;
