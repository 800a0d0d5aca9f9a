// The production server: SvelteKit's built handler on a plain Node http server.
// adapter-node assumes https when it is not told the protocol, which would put https:// into the QR codes of a
// center box served over plain http. Unless ORIGIN or PROTOCOL_HEADER is set (behind a TLS proxy), every
// request is marked with the protocol of the socket it really came on.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/security-headers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'x-sanhso-socket-protocol';
const mark = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (mark) process.env.PROTOCOL_HEADER = MARK;
// Each endpoint's own limit is enforced by the app (src/lib/limits.ts, hooks.server.ts), with a Vietnamese message.
process.env.BODY_SIZE_LIMIT ??= 'Infinity';

// Importing the handler runs the server's init hook: configuration, migrations, demo data.
// SANHSO_BUILD_DIR: another build to serve (the browser tests' "new app version"), inside the project for its node_modules.
const { handler } = await import(
	path.join(process.env.SANHSO_BUILD_DIR || path.join(root, 'build'), 'handler.js')
);

const server = http.createServer((req, res) => {
	if (mark) req.headers[MARK] = 'http';
	// Every answer, the static and prerendered files included (served before the app's hooks run). Headers the app
	// sets itself (a page's fuller Content-Security-Policy) replace these: writeHead's headers take precedence.
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	handler(req, res);
});
// Browsers and tablets reuse a connection for up to a minute; closing it sooner races their next request (a reset).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.listen(port, host, () =>
	console.log(
		JSON.stringify({
			time: new Date().toISOString(),
			level: 'info',
			event: 'listening',
			host,
			port
		})
	)
);

// As adapter-node's own entry does: stop accepting, let requests in flight end (cut after 2 s), then tell the app,
// which closes the database, releases DATA_DIR and exits (src/lib/server/lifecycle.ts, with its own hard deadline).
function shutdown() {
	server.closeIdleConnections();
	server.close(() => process.emit('sveltekit:shutdown', 'close'));
	setTimeout(() => server.closeAllConnections(), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
