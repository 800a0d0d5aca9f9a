// Printable posters (niêm yết công khai) of the center's posted list, optionally one field, each with its QR code.
import { error } from '@sveltejs/kit';
import { localDate } from '$lib/domain/vn-time';
import { unreachableFromPhones } from '$lib/domain/public-url';
import * as publicity from '$lib/server/publicity';
import { qrSettings } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

// Rendered whole on the server: hundreds of vector QR codes need no client JavaScript.
export const csr = false;

export const load = (async ({ url, locals }) => {
	const field = url.searchParams.get('field') || null;
	const posters = await publicity.posters(locals.centerId, field);
	if (!posters) error(404, 'Không tìm thấy trung tâm');
	const qr = qrSettings(url.origin, locals.centerPath);
	// Only QR codes pointing at this server need it reachable; the portal is public.
	const unreachable = qr.target === 'portal' ? null : unreachableFromPhones(qr.publicUrl);
	return { ...posters, field, qr, unreachable, postedOn: localDate(new Date()) };
}) satisfies PageServerLoad;
