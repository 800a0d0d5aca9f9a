// A signed-in user changes their own password (asked to when it falls short of today's rules).
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { passwordChangeSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as accounts from '$lib/server/auth/accounts';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	weak: auth.requireRole(locals, 'viewer').weakPassword === true
})) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, cookies }) => {
		const user = auth.requireRole(locals, 'viewer');
		const form = await readForm(request, ['current', 'password', 'confirm']);
		if (!form.ok) return form.failure;
		const parsed = passwordChangeSchema.safeParse(form.fields);
		if (!parsed.success)
			return fail(400, {
				ok: false as const,
				errors: z.flattenError(parsed.error).fieldErrors,
				message: ''
			});
		const outcome = await accounts.changeOwnPassword(
			user,
			parsed.data.current,
			parsed.data.password,
			auth.sessionToken(cookies) ?? ''
		);
		if (!outcome.ok)
			return fail(outcome.status, { ok: false as const, errors: {}, message: outcome.message });
		return { ok: true as const, errors: {}, message: outcome.message };
	}
} satisfies Actions;
