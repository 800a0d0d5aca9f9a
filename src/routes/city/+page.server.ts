import { fail, redirect } from '@sveltejs/kit';
import { centerIdSchema } from '$lib/schemas/center';
import * as auth from '$lib/server/auth';
import { lookAt } from '$lib/server/auth/sessions';
import * as center from '$lib/server/center';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	auth.requireCity(locals);
	return { centers: await center.list() };
}) satisfies PageServerLoad;

export const actions = {
	/** Opens a center's own pages (dashboard, reports, devices...) as the city's person: admin or read-only. */
	look: async ({ request, locals, cookies }) => {
		auth.requireCity(locals);
		const form = await readForm(request, ['center']);
		if (!form.ok) return form.failure;
		const id = centerIdSchema.safeParse(form.fields.center);
		const token = auth.sessionToken(cookies);
		if (!id.success || !token || !(await lookAt(token, id.data)))
			return fail(400, { message: 'Không tìm thấy trung tâm này.' });
		redirect(303, '/admin');
	}
} satisfies Actions;
