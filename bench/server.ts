// The built server: start-up on an empty and on an existing data directory, and the commune posters page.
import type { Browser } from '@playwright/test';
import { AppServer } from '../harness/app-server';
import { median, ms, s, type Row } from './report';

const EMPTY_START_TARGET_MS = 5_000;
const EXISTING_START_TARGET_MS = 2_000;
const POSTERS_TARGET_MS = 1_500;
const POSTERS = '/posters';

/** `engine` names the database: 'PGlite' (an empty and an existing DATA_DIR) or 'PostgreSQL' (an empty and a used schema). */
export function startRows(emptyMs: number, existingMs: number[], engine = 'PGlite'): Row[] {
	const existing = median(existingMs);
	const [empty, used] =
		engine === 'PGlite'
			? ['empty DATA_DIR', 'existing DATA_DIR']
			: ['empty schema', 'existing schema'];
	return [
		{
			measure: `${engine}: ${empty} (migrations + demo import)`,
			figure: s(emptyMs),
			target: `≤ ${s(EMPTY_START_TARGET_MS)}`,
			pass: emptyMs <= EMPTY_START_TARGET_MS
		},
		{
			measure: `${engine}: ${used} (median of ${existingMs.length}; max ${s(Math.max(...existingMs))})`,
			figure: s(existing),
			target: `≤ ${s(EXISTING_START_TARGET_MS)}`,
			pass: existing <= EXISTING_START_TARGET_MS
		}
	];
}

/** Restarts `server` on its own data directory `times` times; the milliseconds from spawn to ready. */
export async function restarts(server: AppServer, times: number): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < times; i++) out.push(await server.restart());
	return out;
}

async function fetchPosters(url: string): Promise<{ ms: number; qrCodes: number }> {
	const t0 = performance.now();
	const response = await fetch(url + POSTERS);
	const html = await response.text();
	const elapsed = performance.now() - t0;
	if (response.status !== 200) throw new Error(`GET ${POSTERS}: ${response.status}`);
	return { ms: elapsed, qrCodes: html.match(/aria-label="Mã QR/g)?.length ?? 0 };
}

export async function postersRows(
	server: AppServer,
	browser: Browser
): Promise<{ rows: Row[]; notes: string[] }> {
	// The posters show the posted list (the demo: the commune-level procedures, less the fields other offices receive),
	// the same codes the catalogue API gives devices.
	const catalogue = (await (await fetch(`${server.url}/api/v1/catalogue`)).json()) as {
		posted?: { codes: string[] };
	};
	const expected = catalogue.posted?.codes.length ?? 0;
	const warm = await fetchPosters(server.url);
	const times: number[] = [];
	for (let i = 0; i < 5; i++) times.push((await fetchPosters(server.url)).ms);
	const serverMs = median(times);

	const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
	const loads: number[] = [];
	try {
		for (let i = 0; i < 4; i++) {
			const t0 = performance.now();
			await page.goto(server.url + POSTERS, { waitUntil: 'load' });
			// The first load warms the browser's and the server's caches up; it is not counted.
			if (i > 0) loads.push(performance.now() - t0);
		}
	} finally {
		await page.close();
	}
	const browserMs = median(loads);
	return {
		rows: [
			{
				measure: `GET ${POSTERS}, server render (median of 5 after a warm-up)`,
				figure: ms(serverMs),
				target: `≤ ${ms(POSTERS_TARGET_MS)}`,
				pass: serverMs <= POSTERS_TARGET_MS
			},
			{
				measure: `${POSTERS} in Chromium to the load event (median of 3)`,
				figure: ms(browserMs),
				target: `≤ ${ms(POSTERS_TARGET_MS)}`,
				pass: browserMs <= POSTERS_TARGET_MS
			}
		],
		notes: [
			`${warm.qrCodes} QR codes on the page (${expected} posted procedures expected)${warm.qrCodes === expected ? '' : ': MISMATCH'}.`
		]
	};
}
