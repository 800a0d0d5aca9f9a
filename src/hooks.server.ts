// Start-up, sign-in (the session cookie and the /admin guard), security headers and request logging: nothing else (STYLE.md).
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { config, ConfigError } from '$lib/server/config';
import { boot } from '$lib/server/boot';
import { log, setLogLevel } from '$lib/server/log';
import * as auth from '$lib/server/auth';

export const init: ServerInit = async () => {
	// Prerendering the kiosk shell at build time needs no database.
	if (building) return;
	try {
		const cfg = config();
		setLogLevel(cfg.LOG_LEVEL);
		await boot(cfg, undefined, { announceSetup: true });
	} catch (e) {
		// A bad configuration or an unreachable database stops the server, saying which variable or why.
		const message = e instanceof ConfigError ? e.message : `Start-up failed: ${e instanceof Error ? e.message : String(e)}`;
		log.error('startup_failed', { message });
		console.error(message);
		process.exit(1);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.user = await auth.userOf(event.cookies, event.url);
	const guarded = auth.isProtected(event.url.pathname);
	// 303: a form posted after the session ended is answered with the login page, fetched by GET.
	if (guarded && !event.locals.user) {
		log.info('login_required', { method: event.request.method, path: event.url.pathname });
		redirect(303, auth.loginUrl(event.url));
	}
	const response = await resolve(event);
	// Manager pages are per person: no shared cache, no back-button copy after sign-out.
	if (guarded || event.url.pathname === '/admin/login') response.headers.set('Cache-Control', 'private, no-store');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	log.info('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) log.error('unhandled', { path: event.url.pathname, status, error: error instanceof Error ? error.message : String(error) });
	return { message: status === 404 ? 'Không tìm thấy trang' : 'Đã có lỗi, vui lòng thử lại' };
};
