// The phone search (/p?q=…): a plain form with the phone's own keyboard, results linking to each procedure's page.
import * as center from '$lib/server/center';
import { config } from '$lib/server/config';
import * as publicity from '$lib/server/publicity';
import type { PageServerLoad } from './$types';

// As on /p/[code]: one full document per search, so it works on any phone, even without JavaScript.
export const csr = false;

export const load = (async ({ url }) => {
	const { CENTER_ID } = config();
	const [found, identity] = await Promise.all([
		publicity.searchProcedures(CENTER_ID, url.searchParams.get('q') ?? ''),
		center.get(CENTER_ID)
	]);
	return { found, center: identity };
}) satisfies PageServerLoad;
