import { fail } from '@sveltejs/kit';
import { dossierApplySchema, dossierPreviewSchema } from '$lib/schemas/dossiers';
import * as auth from '$lib/server/auth';
import * as dossiers from '$lib/server/dossiers';
import { refused, upload } from './upload.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = auth.requireRole(locals, 'viewer');
	return {
		sources: await dossiers.summary(user.centerId),
		canImport: auth.hasRole(user, 'manager')
	};
}) satisfies PageServerLoad;

const nameOf = (file: FormDataEntryValue | undefined) => (file instanceof File ? file.name : '');

export const actions = {
	preview: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const form = Object.fromEntries(await request.formData());
		const parsed = dossierPreviewSchema.safeParse(form);
		if (!parsed.success)
			return fail(
				400,
				refused(
					parsed.error.issues.map((i) => i.message),
					nameOf(form.file)
				)
			);
		const outcome = await upload(user.centerId, parsed.data, null);
		return outcome.ok ? outcome : fail(400, outcome);
	},
	apply: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const form = Object.fromEntries(await request.formData());
		const parsed = dossierApplySchema.safeParse(form);
		if (!parsed.success)
			return fail(
				400,
				refused(
					parsed.error.issues.map((i) => i.message),
					nameOf(form.file)
				)
			);
		const outcome = await upload(user.centerId, parsed.data, {
			userId: user.id,
			previewed: parsed.data.previewed
		});
		return outcome.ok ? outcome : fail(400, outcome);
	}
} satisfies Actions;
