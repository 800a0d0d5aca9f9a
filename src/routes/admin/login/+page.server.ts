import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loginSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as users from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, auth.safeNext(url.searchParams.get('next')));
	// A fresh install has no accounts yet: the page says how to make the first one.
	return { noUsers: (await users.count()) === 0 };
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
