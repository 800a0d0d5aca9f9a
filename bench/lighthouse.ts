// Lighthouse (mobile: its default, simulated slow 4G and a 4× slower CPU) on the device pages a citizen meets first:
// performance score and total blocking time of a first visit (Lighthouse clears the origin's storage before each run,
// so the kiosk downloads, stores and indexes the whole catalogue within the measured window).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../harness/app-server';
import { CHROMIUM, launchOptions } from '../harness/browser';
import { type Row, type Section } from './report';

const execFileAsync = promisify(execFile);

export const LIGHTHOUSE_ROUTES = ['/kiosk', '/kiosk/procedures', '/rate'] as const;
const MIN_SCORE = 0.9;
const MAX_TBT_MS = 300;
const CHROME_PATH = process.env.CHROME_PATH ?? CHROMIUM;
// The flags the tests launch Chromium with, headless the new way as Lighthouse wants it.
const CHROME_FLAGS = ['--headless=new', ...(launchOptions.args ?? [])];

/** The little of Lighthouse's JSON report read here. */
interface Report {
	categories: { performance?: { score: number | null } };
	audits: Record<string, { numericValue?: number } | undefined>;
	runtimeError?: { message: string };
}

/** Lighthouse's CLI (a dev dependency), run as its own process: it launches its own Chromium. */
function lighthouseCli(): string {
	const cli = path.join(ROOT, 'node_modules/lighthouse/cli/index.js');
	if (!existsSync(cli)) throw new Error(`Lighthouse is not installed (npm ci); looked for ${cli}`);
	return cli;
}

async function run(cli: string, url: string): Promise<Report> {
	const { stdout } = await execFileAsync(
		process.execPath,
		[
			cli,
			url,
			'--output=json',
			'--output-path=stdout',
			'--only-categories=performance',
			'--quiet',
			`--chrome-flags=${CHROME_FLAGS.join(' ')}`
		],
		{ env: { ...process.env, CHROME_PATH }, maxBuffer: 256 * 2 ** 20, timeout: 180_000 }
	);
	return JSON.parse(stdout) as Report;
}

export async function lighthouseBench(baseUrl: string): Promise<Omit<Section, 'title'>> {
	const cli = lighthouseCli();
	const rows: Row[] = [];
	const notes: string[] = [
		`Lighthouse mobile defaults; ${CHROME_PATH} ${CHROME_FLAGS.join(' ')}; a new Chromium per page.`
	];
	for (const route of LIGHTHOUSE_ROUTES) {
		// A new Chromium per page (Lighthouse's own): nothing cached, no service worker, no IndexedDB left over.
		const lhr = await run(cli, `${baseUrl}${route}`);
		if (lhr.runtimeError) notes.push(`${route}: ${lhr.runtimeError.message}`);
		const score = lhr.categories.performance?.score ?? null;
		const tbt = lhr.audits['total-blocking-time']?.numericValue;
		rows.push({
			measure: `${route}: performance score`,
			figure: score === null ? 'none' : score.toFixed(2),
			target: `≥ ${MIN_SCORE}`,
			pass: score !== null && score >= MIN_SCORE
		});
		rows.push({
			measure: `${route}: total blocking time`,
			figure: tbt === undefined ? 'none' : `${Math.round(tbt)} ms`,
			target: `≤ ${MAX_TBT_MS} ms`,
			pass: tbt !== undefined && tbt <= MAX_TBT_MS
		});
	}
	return { rows, notes };
}
