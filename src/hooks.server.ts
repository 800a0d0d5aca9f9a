// Start-up, security headers and request logging: nothing else (STYLE.md).
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { config, ConfigError } from '$lib/server/config';
import { boot } from '$lib/server/boot';
import { log, setLogLevel } from '$lib/server/log';

export const init: ServerInit = async () => {
	try {
		const cfg = config();
		setLogLevel(cfg.LOG_LEVEL);
		await boot(cfg);
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
	event.locals.user = null;
	const response = await resolve(event);
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
