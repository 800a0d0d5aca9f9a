// Setting a password with the one-time code an admin gave (a new account's, or a reset's): no session needed.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { resetSchema } from '$lib/schemas/auth';
import * as accounts from '$lib/server/auth/accounts';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({
	code: url.searchParams.get('code')?.slice(0, 40) ?? ''
})) satisfies PageServerLoad;

export const actions = {
	default: async ({ request }) => {
		const form = await readForm(request, ['code', 'password', 'confirm']);
		if (!form.ok) return form.failure;
		const parsed = resetSchema.safeParse(form.fields);
		const code = form.fields.code.slice(0, 40);
		if (!parsed.success)
			return fail(400, {
				ok: false as const,
				code,
				errors: z.flattenError(parsed.error).fieldErrors,
				message: ''
			});
		const outcome = await accounts.setPasswordWithCode(parsed.data.code, parsed.data.password);
		if (!outcome.ok)
			return fail(outcome.status, {
				ok: false as const,
				code,
				errors: {},
				message: outcome.message
			});
		redirect(303, `/admin/login?reset=${encodeURIComponent(outcome.username ?? '')}`);
	}
} satisfies Actions;
