// The posters page's only script (it has no client router): the "In / Print" button opens the print dialog.
// Served from here, same origin, so the Content-Security-Policy needs no inline script.
import type { RequestHandler } from './$types';

const SCRIPT = `document.querySelector('[data-print]')?.addEventListener('click', () => window.print());\n`;

export const GET = (() =>
	new Response(SCRIPT, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': 'public, max-age=3600'
		}
	})) satisfies RequestHandler;
