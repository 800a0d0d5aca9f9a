// The JavaScript a first visit to a device page (/kiosk, /rate, /device) downloads, gzip, as Chromium fetches it.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { ROOT } from '../harness/app-server';
import { kB, type Row, type Section } from './report';

const TARGET_BYTES = 60_000;
/** What the issue aims for; a bare SvelteKit app is about 33 kB. */
const AIM_BYTES = 45_000;
/** The client build's manifest: its age says whether build/ is older than the sources. */
const MANIFEST = path.join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
const SOURCES = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

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
	// Without NODE_ENV: the bench runs under Vite's module runner, which sets it to 'development', and a build that
	// inherits that is Svelte's dev build (a tenth heavier, and slower), not what devices are served.
	const { NODE_ENV: _, ...env } = process.env;
	execSync('npm run build', { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
	return [`Built first (npm run build, ${((performance.now() - started) / 1000).toFixed(0)} s).`];
}

/** The device pages whose first visit is budgeted: what a new kiosk or tablet downloads before it can be used. */
export const DEVICE_ROUTES = ['/kiosk', '/rate', '/device'] as const;

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
	let n = gzipCache.get(file);
	if (n === undefined) {
		n = gzipSync(readFileSync(file), { level: 9 }).byteLength;
		gzipCache.set(file, n);
	}
	return n;
}

/**
 * The JavaScript Chromium fetched on a first visit to `route` (a fresh context: no cache, no service worker yet),
 * each file sized as gzip level 9 of the built file (what adapter-node's precompressed .gz holds). Counted: every
 * script the page or its workers requested, lazy chunks included (the service-worker registration, the
 * catalogue worker), until the network has been quiet; not counted: what the service worker precaches for later.
 */
export async function measureRouteInChromium(
	browser: Browser,
	baseUrl: string,
	route: string,
	verbose: boolean
): Promise<{ bytes: number; files: number; notes: string[] }> {
	const context = await browser.newContext({
		serviceWorkers: 'allow',
		viewport: { width: 1080, height: 1920 }
	});
	try {
		const page = await context.newPage();
		const scripts = new Set<string>();
		const record = (url: string) => {
			const p = new URL(url).pathname;
			if (p.endsWith('.js') || p.endsWith('.mjs')) scripts.add(p);
		};
		// Page requests (lazy chunks and dedicated workers included); the service worker's own precache requests
		// are made by the worker itself and reach context-level events only, so they are left out.
		page.on('request', (r) => {
			if (r.resourceType() === 'script' || r.resourceType() === 'other') record(r.url());
		});
		page.on('worker', (w) => record(w.url()));
		await page.goto(`${baseUrl}${route}`, { waitUntil: 'load' });
		await page
			.locator('body[data-hydrated="true"]')
			.waitFor({ state: 'attached', timeout: 30_000 });
		// Lazy chunks (the database layer, the service-worker registration, the catalogue worker) arrive after hydration.
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1_000);
		const notes: string[] = [];
		let bytes = 0;
		let files = 0;
		const landed = new URL(page.url()).pathname;
		if (landed !== route) notes.push(`${route} went on to ${landed}: its scripts are counted too.`);
		for (const p of [...scripts].sort()) {
			const file = path.join(ROOT, 'build/client', decodeURIComponent(p));
			if (!existsSync(file)) {
				notes.push(`  (not a built file, not counted) ${p}`);
				continue;
			}
			const n = gzipBytes(file);
			bytes += n;
			files++;
			if (verbose) notes.push(`  ${kB(n).padStart(9)}  ${p}`);
		}
		return { bytes, files, notes };
	} finally {
		await context.close();
	}
}

/** One row per device page: its first visit's JavaScript against the budget. */
export async function benchDeviceBundles(
	browser: Browser,
	baseUrl: string,
	verbose: boolean
): Promise<Section> {
	const rows: Row[] = [];
	const notes: string[] = [];
	for (const route of DEVICE_ROUTES) {
		const fetched = await measureRouteInChromium(browser, baseUrl, route, verbose);
		rows.push({
			measure: `${route}: ${fetched.files} scripts fetched on a first visit`,
			figure: kB(fetched.bytes),
			target: `≤ ${kB(TARGET_BYTES)} (aim ${kB(AIM_BYTES)})`,
			pass: fetched.bytes <= TARGET_BYTES
		});
		if (fetched.notes.length > 0) notes.push(`${route}:`, ...fetched.notes);
	}
	return {
		title: 'Device pages JavaScript, gzip, as Chromium fetches it on a first visit',
		rows,
		notes: [
			'Gzip level 9 of each built file Chromium requested (service-worker registration and workers included).',
			...notes
		]
	};
}
