import * as catalogue from '$lib/server/catalogue';
import { versionedJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Scans and views per procedure for search ranking; apart from the catalogue so a scan does not resend it. */
export const GET: RequestHandler = async ({ request, locals }) =>
	versionedJson(request, await catalogue.popularity(locals.centerId));
