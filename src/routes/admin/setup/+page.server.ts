// The first run: while the center has no admin, the code from the server's log creates one (then: 404).
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { setupSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as setup from '$lib/server/auth/setup';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ setHeaders, locals }) => {
	const { hasCode } = await setup.requireOpen(locals.centerId);
	setHeaders({ 'cache-control': 'private, no-store' });
	return { hasCode };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, locals }) => {
		const centerId = locals.centerId;
		await setup.requireOpen(centerId);
		const data = await request.formData();
		const username = String(data.get('username') ?? '');
		const fields = ['code', 'username', 'password', 'confirm'].map((k) => [
			k,
			String(data.get(k) ?? '')
		]);
		const parsed = setupSchema.safeParse(Object.fromEntries(fields));
		if (!parsed.success)
			return fail(400, { username, errors: z.flattenError(parsed.error).fieldErrors, message: '' });
		const outcome = await setup.createFirstAdmin(centerId, parsed.data);
		if (!outcome.ok)
			return fail(outcome.status, { username, errors: {}, message: outcome.message });
		auth.setSessionCookie(cookies, url, outcome.session);
		// The next thing a new center needs: its name, governing body and address on the reports and the kiosk.
		redirect(303, '/admin/settings?welcome=1');
	}
} satisfies Actions;
