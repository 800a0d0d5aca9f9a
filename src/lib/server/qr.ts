// The QR settings a center's devices and pages use: where a QR points and the public base URL.
import type { Catalogue } from '$lib/schemas/procedure';
import { config } from './config';

/**
 * PUBLIC_URL when configured; otherwise the origin the request came in on, with the center's path prefix where a city
 * on one address tells its centers apart by one (`centerPath`, '/c/CODE').
 */
export function qrSettings(origin: string, centerPath = ''): Catalogue['qr'] {
	const cfg = config();
	return {
		target: cfg.QR_TARGET,
		publicUrl: cfg.PUBLIC_URL ?? origin + centerPath,
		portalSearchTemplate: cfg.PORTAL_SEARCH_TEMPLATE
	};
}
