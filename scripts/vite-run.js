// Runs a TypeScript entry (the CLI, the benchmarks) through Vite's module runner, so that it resolves
// `$lib`, `import.meta.glob` and `?raw` exactly as the SvelteKit server does.
import { createServer, createServerModuleRunner } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
	console.error('usage: node scripts/vite-run.js ENTRY [ARGS...]');
	process.exit(2);
}

const server = await createServer({
	root,
	configFile: false,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } },
	// No WebSocket server: every run would listen on port 24678, and a second run at once printed that it was in use.
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	appType: 'custom',
	optimizeDeps: { noDiscovery: true, include: [] }
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
let code = 0;
try {
	const mod = await runner.import(path.resolve(root, entry));
	if (typeof mod.main === 'function') code = (await mod.main(args)) ?? 0;
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	code = 1;
} finally {
	await runner.close();
	await server.close();
}
process.exit(code);
