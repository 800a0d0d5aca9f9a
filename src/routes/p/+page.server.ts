// The phone search (/p?q=…): a plain form with the phone's own keyboard, results linking to each procedure's page.
import * as center from '$lib/server/center';
import * as publicity from '$lib/server/publicity';
import type { PageServerLoad } from './$types';

// As on /p/[code]: one full document per search, so it works on any phone, even without JavaScript.
export const csr = false;

export const load = (async ({ url, locals }) => {
	const [found, identity] = await Promise.all([
		publicity.searchProcedures(locals.centerId, url.searchParams.get('q') ?? ''),
		center.get(locals.centerId)
	]);
	return { found, center: identity };
}) satisfies PageServerLoad;
