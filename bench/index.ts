// `npm run bench [-- --verbose] [-- --no-build]`: the figures of issue 2 against their targets. A missed target
// is reported, never an exit status; only a crash exits non-zero. Every server and browser started is stopped.
import { chromium, type Browser } from '@playwright/test';
import { AppServer } from '../tests/support/app-server';
import { launchOptions } from '../tests/support/browser';
import { benchKioskBundle, ensureBuild, KIOSK_TARGET_BYTES, measureKioskInChromium } from './bundle';
import { kB, printSection, table, type Row, type Section } from './report';
import { benchChromium, benchNode, loadCatalogue } from './search';
import { postersRows, restarts, startRows } from './server';

const USAGE = 'usage: npm run bench [-- --verbose] [-- --no-build]\n  --verbose   list the files counted in the kiosk JavaScript\n  --no-build  measure build/ as it is, even if older than the sources';

export async function main(args: string[]): Promise<number> {
	const unknown = args.filter((a) => !['--verbose', '--no-build'].includes(a));
	if (unknown.length > 0 || args.includes('--help')) {
		console.error(USAGE);
		return unknown.length > 0 ? 2 : 0;
	}
	const verbose = args.includes('--verbose');
	// Ctrl-C still ends in process.exit, which kills any server still running (tests/support/app-server.ts).
	process.once('SIGINT', () => process.exit(130));

	const started = performance.now();
	const sections: Section[] = [];
	/** The short name each section has in the summary. */
	const labels = new Map<Section, string>();
	let browser: Browser | undefined;
	let server: AppServer | undefined;

	/** Runs one measure; a crash becomes that measure's error, and the others still run. */
	async function measure(label: string, fn: () => Promise<Section | Omit<Section, 'title'>>): Promise<void> {
		let section: Section;
		try {
			section = { title: label, ...(await fn()) };
		} catch (e) {
			section = { title: label, rows: [], notes: [], error: e instanceof Error ? e.message : String(e) };
		}
		sections.push(section);
		labels.set(section, label);
		printSection(section);
	}
	const needBrowser = async (): Promise<Browser> => (browser ??= await chromium.launch(launchOptions));
	const needServer = (): AppServer => {
		if (!server?.running) throw new Error('the built server did not start (see "Server start")');
		return server;
	};

	try {
		const procedures = await loadCatalogue();
		await measure('Search, Node', async () => benchNode(procedures));
		await measure('Search, Chromium', async () => benchChromium(await needBrowser(), procedures));

		let buildNotes: string[] = [];
		await measure('Build', async () => {
			buildNotes = ensureBuild({ rebuildStale: !args.includes('--no-build') });
			return { rows: [], notes: buildNotes.length > 0 ? buildNotes : ['build/ is up to date with the sources.'] };
		});
		await measure('Kiosk JS (manifest)', async () => benchKioskBundle(verbose, []));

		let emptyStart = NaN;
		await measure('Server start, empty DATA_DIR', async () => {
			server = await AppServer.create({ label: 'bench' });
			emptyStart = await server.start();
			return { title: 'Server start on an empty DATA_DIR', rows: [], notes: [`Started on ${server.url}, data in ${server.dataDir}.`] };
		});
		await measure('Posters', async () => ({
			title: '/posters?level=xa: 589 commune-level procedures with their QR codes',
			...(await postersRows(needServer(), await needBrowser()))
		}));
		await measure('Kiosk JS (Chromium)', async () => {
			const fetched = await measureKioskInChromium(await needBrowser(), needServer().url, verbose);
			const rows: Row[] = [
				{ measure: '/kiosk scripts fetched on a first visit', figure: kB(fetched.bytes), target: `≤ ${kB(KIOSK_TARGET_BYTES)}`, pass: fetched.bytes <= KIOSK_TARGET_BYTES }
			];
			return { title: 'Kiosk JavaScript, gzip, as Chromium fetches it on a first visit to /kiosk', rows, notes: fetched.notes };
		});
		await measure('Server start', async () => {
			const existing = await restarts(needServer(), 3);
			return { title: 'Server start (spawn to ready)', rows: startRows(emptyStart, existing), notes: ['From spawning `node build/index.js` to the first 200 of GET /api/v1/catalogue.'] };
		});
	} catch (e) {
		sections.push({ title: 'bench', rows: [], notes: [], error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	} finally {
		await Promise.allSettled([browser?.close(), server?.dispose()]);
	}

	const all = sections.flatMap((x) =>
		x.rows.filter((r) => r.pass !== undefined).map((r) => ({ ...r, measure: `${labels.get(x) ?? x.title}: ${r.measure}` }))
	);
	console.log(`\n## Summary (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
	console.log(table(all));
	const crashed = sections.filter((x) => x.error);
	for (const x of crashed) console.log(`ERROR in ${x.title}: ${x.error}`);
	return crashed.length > 0 ? 1 : 0;
}
