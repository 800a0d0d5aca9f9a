import { fail, redirect } from '@sveltejs/kit';
import { chooseRange } from '$lib/domain/dashboard';
import { localDate } from '$lib/domain/vn-time';
import { centerIdSchema } from '$lib/schemas/center';
import * as auth from '$lib/server/auth';
import { lookAt } from '$lib/server/auth/sessions';
import * as center from '$lib/server/center';
import { readForm } from '$lib/server/forms';
import { asOfFor, cityChecks, cityTable } from '$lib/server/reports/city';
import type { Actions, PageServerLoad } from './$types';

// Every center side by side for the range the URL asks for (this report month by default), the identities checked on
// each row (the city's last 12 report months come from trend.json after the page shows): all from the report engine.
export const load = (async ({ locals, url }) => {
	auth.requireCity(locals);
	const today = localDate(new Date());
	const choice = chooseRange(url.searchParams, today);
	const { from, to, label } = choice.period;
	const centers = await center.list();
	const ids = centers.map((c) => c.id);
	const table = await cityTable(ids, choice.period, { asOf: asOfFor(choice.period, today) });

	return {
		range: { preset: choice.preset, from, to, label, error: choice.error },
		table,
		checks: cityChecks(table),
		hosts: Object.fromEntries(centers.map((c) => [c.id, c.hosts]))
	};
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
