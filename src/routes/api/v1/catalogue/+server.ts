import { error } from '@sveltejs/kit';
import * as catalogue from '$lib/server/catalogue';
import { config } from '$lib/server/config';
import { versionedJson } from '$lib/server/http';
import { qrSettings } from '$lib/server/qr';
import type { RequestHandler } from './$types';

/** The posted catalogue for devices, with an ETag: a device that has it already gets 304. */
export const GET: RequestHandler = async ({ request, url }) => {
	const posted = await catalogue.posted(config().CENTER_ID, qrSettings(url.origin));
	if (!posted) error(404, 'Không có danh mục thủ tục');
	return versionedJson(request, posted);
};
