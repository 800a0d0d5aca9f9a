// The JavaScript a first visit to /kiosk loads, gzip: from the client build's Vite manifest, and as Chromium
// actually fetched it.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { ROOT } from '../harness/app-server';
import { kB, type Section } from './report';

const TARGET_BYTES = 60_000;
const CLIENT = path.join(ROOT, '.svelte-kit/output/client');
const MANIFEST = path.join(CLIENT, '.vite/manifest.json');
const GENERATED = '.svelte-kit/generated/client-optimized';
/** The route files a visit to /kiosk runs in the browser: root layout, kiosk layout, kiosk page (plus the root
 * error page, which the client always loads). */
const ROUTE_FILES = [
	'src/routes/+layout.svelte',
	'src/routes/+layout.ts',
	'src/routes/kiosk/+layout.svelte',
	'src/routes/kiosk/+layout.ts',
	'src/routes/kiosk/+page.svelte',
	'src/routes/kiosk/+page.ts'
];
const SOURCES = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

interface Chunk {
	file: string;
	src?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
}
type Manifest = Record<string, Chunk>;

function newest(p: string): number {
	if (!existsSync(p)) return 0;
	const st = statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let latest = 0;
	for (const entry of readdirSync(p)) latest = Math.max(latest, newest(path.join(p, entry)));
	return latest;
}

/** Builds when the build is missing, or (unless `rebuildStale` is false) older than the sources. */
export function ensureBuild({ rebuildStale }: { rebuildStale: boolean }): string[] {
	const built = Math.min(newest(path.join(ROOT, 'build/index.js')), newest(MANIFEST));
	const sources = Math.max(...SOURCES.map((p) => newest(path.join(ROOT, p))));
	if (built > 0 && (built >= sources || !rebuildStale)) {
		return built >= sources
			? []
			: ['build/ is older than the sources (--no-build given): figures are for the old build.'];
	}
	const started = performance.now();
	console.log(
		built === 0
			? 'No build yet: running `npm run build`…'
			: 'build/ is older than the sources: running `npm run build`…'
	);
	execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	return [`Built first (npm run build, ${((performance.now() - started) / 1000).toFixed(0)} s).`];
}

/** Manifest keys of the route nodes /kiosk loads: the generated node modules re-exporting the route files. */
function kioskNodes(manifest: Manifest): string[] {
	// SvelteKit's client starts by loading node 0 (root layout) and node 1 (root error page), whatever the route.
	const keys = new Set<string>([`${GENERATED}/nodes/0.js`, `${GENERATED}/nodes/1.js`]);
	const nodesDir = path.join(ROOT, GENERATED, 'nodes');
	for (const name of existsSync(nodesDir) ? readdirSync(nodesDir) : []) {
		const text = readFileSync(path.join(nodesDir, name), 'utf8');
		if (ROUTE_FILES.some((f) => text.includes(`/${f}"`))) keys.add(`${GENERATED}/nodes/${name}`);
	}
	// A build without node modules (or an older SvelteKit) names the route files themselves.
	for (const f of ROUTE_FILES) if (manifest[f]) keys.add(f);
	const missing = [...keys].filter((k) => !manifest[k]);
	if (missing.length > 0)
		throw new Error(`not in the Vite manifest (stale .svelte-kit?): ${missing.join(', ')}`);
	return [...keys];
}

/** Files statically imported from `roots`, recursively (dynamic imports are loaded later, if at all). */
function closure(manifest: Manifest, roots: string[]): Set<string> {
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		const chunk = manifest[key];
		if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
		seen.add(key);
		for (const i of chunk.imports ?? []) visit(i);
	};
	roots.forEach(visit);
	return seen;
}

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
	let n = gzipCache.get(file);
	if (n === undefined) {
		n = gzipSync(readFileSync(file), { level: 9 }).byteLength;
		gzipCache.set(file, n);
	}
	return n;
}

function sum(
	manifest: Manifest,
	keys: Iterable<string>
): { bytes: number; files: { file: string; bytes: number }[] } {
	const files = [...new Set([...keys].map((k) => manifest[k].file))]
		.filter((f) => f.endsWith('.js'))
		.map((file) => ({ file, bytes: gzipBytes(path.join(CLIENT, file)) }))
		.sort((a, b) => b.bytes - a.bytes);
	return { bytes: files.reduce((n, f) => n + f.bytes, 0), files };
}

export function benchKioskBundle(verbose: boolean, notes: string[]): Section {
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
	const entries = Object.keys(manifest).filter(
		(k) =>
			k === `${GENERATED}/app.js` ||
			(manifest[k].isEntry === true && manifest[k].file.includes('/entry/start.'))
	);
	if (entries.length !== 2)
		throw new Error(
			`expected the app and start entries in ${MANIFEST}, found: ${entries.join(', ') || 'none'}`
		);
	const nodes = kioskNodes(manifest);
	const first = closure(manifest, [...entries, ...nodes]);
	// Chunks the kiosk's own code imports lazily (the service-worker registration): not part of the first paint.
	const lazyRoots = [...first]
		.filter((k) => !entries.includes(k))
		.flatMap((k) => manifest[k].dynamicImports ?? []);
	const withLazy = closure(manifest, [...first, ...lazyRoots]);
	const base = sum(manifest, first);
	const all = sum(manifest, withLazy);
	const lazyNames = lazyRoots
		.map((k) => (k.includes('workbox-window') ? 'workbox-window' : k))
		.join(', ');
	const section: Section = {
		title: 'Kiosk route JavaScript, gzip (first visit to /kiosk)',
		rows: [
			{
				measure: `/kiosk JS, ${base.files.length} files (manifest, static imports)`,
				figure: kB(base.bytes),
				target: `≤ ${kB(TARGET_BYTES)}`,
				pass: base.bytes <= TARGET_BYTES
			},
			{
				measure: `with lazy chunks${lazyNames ? ` (${lazyNames})` : ''}`,
				figure: kB(all.bytes),
				target: `≤ ${kB(TARGET_BYTES)}`,
				pass: all.bytes <= TARGET_BYTES
			}
		],
		notes: [
			...notes,
			`Nodes: ${nodes.map((n) => path.basename(n)).join(', ')}; gzip level 9 of each unique file.`
		]
	};
	if (verbose) {
		const lazy = new Set(
			sum(
				manifest,
				[...withLazy].filter((k) => !first.has(k))
			).files.map((f) => f.file)
		);
		for (const f of all.files)
			section.notes.push(
				`  ${kB(f.bytes).padStart(9)}  ${f.file}${lazy.has(f.file) ? '  (lazy)' : ''}`
			);
	}
	return section;
}

/** What Chromium fetched as scripts on a first visit to /kiosk, sized as gzip level 9 of the built files. */
export async function measureKioskInChromium(
	browser: Browser,
	baseUrl: string,
	verbose: boolean
): Promise<{ bytes: number; notes: string[] }> {
	const context = await browser.newContext({
		serviceWorkers: 'allow',
		viewport: { width: 1080, height: 1920 }
	});
	try {
		const page = await context.newPage();
		const scripts = new Set<string>();
		page.on('response', (r) => {
			if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
		});
		await page.goto(`${baseUrl}/kiosk`, { waitUntil: 'load' });
		await page
			.locator('body[data-hydrated="true"]')
			.waitFor({ state: 'attached', timeout: 30_000 });
		// Lazy chunks (the service-worker registration) arrive after hydration.
		await page.waitForTimeout(1_500);
		const notes: string[] = [];
		let bytes = 0;
		for (const p of [...scripts].sort()) {
			const file = path.join(ROOT, 'build/client', decodeURIComponent(p));
			if (!existsSync(file)) {
				notes.push(`  (not a built file) ${p}`);
				continue;
			}
			const n = gzipBytes(file);
			bytes += n;
			if (verbose) notes.push(`  ${kB(n).padStart(9)}  ${p}`);
		}
		return { bytes, notes: [`Chromium fetched ${scripts.size} scripts for /kiosk.`, ...notes] };
	} finally {
		await context.close();
	}
}

export const KIOSK_TARGET_BYTES = TARGET_BYTES;
