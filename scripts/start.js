// `npm start`: builds the app when the build is missing or older than the sources, then serves it (scripts/server.js,
// in a process of its own with the server's V8 flags). PORT (default 3000), HOST and the variables of
// src/lib/server/config.ts configure it.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'build/handler.js');

function newest(dir) {
	let latest = 0;
	for (const name of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, name.name);
		latest = Math.max(latest, name.isDirectory() ? newest(full) : statSync(full).mtimeMs);
	}
	return latest;
}

const sources = Math.max(
	newest(path.join(root, 'src')),
	newest(path.join(root, 'static')),
	statSync(path.join(root, 'package.json')).mtimeMs
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
	console.log('Building Sảnh số (first start, or the sources changed)…');
	execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
console.log(`Sảnh số: http://localhost:${process.env.PORT ?? 3000}/kiosk`);
const server = spawn(
	process.execPath,
	[...SERVER_NODE_FLAGS, path.join(root, 'scripts/server.js')],
	{ cwd: root, stdio: 'inherit' }
);
// A stop signal goes to the server, which stops cleanly; this process ends with it (Ctrl-C reaches both).
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
