// The QR settings a center's devices and pages use: where a QR points and the public base URL.
import type { Catalogue } from '$lib/schemas/procedure';
import { config } from './config';

/** PUBLIC_URL when configured; otherwise the origin the request came in on. */
export function qrSettings(origin: string): Catalogue['qr'] {
	const cfg = config();
	return {
		target: cfg.QR_TARGET,
		publicUrl: cfg.PUBLIC_URL ?? origin,
		portalSearchTemplate: cfg.PORTAL_SEARCH_TEMPLATE
	};
}
