import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loginSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as setup from '$lib/server/auth/setup';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, auth.safeNext(url.searchParams.get('next')));
	// A fresh install has no account to sign in with: the one-time setup page makes the first admin.
	const stage = await setup.stage(locals.centerId);
	if (stage === 'empty') redirect(303, '/admin/setup');
	// Straight from /admin/reset: the new password is set, sign in with it.
	const reset = url.searchParams.get('reset');
	return { setupOpen: stage === 'no-admin', reset: reset === null ? null : reset.slice(0, 40) };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const form = await readForm(request, ['username', 'password']);
		if (!form.ok)
			return fail(400, { username: '', errors: {}, message: form.failure.data.message });
		const { username } = form.fields;
		const parsed = loginSchema.safeParse(form.fields);
		if (!parsed.success)
			return fail(400, { username, errors: z.flattenError(parsed.error).fieldErrors, message: '' });
		// The browser's older session (a cookie still set) ends with this sign-in.
		const outcome = await auth.login(
			parsed.data,
			auth.clientAddress(event),
			new Date(),
			auth.sessionToken(cookies)
		);
		if (!outcome.ok)
			return fail(outcome.status, { username, errors: {}, message: outcome.message });
		auth.setSessionCookie(cookies, url, outcome.session);
		// The city's people start on the city's page unless they were on their way somewhere.
		const next = url.searchParams.get('next');
		redirect(303, outcome.user.city && !next ? '/city' : auth.safeNext(next));
	}
} satisfies Actions;
