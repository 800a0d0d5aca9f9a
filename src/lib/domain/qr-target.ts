// What a procedure's QR code points to (PRODUCT.md, "QR target").
import type { Catalogue } from '$lib/schemas/procedure';

type QrSettings = Catalogue['qr'];

/** The portal page of a procedure, or the keyword-search fallback when none is known. */
export function portalUrl(procedure: { code: string; url: string }, template: string): string {
	return procedure.url || template.replace('{code}', encodeURIComponent(procedure.code));
}

/** The URL a QR encodes: the center's counted phone page, or the portal itself when configured so. */
export function qrTarget(procedure: { code: string; url: string }, qr: QrSettings): string {
	if (qr.target === 'portal') return portalUrl(procedure, qr.portalSearchTemplate);
	return `${qr.publicUrl}/p/${encodeURIComponent(procedure.code)}`;
}

/** The national public service portal (Cổng Dịch vụ công quốc gia): its host and subdomains need no confirmation. */
export const PORTAL_HOST = 'dichvucong.gov.vn';

/** The host of a procedure's page when it is not the national portal's; null for the portal or no address. */
export function foreignHost(url: string): string | null {
	if (url === '') return null;
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return url;
	}
	return host === PORTAL_HOST || host.endsWith(`.${PORTAL_HOST}`) ? null : host;
}
