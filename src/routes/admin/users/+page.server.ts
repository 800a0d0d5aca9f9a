// Accounts of the center, for admins only: create (with a one-time code), disable or enable, reset a password,
// change a role, end sessions, lift a sign-in delay.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { accountSchema, roleChangeSchema } from '$lib/schemas/auth';
import * as auth from '$lib/server/auth';
import * as accounts from '$lib/server/auth/accounts';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ locals }) => {
	const user = auth.requireRole(locals, 'admin');
	return { accounts: await accounts.list(user.centerId), me: user.id };
}) satisfies PageServerLoad;

/** The admin, and the account an action is about; or the failure to answer with. */
async function target(event: RequestEvent, names: readonly ('id' | 'role')[] = ['id']) {
	const admin = auth.requireRole(event.locals, 'admin');
	const form = await readForm(event.request, names);
	if (!form.ok) return { failure: form.failure };
	const parsed = roleChangeSchema.partial({ role: true }).safeParse(form.fields);
	if (!parsed.success)
		return {
			failure: fail(400, {
				ok: false as const,
				message: parsed.error.issues[0]?.message ?? 'Dữ liệu không hợp lệ.',
				errors: {}
			})
		};
	return { admin, id: parsed.data.id, role: parsed.data.role };
}

const answer = (outcome: accounts.Outcome) =>
	outcome.ok
		? { ok: true as const, message: outcome.message, errors: {} }
		: fail(outcome.status, { ok: false as const, message: outcome.message, errors: {} });

export const actions = {
	create: async ({ locals, request }) => {
		const admin = auth.requireRole(locals, 'admin');
		const form = await readForm(request, ['username', 'role']);
		if (!form.ok) return form.failure;
		const parsed = accountSchema.safeParse(form.fields);
		if (!parsed.success)
			return fail(400, {
				ok: false as const,
				message: '',
				errors: z.flattenError(parsed.error).fieldErrors,
				username: form.fields.username
			});
		const outcome = await accounts.create(
			admin.centerId,
			parsed.data.username,
			parsed.data.role,
			admin.id
		);
		if (!outcome.ok)
			return fail(outcome.status, {
				ok: false as const,
				message: '',
				errors: { username: [outcome.message] },
				username: form.fields.username
			});
		return {
			ok: true as const,
			message: outcome.message,
			errors: {},
			code: { username: outcome.username, code: outcome.code, expiresAt: outcome.expiresAt }
		};
	},
	disable: async (event) => {
		const t = await target(event);
		return 'failure' in t
			? t.failure
			: answer(await accounts.setDisabled(t.admin.centerId, t.admin.id, t.id, true));
	},
	enable: async (event) => {
		const t = await target(event);
		return 'failure' in t
			? t.failure
			: answer(await accounts.setDisabled(t.admin.centerId, t.admin.id, t.id, false));
	},
	role: async (event) => {
		const t = await target(event, ['id', 'role']);
		if ('failure' in t) return t.failure;
		if (!t.role) return fail(400, { ok: false as const, message: 'Hãy chọn vai trò.', errors: {} });
		return answer(await accounts.setRole(t.admin.centerId, t.admin.id, t.id, t.role));
	},
	reset: async (event) => {
		const t = await target(event);
		if ('failure' in t) return t.failure;
		const outcome = await accounts.resetPassword(t.admin.centerId, t.id, t.admin.id);
		if (!outcome.ok)
			return fail(outcome.status, { ok: false as const, message: outcome.message, errors: {} });
		return {
			ok: true as const,
			message: outcome.message,
			errors: {},
			code: { username: outcome.username, code: outcome.code, expiresAt: outcome.expiresAt }
		};
	},
	sessions: async (event) => {
		const t = await target(event);
		return 'failure' in t
			? t.failure
			: answer(await accounts.endSessions(t.admin.centerId, t.id, t.admin.id));
	},
	lift: async (event) => {
		const t = await target(event);
		return 'failure' in t
			? t.failure
			: answer(await accounts.liftDelay(t.admin.centerId, t.id, t.admin.id));
	}
} satisfies Actions;
