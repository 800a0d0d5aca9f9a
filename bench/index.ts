// `npm run bench [-- --verbose] [-- --no-build] [-- --only GROUP,...]`: the figures of issues 2 and 3 against their
// targets. A missed target is reported, never an exit status; only a crash exits non-zero. Every server and browser
// started is stopped.
import { chromium, type Browser } from '@playwright/test';
import { AppServer } from '../harness/app-server';
import { launchOptions } from '../harness/browser';
import { benchDeviceBundles, ensureBuild } from './bundle';
import { lighthouseBench } from './lighthouse';
import { printSection, s, table, type Section } from './report';
import { benchChromium, benchNode, loadCatalogue } from './search';
import { tapBench } from './rating';
import { postersRows, restarts, startRows } from './server';
import { BenchServer, engineName, loadBench, memoryBench, memoryOf } from './server-load';
import { ingestion, manyDevices, postgresUrl } from './sync';
import { dossierImport } from './dossiers';
import { dashboardBench } from './dashboard';
import { reportBench } from './reports';
import { backupBench } from './backups';
import { cityBench } from './city';
import { citySyncBench } from './city-sync';
import type { Engine } from '$lib/server/testing';

/** Warm starts timed per engine: their median is the figure. */
const RESTARTS = 5;
const engines = (): Engine[] => (postgresUrl() ? ['pglite', 'postgres'] : ['pglite']);

const GROUPS = [
	'search',
	'kiosk',
	'server',
	'rating',
	'sync',
	'dashboard',
	'reports',
	'dossiers',
	'backups',
	'city',
	'city-sync'
] as const;
type Group = (typeof GROUPS)[number];

const USAGE = `usage: npm run bench [-- --verbose] [-- --no-build] [-- --only GROUP,...]
  --verbose   list the files counted in the device pages' JavaScript
  --no-build  measure build/ as it is, even if older than the sources
  --only      run only these groups: ${GROUPS.join(', ')}
PostgreSQL figures need BENCH_DATABASE_URL or TEST_DATABASE_URL (a role that may create schemas).`;

/** The groups --only names; all of them without it; undefined when the argument is wrong. */
function parseArgs(
	args: string[]
): { groups: Set<Group>; verbose: boolean; noBuild: boolean } | undefined {
	const groups = new Set<Group>(GROUPS);
	let verbose = false;
	let noBuild = false;
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--verbose') verbose = true;
		else if (a === '--no-build') noBuild = true;
		else if (a === '--only' || a.startsWith('--only=')) {
			const value = a === '--only' ? args[++i] : a.slice('--only='.length);
			const names = (value ?? '').split(',').filter(Boolean);
			if (names.length === 0 || names.some((n) => !GROUPS.includes(n as Group))) return undefined;
			groups.clear();
			for (const n of names) groups.add(n as Group);
		} else return undefined;
	}
	return { groups, verbose, noBuild };
}

export async function main(args: string[]): Promise<number> {
	const parsed = parseArgs(args);
	if (!parsed || args.includes('--help')) {
		console.error(USAGE);
		return parsed ? 0 : 2;
	}
	const { groups, noBuild } = parsed;
	const run = (g: Group) => groups.has(g);
	const verbose = parsed.verbose;
	// Ctrl-C still ends in process.exit, which kills any server still running (harness/app-server.ts).
	process.once('SIGINT', () => process.exit(130));

	const started = performance.now();
	const sections: Section[] = [];
	/** The short name each section has in the summary. */
	const labels = new Map<Section, string>();
	let browser: Browser | undefined;
	let server: AppServer | undefined;
	/** The servers of the memory and load measures, one per engine. */
	const benches = new Map<Engine, BenchServer>();

	/** Runs one measure; a crash becomes that measure's error, and the others still run. */
	async function measure(
		label: string,
		fn: () => Promise<Section | Omit<Section, 'title'>>
	): Promise<void> {
		let section: Section;
		try {
			section = { title: label, ...(await fn()) };
		} catch (e) {
			section = {
				title: label,
				rows: [],
				notes: [],
				error: e instanceof Error ? e.message : String(e)
			};
		}
		sections.push(section);
		labels.set(section, label);
		printSection(section);
	}
	const needBrowser = async (): Promise<Browser> =>
		(browser ??= await chromium.launch(launchOptions));
	const needServer = (): AppServer => {
		if (!server?.running) throw new Error('the built server did not start (see "Server start")');
		return server;
	};

	try {
		if (run('search')) {
			const procedures = await loadCatalogue();
			await measure('Search, Node', async () => benchNode(procedures));
			await measure('Search, Chromium', async () => benchChromium(await needBrowser(), procedures));
		}

		if (run('kiosk') || run('server') || run('rating')) {
			await measure('Build', async () => {
				const buildNotes = ensureBuild({ rebuildStale: !noBuild });
				return {
					rows: [],
					notes: buildNotes.length > 0 ? buildNotes : ['build/ is up to date with the sources.']
				};
			});
			let emptyStart = NaN;
			await measure('Server start, empty DATA_DIR', async () => {
				server = await AppServer.create({ label: 'bench' });
				emptyStart = await server.start();
				return {
					title: 'Server start on an empty DATA_DIR',
					rows: [],
					notes: [`Started on ${server.url}, data in ${server.dataDir}.`]
				};
			});
			if (run('kiosk')) {
				await measure('Device pages JS', async () =>
					benchDeviceBundles(await needBrowser(), needServer().url, verbose)
				);
				await measure('Lighthouse', async () => lighthouseBench(needServer().url));
			}
			if (run('server')) {
				await measure('Posters', async () => ({
					title: '/posters: the posted list, each procedure with its QR code',
					...(await postersRows(needServer(), await needBrowser()))
				}));
				await measure('Server start', async () => {
					const existing = await restarts(needServer(), RESTARTS);
					const rows = startRows(emptyStart, existing);
					rows.push({
						measure: 'PGlite: RSS after a warm start with the demo catalogue',
						figure: `${(memoryOf(needServer().pid).rss / 2 ** 20).toFixed(0)} MB`,
						target: ''
					});
					if (postgresUrl()) {
						const onPostgres = await BenchServer.create('postgres');
						benches.set('postgres', onPostgres);
						const empty = await onPostgres.start();
						rows.push(
							...startRows(empty, await restarts(onPostgres.server, RESTARTS), 'PostgreSQL')
						);
					}
					return {
						title: 'Server start (spawn to ready)',
						rows,
						notes: [
							'From spawning `node scripts/server.js` to the first 200 of GET /api/v1/catalogue; restarts stop the server with SIGTERM.'
						]
					};
				});
				for (const engine of engines()) {
					const name = engineName(engine);
					await measure(`Memory, ${name}`, async () => {
						let bench = benches.get(engine);
						const notes: string[] = [];
						if (!bench) {
							bench = await BenchServer.create(engine);
							benches.set(engine, bench);
							notes.push(
								`This server's own cold start (a second sample): ${s(await bench.start())}.`
							);
						}
						const measured = await memoryBench(bench).catch((e) => {
							bench.server.keepLogs = true; // its log is named on stderr when it is disposed
							throw e;
						});
						return {
							title: `Server memory with a year of a large ward, ${name}`,
							rows: measured.rows,
							notes: [...notes, ...measured.notes]
						};
					});
					await measure(`Under load, ${name}`, async () => {
						const bench = benches.get(engine);
						if (!bench?.server.running)
							throw new Error(`the ${name} server did not start (see "Memory, ${name}")`);
						const measured = await loadBench(bench).catch((e) => {
							bench.server.keepLogs = true;
							throw e;
						});
						return {
							title: `20 tablets syncing while 5 managers read the year's report, ${name}`,
							...measured
						};
					});
				}
			}
			if (run('rating')) {
				await measure('Rating tap', async () => ({
					title: 'Rating screen in Chromium: one tap on /rate',
					...(await tapBench(needServer()))
				}));
			}
		}

		if (run('sync')) {
			const engines: Engine[] = postgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
			for (const engine of engines) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`Sync ingestion, ${name}`, async () => ({
					title: `POST /api/v1/sync in batches of 500, ${name}`,
					...(await ingestion(engine))
				}));
				await measure(`100 devices, ${name}`, async () => ({
					title: `100 devices syncing at once, ${name}`,
					...(await manyDevices(engine))
				}));
			}
			if (!postgresUrl()) {
				const skipped: Section = {
					title: 'Sync on PostgreSQL',
					rows: [],
					notes: ['Not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL.']
				};
				sections.push(skipped);
				printSection(skipped);
			}
		}

		if (run('reports')) {
			for (const engine of postgresUrl()
				? (['pglite', 'postgres'] as const)
				: (['pglite'] as const)) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`Report, ${name}`, async () => ({
					title: `Report for a year of a large ward, ${name}`,
					...(await reportBench(engine))
				}));
			}
		}

		if (run('dashboard')) {
			for (const engine of postgresUrl()
				? (['pglite', 'postgres'] as const)
				: (['pglite'] as const)) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`Dashboard, ${name}`, async () => ({
					title: `Dashboard for a year of a large ward, ${name}`,
					...(await dashboardBench(engine))
				}));
			}
		}

		if (run('dossiers')) {
			for (const engine of (postgresUrl() ? ['pglite', 'postgres'] : ['pglite']) as Engine[]) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`Dossier import, ${name}`, async () => ({
					title: `Dossier import: 60,000 rows of CSV, ${name}`,
					...(await dossierImport(engine))
				}));
			}
		}

		if (run('backups')) {
			for (const engine of (postgresUrl() ? ['pglite', 'postgres'] : ['pglite']) as Engine[]) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`Backup, ${name}`, async () => ({
					title: `Backup and restore of a year of a large ward, ${name}`,
					...(await backupBench(engine))
				}));
			}
		}
		if (run('city')) {
			// A city runs on PostgreSQL; PGlite only when asked (SANHSO_BENCH_CITY_PGLITE=1): seeding takes minutes.
			const cityEngines: Engine[] = [
				...(process.env.SANHSO_BENCH_CITY_PGLITE === '1' ? (['pglite'] as const) : []),
				...(postgresUrl() ? (['postgres'] as const) : [])
			];
			for (const engine of cityEngines) {
				const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
				await measure(`City, ${name}`, async () => ({
					title: `A city of 114 centers, a year each, ${name}`,
					...(await cityBench(engine))
				}));
			}
			if (cityEngines.length === 0) {
				const skipped: Section = {
					title: 'City',
					rows: [],
					notes: [
						'Not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL (or SANHSO_BENCH_CITY_PGLITE=1).'
					]
				};
				sections.push(skipped);
				printSection(skipped);
			}
		}
		if (run('city-sync')) {
			if (postgresUrl())
				await measure('City sync, PostgreSQL', async () => {
					// Built servers: build/ first, as for the server group.
					const built = ensureBuild({ rebuildStale: !noBuild });
					const measured = await citySyncBench();
					return {
						title: `1,140 tablets of a city syncing at once through two instances, PostgreSQL`,
						rows: measured.rows,
						notes: [...built, ...measured.notes]
					};
				});
			else {
				const skipped: Section = {
					title: 'City sync',
					rows: [],
					notes: [
						'Not measured: a city runs on PostgreSQL; set BENCH_DATABASE_URL or TEST_DATABASE_URL.'
					]
				};
				sections.push(skipped);
				printSection(skipped);
			}
		}
	} catch (e) {
		sections.push({
			title: 'bench',
			rows: [],
			notes: [],
			error: e instanceof Error ? (e.stack ?? e.message) : String(e)
		});
	} finally {
		await Promise.allSettled([
			browser?.close(),
			server?.dispose(),
			...[...benches.values()].map((b) => b.dispose())
		]);
	}

	const all = sections.flatMap((x) =>
		x.rows
			.filter((r) => r.pass !== undefined)
			.map((r) => ({ ...r, measure: `${labels.get(x) ?? x.title}: ${r.measure}` }))
	);
	console.log(`\n## Summary (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
	console.log(table(all));
	const crashed = sections.filter((x) => x.error);
	for (const x of crashed) console.log(`ERROR in ${x.title}: ${x.error}`);
	return crashed.length > 0 ? 1 : 0;
}
