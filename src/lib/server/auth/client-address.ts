// The client's address as the throttles key it. Behind a reverse proxy every request comes from the proxy, so unless
// ADDRESS_HEADER names the proxy's header (adapter-node then reads it), all clients would share one throttle key and
// one person's failures would delay everyone. What cannot be told apart is never used as a key: the throttles then
// count per account (or per pairing) only, and the log says why, once.
import { config } from '../config';
import { log } from '../log';

const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

/** Loopback: a proxy on the same box (nginx, caddy), or a person at the box itself. */
function isLoopback(address: string): boolean {
	return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

// Warned once per process: the log must say it, not say it on every request.
const warned = new Set<string>();
function warnOnce(event: string, fields: Record<string, unknown>): void {
	if (warned.has(event)) return;
	warned.add(event);
	log.warn(event, fields);
}

export interface AddressSource {
	request: Request;
	getClientAddress(): string;
}

/**
 * The address to throttle by, or null when it cannot be told apart from other clients' (the caller then throttles
 * per account only). Also the start-up check: the first request that shows a misconfigured proxy logs a warning.
 */
export function clientAddress(
	event: AddressSource,
	{
		header = config().ADDRESS_HEADER,
		warn = warnOnce
	}: { header?: string; warn?: (event: string, fields: Record<string, unknown>) => void } = {}
): string | null {
	const forwarded = PROXY_HEADERS.find((h) => event.request.headers.has(h));
	let address: string;
	try {
		address = event.getClientAddress();
	} catch (e) {
		// adapter-node refuses a request without the configured header (or with fewer X-Forwarded-For entries than XFF_DEPTH).
		warn('client_address_missing', {
			message: `ADDRESS_HEADER=${header} is configured but a request came without it (${e instanceof Error ? e.message : String(e)}): such requests are throttled per account only. Check that every request passes through the proxy.`
		});
		return null;
	}
	if (header) return address;
	if (forwarded) {
		// The peer is a proxy: its address is everyone's.
		warn('client_address_header_unset', {
			message: `Requests carry ${forwarded} but ADDRESS_HEADER is unset: every client seems to come from ${address}, so sign-in and pairing are throttled per account only. Behind a reverse proxy set ADDRESS_HEADER=x-forwarded-for (and XFF_DEPTH to the number of proxies); see README.`
		});
		return null;
	}
	if (isLoopback(address)) {
		warn('client_address_loopback', {
			message: `A request came from ${address} (loopback) and ADDRESS_HEADER is unset: if a proxy on this box forwards every client, they would share one address, so sign-in and pairing from loopback are throttled per account only. Set ADDRESS_HEADER behind a proxy; see README.`
		});
		return null;
	}
	return address;
}
