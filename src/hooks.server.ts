// Start-up and shutdown, sign-in (the session cookie and the /admin guard), request size limits, malformed requests
// (src/lib/server/malformed.ts), security headers and request logging: nothing else (STYLE.md).
import {
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { building } from '$app/environment';
import { bodyLimit, tooLargeMessage } from '$lib/limits';
import { config, ConfigError } from '$lib/server/config';
import { DataDirBusyError } from '$lib/server/datadir';
import * as lifecycle from '$lib/server/lifecycle';
import { log, setLogLevel } from '$lib/server/log';
import { refusal } from '$lib/server/malformed';
import { SECURITY_HEADERS } from '$lib/security-headers.js';
import { isStorageError, STORAGE_MESSAGE, UNAVAILABLE_MESSAGE } from '$lib/server/storage';
import * as auth from '$lib/server/auth';
import * as center from '$lib/server/center';
import { inheritedAction } from '$lib/server/action-names';

export const init: ServerInit = async () => {
	// Prerendering the kiosk shell at build time needs no database.
	if (building) return;
	try {
		const cfg = config();
		setLogLevel(cfg.LOG_LEVEL);
		await lifecycle.start(cfg);
	} catch (e) {
		// A bad configuration, a data directory another process holds or an unreachable database stops the server,
		// saying which variable or why.
		const message =
			e instanceof ConfigError || e instanceof DataDirBusyError
				? e.message
				: `Start-up failed: ${e instanceof Error ? e.message : String(e)}`;
		log.error('startup_failed', { message });
		console.error(message);
		process.exit(1);
	}
};

/**
 * A plain answer while the server cannot serve: starting, stopping, or its data directory unwritable. `route`, here and
 * below, is the request's path without its center prefix, as handle computed it once.
 */
function notServing(
	event: Parameters<Handle>[0]['event'],
	route: string,
	status: number,
	message: string
): Response {
	const headers = { 'Retry-After': '5', 'Cache-Control': 'no-store', Connection: 'close' };
	const asJson = errorJson(event, route, status, message, 'unavailable', headers);
	if (asJson) return asJson;
	const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Sảnh số</title><body style="font:1.25rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1 style="font-size:1.6rem">Sảnh số tạm thời chưa phục vụ được</h1><p>${message}</p></body></html>`;
	return new Response(page, {
		status,
		headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' }
	});
}

/** A 4xx for a request that cannot be served as sent: JSON for machines and enhanced forms, a short page for people. */
function refuse(
	event: Parameters<Handle>[0]['event'],
	route: string,
	status: number,
	message: string,
	code: string
): Response {
	const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
	return (
		errorJson(event, route, status, message, code, headers) ??
		new Response(message, {
			status,
			headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }
		})
	);
}

/**
 * The error as JSON when the asker reads JSON: the API's clients, and enhanced forms (in the shape SvelteKit's form
 * actions answer with); undefined for a person's page request.
 */
function errorJson(
	event: Parameters<Handle>[0]['event'],
	route: string,
	status: number,
	message: string,
	code: string,
	headers: Record<string, string>
): Response | undefined {
	if (!route.startsWith('/api/') && event.request.headers.get('x-sveltekit-action') !== 'true')
		return undefined;
	return json({ type: 'error', status, error: { message }, message, code }, { status, headers });
}

/** Refuses a body over its endpoint's limit before reading it; a body of unknown length is read up to the limit only. */
async function withinLimit(
	event: Parameters<Handle>[0]['event'],
	route: string
): Promise<Response | undefined> {
	const { request } = event;
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return undefined;
	const limit = bodyLimit(route);
	const tooLarge = () => {
		log.warn('body_too_large', { path: event.url.pathname, limit });
		const message = tooLargeMessage(limit);
		return (
			errorJson(event, route, 413, message, 'too_large', { Connection: 'close' }) ??
			new Response(message, {
				status: 413,
				headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }
			})
		);
	};
	const length = request.headers.get('content-length');
	if (length !== null) return Number(length) > limit ? tooLarge() : undefined;
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (let part = await reader.read(); !part.done; part = await reader.read()) {
		size += part.value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return tooLarge();
		}
		chunks.push(part.value);
	}
	event.request = new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: Buffer.concat(chunks)
	});
	return undefined;
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	// Every check below judges the route the path answers on, its center prefix stripped (as src/hooks.ts reroutes it).
	const route = center.routePath(event.url.pathname);
	const phase = lifecycle.currentPhase();
	if (phase === 'stopping')
		return notServing(
			event,
			route,
			503,
			'Máy chủ đang khởi động lại. Vui lòng thử lại sau ít giây.'
		);
	if (phase === 'unavailable') return notServing(event, route, 503, UNAVAILABLE_MESSAGE);
	const noAction = inheritedAction(event.request, event.url);
	if (noAction) return noAction;
	const refused = await withinLimit(event, route);
	if (refused) return refused;
	// Prerendering forbids reading the query, and its requests are the build's own.
	const malformed = building ? null : await refusal(event);
	if (malformed) {
		log.warn('request_refused', {
			method: event.request.method,
			path: event.url.pathname,
			status: malformed.status,
			reason: malformed.code
		});
		return refuse(event, route, malformed.status, malformed.message, malformed.code);
	}
	// The proxy check: the first request showing a reverse proxy whose address header is unset (or missing) logs a
	// warning once (README, ADDRESS_HEADER).
	auth.clientAddress(event);
	// Prerendering has no database: its pages are the same for every center.
	const chosen = building
		? { ok: true as const, id: '', path: '' }
		: await center.forRequest(
				event.url,
				event.cookies.get(center.CENTER_COOKIE),
				config().CENTER_ID
			);
	if (!chosen.ok)
		return refuse(event, route, 404, 'Không có trung tâm nào mang mã này.', 'no_center');
	event.locals.centerId = chosen.id;
	event.locals.centerPath = chosen.path;
	// A center opened by its prefix is remembered, for the app's own links (they carry no prefix).
	const prefixed = building ? null : center.prefixOf(event.url.pathname);
	if (prefixed !== null && event.cookies.get(center.CENTER_COOKIE) !== prefixed)
		event.cookies.set(center.CENTER_COOKIE, prefixed, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 400 * 24 * 3600
		});
	event.locals.user = await auth.userOf(event.cookies, event.url, event.locals.centerId);
	const guarded = auth.isProtected(route);
	// 303: a form posted after the session ended is answered with the login page, fetched by GET.
	if (guarded && !event.locals.user) {
		log.info('login_required', { method: event.request.method, path: event.url.pathname });
		redirect(303, auth.loginUrl(event.url));
	}
	const response = await resolve(event);
	// Manager pages are per person: no shared cache, no back-button copy after sign-out.
	if (guarded || route === '/admin/login' || route === '/admin/reset')
		response.headers.set('Cache-Control', 'private, no-store');
	// A rendered page's own Content-Security-Policy (kit.csp, with its script hashes) stays.
	for (const [name, value] of Object.entries(SECURITY_HEADERS))
		if (!response.headers.has(name)) response.headers.set(name, value);
	log.info('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isStorageError(error)) {
		log.error('storage_failed', {
			path: event.url.pathname,
			error: error instanceof Error ? error.message : String(error)
		});
		return { message: STORAGE_MESSAGE };
	}
	if (status !== 404)
		log.error('unhandled', {
			path: event.url.pathname,
			status,
			error: error instanceof Error ? error.message : String(error)
		});
	return { message: status === 404 ? 'Không tìm thấy trang' : 'Đã có lỗi, vui lòng thử lại' };
};
