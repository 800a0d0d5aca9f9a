import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { catalogueApplySchema, cataloguePreviewSchema } from '$lib/schemas/catalogue-upload';
import * as auth from '$lib/server/auth';
import * as catalogue from '$lib/server/catalogue';
import { postedView } from '$lib/server/catalogue/posted-view';
import { qrSettings } from '$lib/server/qr';
import { unreachableFromPhones } from '$lib/domain/public-url';
import { summarize } from './summary';
import { upload } from './upload.server';
import * as posted from './posted.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const user = auth.requireRole(locals, 'viewer');
	const query = {
		q: url.searchParams.get('q') ?? '',
		field: url.searchParams.get('field') ?? '',
		allFields: url.searchParams.has('all')
	};
	// Another center's staff on this address (a city on one address): its phone pages are under its prefix.
	const qr = qrSettings(
		url.origin,
		user.centerId === locals.centerId ? locals.centerPath : `/c/${user.centerId}`
	);
	return {
		summary: summarize(await catalogue.active(user.centerId)),
		canImport: auth.hasRole(user, 'manager'),
		posted: await postedView(user.centerId, query),
		query,
		qr: {
			publicUrl: qr.publicUrl,
			unreachable: qr.target === 'portal' ? null : unreachableFromPhones(qr.publicUrl)
		}
	};
}) satisfies PageServerLoad;

const problems = (error: z.ZodError) => error.issues.map((i) => i.message);

export const actions = {
	preview: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const parsed = cataloguePreviewSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { ok: false as const, fileName: '', errors: problems(parsed.error) });
		const outcome = await upload(user.centerId, parsed.data.file, null);
		return outcome.ok ? outcome : fail(400, outcome);
	},
	apply: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'manager');
		const parsed = catalogueApplySchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { ok: false as const, fileName: '', errors: problems(parsed.error) });
		const { file, previewed, confirmHosts, confirmAbolish } = parsed.data;
		const outcome = await upload(user.centerId, file, {
			userId: user.id,
			previewed,
			confirmHosts,
			confirmAbolish
		});
		return outcome.ok && !outcome.abolishError ? outcome : fail(400, outcome);
	},
	// The posted list (danh mục niêm yết): whole fields, single procedures, pins and counters.
	field: async (event) => posted.field(event),
	procedure: async (event) => posted.procedure(event),
	pin: async (event) => posted.pin(event),
	counter: async (event) => posted.counter(event)
} satisfies Actions;
