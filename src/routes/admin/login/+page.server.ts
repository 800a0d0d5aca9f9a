import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loginSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as setup from '$lib/server/auth/setup';
import { config } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, auth.safeNext(url.searchParams.get('next')));
	// A fresh install has no account to sign in with: the one-time setup page makes the first admin.
	const stage = await setup.stage(config().CENTER_ID);
	if (stage === 'empty') redirect(303, '/admin/setup');
	return { setupOpen: stage === 'no-admin' };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const data = await request.formData();
		const username = String(data.get('username') ?? '');
		const parsed = loginSchema.safeParse({ username, password: data.get('password') });
		if (!parsed.success) return fail(400, { username, errors: z.flattenError(parsed.error).fieldErrors, message: '' });
		const outcome = await auth.login(parsed.data, getClientAddress());
		if (!outcome.ok) return fail(outcome.status, { username, errors: {}, message: outcome.message });
		auth.setSessionCookie(cookies, url, outcome.session);
		redirect(303, auth.safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
