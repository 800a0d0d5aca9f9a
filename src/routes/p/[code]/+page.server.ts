// The phone page a QR opens: counts the scan once per client and hour and shows the procedure. No login.
import { error } from '@sveltejs/kit';
import { portalUrl } from '$lib/domain/qr-target';
import { secureCookies } from '$lib/server/auth';
import * as catalogue from '$lib/server/catalogue';
import * as center from '$lib/server/center';
import { config } from '$lib/server/config';
import * as publicity from '$lib/server/publicity';
import type { PageServerLoad } from './$types';

// No client router here: every view is one full document request, so one server load sees it, and an
// elderly citizen's phone runs no JavaScript at all.
export const csr = false;

export const load = (async ({
	params,
	request,
	isDataRequest,
	setHeaders,
	cookies,
	getClientAddress,
	url,
	locals
}) => {
	const cfg = config();
	const scan = publicity.isScan(request, isDataRequest)
		? {
				at: new Date(),
				clients: publicity.scanClients(
					cookies,
					getClientAddress(),
					request.headers.get('user-agent') ?? '',
					secureCookies(url)
				)
			}
		: null;
	const procedure = await publicity.openProcedure(locals.centerId, params.code, scan);
	if (!procedure) error(404, 'Không tìm thấy thủ tục');
	// Each view must reach the server to be seen: no browser or proxy cache may answer for it.
	setHeaders({ 'cache-control': 'no-store' });
	return {
		procedure,
		center: await center.get(locals.centerId),
		portal: portalUrl(procedure, cfg.PORTAL_SEARCH_TEMPLATE),
		// A QR printed before the center stopped posting it still opens, with a word that it is not received here.
		posted: await catalogue.isPosted(locals.centerId, procedure),
		fieldCounters: await catalogue.fieldCounters(locals.centerId)
	};
}) satisfies PageServerLoad;
