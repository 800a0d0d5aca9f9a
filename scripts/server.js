// The production server: SvelteKit's built handler on a plain Node http server.
// adapter-node assumes https when it is not told the protocol, which would put https:// into the QR codes of a
// center box served over plain http. Unless ORIGIN or PROTOCOL_HEADER is set (behind a TLS proxy), every
// request is marked with the protocol of the socket it really came on.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'x-sanhso-socket-protocol';
const mark = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (mark) process.env.PROTOCOL_HEADER = MARK;
// adapter-node refuses bodies over 512 kB by default; a catalogue or dossier upload is larger (the upload pages accept 20 MB).
process.env.BODY_SIZE_LIMIT ??= '21M';

// Importing the handler runs the server's init hook: configuration, migrations, demo data.
// SANHSO_BUILD_DIR: another build to serve (the browser tests' "new app version"), inside the project for its node_modules.
const { handler } = await import(path.join(process.env.SANHSO_BUILD_DIR || path.join(root, 'build'), 'handler.js'));

const server = http.createServer((req, res) => {
	if (mark) req.headers[MARK] = 'http';
	handler(req, res);
});

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.listen(port, host, () => console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'listening', host, port })));

function shutdown(signal) {
	console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'shutdown', signal }));
	server.close(() => process.exit(0));
	server.closeAllConnections?.();
	setTimeout(() => process.exit(0), 5000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
