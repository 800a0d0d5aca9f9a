import { error } from '@sveltejs/kit';
import * as catalogue from '$lib/server/catalogue';
import { versionedJson } from '$lib/server/http';
import { qrSettings } from '$lib/server/qr';
import type { RequestHandler } from './$types';

/** The posted catalogue for devices, with an ETag: a device that has it already gets 304. */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const posted = await catalogue.posted(locals.centerId, qrSettings(url.origin, locals.centerPath));
	if (!posted) error(404, 'Không có danh mục thủ tục');
	return versionedJson(request, posted);
};
