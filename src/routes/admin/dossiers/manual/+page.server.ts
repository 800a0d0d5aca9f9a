import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { MAX_SOURCE } from '$lib/domain/dossier-file';
import { dayNumber, periodContaining } from '$lib/domain/periods';
import { localDate } from '$lib/domain/vn-time';
import type { ManualProblem } from '$lib/domain/manual-figures';
import { describeManualIssues, manualEntrySchema, manualFormValues } from '$lib/schemas/dossiers';
import * as auth from '$lib/server/auth';
import * as dossiers from '$lib/server/dossiers';
import type { Actions, PageServerLoad } from './$types';

/** `?source=&from=&to=` opens a saved entry to correct it. */
const openSchema = z.object({
	source: z.string().min(1).max(MAX_SOURCE),
	from: z.string().refine((s) => !Number.isNaN(dayNumber(s))),
	to: z.string().refine((s) => !Number.isNaN(dayNumber(s)))
});

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	const [summary, entries] = await Promise.all([
		dossiers.summary(user.centerId),
		dossiers.manualEntries(user.centerId)
	]);
	// A source whose dossiers come from files is not offered: its figures would be counted twice.
	const sources = summary.filter((s) => s.dossiers === 0).map((s) => s.name);
	const open = openSchema.safeParse(Object.fromEntries(url.searchParams));
	const editing = open.success
		? {
				...open.data,
				rows: await dossiers.manualEntry(
					user.centerId,
					open.data.source,
					open.data.from,
					open.data.to
				)
			}
		: null;
	// This report month (closing on the 14th, as the seeds do), in the center's time zone.
	const { from, to } = periodContaining('month', 'chot-14', localDate(new Date()));
	return {
		sources,
		entries,
		editing,
		period: { from, to },
		canEdit: auth.hasRole(user, 'manager')
	};
}) satisfies PageServerLoad;

/** Nothing saved: invalid input or a refusal (errors), or broken identities to fix or confirm (problems). */
const notSaved = (errors: string[], problems: ManualProblem[] = [], checked = '') =>
	fail(400, { saved: false, errors, problems, checked });

export const actions = {
	save: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const values = manualFormValues(await request.formData());
		const parsed = manualEntrySchema.safeParse(values);
		if (!parsed.success) return notSaved(describeManualIssues(parsed.error, values));
		const outcome = await dossiers.submitManualEntry(user.centerId, parsed.data, user.id);
		if (!outcome.ok)
			return outcome.refusal
				? notSaved([outcome.refusal])
				: notSaved([], outcome.problems, outcome.checked);
		const { source, from, to } = parsed.data;
		return {
			saved: true,
			errors: [],
			problems: outcome.problems,
			checked: '',
			fields: outcome.fields,
			source,
			from,
			to
		};
	}
} satisfies Actions;
