import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { periodContaining, dayNumber } from '$lib/domain/periods';
import { describeManualIssues, manualEntrySchema, manualFormValues } from '$lib/schemas/dossiers';
import * as auth from '$lib/server/auth';
import * as dossiers from '$lib/server/dossiers';
import type { Actions, PageServerLoad } from './$types';

/** `?source=&from=&to=` opens a saved entry to correct it. */
const openSchema = z.object({
	source: z.string().min(1).max(120),
	from: z.string().refine((s) => !Number.isNaN(dayNumber(s))),
	to: z.string().refine((s) => !Number.isNaN(dayNumber(s)))
});

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	const [summary, entries] = await Promise.all([dossiers.summary(user.centerId), dossiers.manualEntries(user.centerId)]);
	// A source whose dossiers come from files is not offered: its figures would be counted twice.
	const sources = summary.filter((s) => s.dossiers === 0).map((s) => s.name);
	const open = openSchema.safeParse(Object.fromEntries(url.searchParams));
	const editing = open.success ? { ...open.data, rows: await dossiers.manualEntry(user.centerId, open.data.source, open.data.from, open.data.to) } : null;
	// This report month (closing on the 14th, as the seeds do), in the center's time zone (UTC+7, no daylight saving).
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	const { from, to } = periodContaining('month', 'chot-14', today);
	return { sources, entries, editing, period: { from, to }, canEdit: auth.hasRole(user, 'manager') };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const values = manualFormValues(await request.formData());
		const parsed = manualEntrySchema.safeParse(values);
		if (!parsed.success) return fail(400, { saved: false, errors: describeManualIssues(parsed.error, values), problems: [], checked: '' });
		const outcome = await dossiers.submitManualEntry(user.centerId, parsed.data, user.id);
		if (!outcome.ok && outcome.refusal) return fail(400, { saved: false, errors: [outcome.refusal], problems: [], checked: '' });
		if (!outcome.ok) return fail(400, { saved: false, errors: [], problems: outcome.problems, checked: outcome.checked });
		const { source, from, to } = parsed.data;
		return { saved: true, errors: [], problems: outcome.problems, checked: '', fields: outcome.fields, source, from, to };
	}
} satisfies Actions;
