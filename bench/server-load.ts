// The built server as a center's box runs it (issue 9), on PGlite and on PostgreSQL, with a year of a large ward
// (bench/ward.ts) loaded through the running server as a CLI command would: its memory over 500 report and
// dashboard requests, and 20 tablets syncing while 5 managers read the report and the dashboard.
import { readFileSync } from 'node:fs';
import { AppServer } from '../harness/app-server';
import { createSchema, type Schema } from '../harness/postgres';
import { seededRandom } from '$lib/domain/random';
import type { RatingInput } from '$lib/schemas/sync';
import * as users from '$lib/server/auth/users';
import { useDatabase } from '$lib/server/db';
import { setLogLevel } from '$lib/server/log';
import { openPostgres, type Db } from '$lib/server/db/client';
import { connectAdmin } from '$lib/server/db/remote';
import * as devices from '$lib/server/devices';
import type { Engine } from '$lib/server/testing';
import { ConnectionError, KeepAliveClient } from './keepalive';
import { median, ms, percentile, s, type Row } from './report';
import { postgresUrl, tabletRating } from './sync';
import { DOSSIERS, RATINGS, seedLargeWard, YEAR } from './ward';

const MB = 1024 * 1024;
const START_RSS_TARGET = 250 * MB;
const REQUESTS_RSS_TARGET = 300 * MB;
/** "No growth" between the 100th and the 500th request, allowing for the garbage collector's timing. */
const GROWTH_TOLERANCE = 10 * MB;
const REQUESTS = 500;
const EARLY = 100;
const SYNC_P95_TARGET_MS = 1_000;

const LOAD_MS = 30_000;
const TABLETS = 20;
const MANAGERS = 5;
/** A tablet posts after each citizen; here every 0.5-2 s, far busier than a real counter, to load the server. */
const TABLET_PAUSE_MS = [500, 2_000] as const;
/** Tablets that come back from an outage during the run, each with a full batch (the device's MAX_BATCH) kept. */
const CATCH_UPS = 4;
const CATCH_UP_BATCH = 500;
/** A manager clicking between the report and the dashboard. */
const MANAGER_PAUSE_MS = 1_000;

/** The server's default CENTER_ID: the center a fresh box serves. */
const CENTER = 'demo';
const MANAGER = 'bench-manager';
const PASSWORD = 'mat-khau-dai-du-8';
const REPORT = `/api/v1/reports?from=${YEAR.from}&to=${YEAR.to}`;
const DASHBOARD = `/admin/dashboard.json?from=${YEAR.from}&to=${YEAR.to}`;

export const engineName = (engine: Engine): string =>
	engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
const signedMb = (bytes: number): string =>
	`${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / MB).toFixed(1)} MB`;
const sleep = (msec: number) => new Promise<void>((resolve) => setTimeout(resolve, msec));

/** Resident memory of a process now (VmRSS) and at its peak so far (VmHWM), in bytes, from /proc. */
export function memoryOf(pid: number | undefined): { rss: number; peak: number } {
	if (pid === undefined) throw new Error('the server is not running');
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kB = (field: string) =>
		Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
	return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/** p50 / p95 / max of some latencies. */
export function spread(times: number[]): string {
	if (times.length === 0) return 'none';
	const sorted = [...times].sort((a, b) => a - b);
	return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(sorted[sorted.length - 1])}`;
}

/** A built server on its own database: a fresh DATA_DIR, or a fresh schema of the PostgreSQL server. */
export class BenchServer {
	private db: Db | undefined;
	private constructor(
		readonly engine: Engine,
		readonly server: AppServer,
		private readonly schema?: Schema
	) {}

	/** Created, not started: the first start is the cold one. */
	static async create(engine: Engine): Promise<BenchServer> {
		if (engine === 'pglite')
			return new BenchServer(engine, await AppServer.create({ label: 'bench-load' }));
		const url = postgresUrl();
		if (!url) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL');
		const schema = await createSchema(url, 'bench');
		const server = await AppServer.create({
			label: 'bench-load-pg',
			env: { DATABASE_URL: schema.url }
		});
		return new BenchServer(engine, server, schema);
	}

	/** Another app instance on this server's PostgreSQL schema, created, not started: a city's second instance. Its
	 * caller disposes of it (before this server, whose dispose drops the schema). */
	async sibling(label: string): Promise<AppServer> {
		if (!this.schema) throw new Error('only instances on PostgreSQL share a database');
		return AppServer.create({ label, env: { DATABASE_URL: this.schema.url } });
	}

	get name(): string {
		return engineName(this.engine);
	}

	/** The server's database as a CLI command reaches it: PGlite through the running server, PostgreSQL directly.
	 * Also made the process's database, for the $lib/server functions the CLI calls. */
	async database(): Promise<Db> {
		if (this.db) return this.db;
		const db = this.schema
			? await openPostgres(this.schema.url)
			: await connectAdmin(this.server.dataDir);
		if (!db) throw new Error(`the server lends no database (${this.server.dataDir}/admin.json)`);
		setLogLevel('warn'); // as the CLI does: the bench's standard output is its tables
		useDatabase(db);
		this.db = db;
		return db;
	}

	async start(): Promise<number> {
		return this.server.start();
	}

	/** Stops the server with SIGTERM and starts it again; the milliseconds from spawn to ready. */
	async restart(): Promise<number> {
		await this.closeDatabase();
		return this.server.restart();
	}

	private async closeDatabase(): Promise<void> {
		const db = this.db;
		this.db = undefined;
		// A lent connection to a server that died never reports its close: do not wait for it.
		await Promise.race([db?.close().catch(() => undefined), sleep(2_000)]);
	}

	async dispose(): Promise<void> {
		await this.closeDatabase();
		await this.server.dispose();
		await this.schema?.drop();
	}
}

/** Signs the bench's manager in through the login form, as a browser posts it; the session cookie. */
async function signIn(client: KeepAliveClient, origin: string): Promise<string> {
	const form = new URLSearchParams({ username: MANAGER, password: PASSWORD }).toString();
	// text/html: a plain form post, answered with a redirect (SvelteKit answers JSON to anything else).
	const res = await client.request(
		'POST',
		'/admin/login',
		{ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		form
	);
	const cookie = [res.headers['set-cookie'] ?? []]
		.flat()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('sanhso_session='));
	if (res.status !== 303 || !cookie)
		throw new Error(`sign-in answered ${res.status}: ${res.body.slice(0, 200)}`);
	return cookie;
}

async function get(client: KeepAliveClient, path: string, cookie: string): Promise<number> {
	const t0 = performance.now();
	const res = await client.request('GET', path, { cookie, accept: 'application/json' });
	const elapsed = performance.now() - t0;
	if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body.slice(0, 200)}`);
	return elapsed;
}

/**
 * Loads a year of a large ward into the running server, creates the manager, and restarts the server on that data:
 * the state of a center's box after a year. Rows for the warm start on it and the seeding.
 */
export async function loadWard(bench: BenchServer): Promise<Row[]> {
	const t0 = performance.now();
	const counters = await seedLargeWard(await bench.database(), CENTER);
	const seeded = performance.now() - t0;
	await users.create(CENTER, { username: MANAGER, password: PASSWORD, role: 'manager' });
	const warm: number[] = [];
	for (let i = 0; i < 3; i++) warm.push(await bench.restart());
	return [
		{
			measure: `${bench.name}: ward loaded ${bench.engine === 'pglite' ? 'through the running server' : 'into its schema'} (${RATINGS.toLocaleString('en')} ratings, ${DOSSIERS.toLocaleString('en')} dossiers, ${counters.toLocaleString('en')} counter rows)`,
			figure: s(seeded),
			target: ''
		},
		{
			measure: `${bench.name}: warm start with that year (median of ${warm.length}; max ${s(Math.max(...warm))})`,
			figure: s(median(warm)),
			target: ''
		}
	];
}

/** Resident memory after start, and over 500 report and dashboard requests of one signed-in manager. */
export async function memoryBench(bench: BenchServer): Promise<{ rows: Row[]; notes: string[] }> {
	const { server } = bench;
	const rows = await loadWard(bench);
	const afterStart = memoryOf(server.pid);
	const client = new KeepAliveClient(server.url);
	const times = { report: [] as number[], dashboard: [] as number[] };
	let early = afterStart;
	try {
		const cookie = await signIn(client, server.url);
		for (let i = 0; i < REQUESTS; i++) {
			if (i % 2 === 0) times.report.push(await get(client, REPORT, cookie));
			else times.dashboard.push(await get(client, DASHBOARD, cookie));
			if (i + 1 === EARLY) early = memoryOf(server.pid);
		}
	} finally {
		client.close();
	}
	const late = memoryOf(server.pid);
	const growth = late.rss - early.rss;
	const what =
		bench.engine === 'pglite'
			? 'the server process, PGlite worker included'
			: 'the Node process only';
	rows.push(
		{
			measure: `${bench.name}: RSS after start on that year (${what})`,
			figure: mb(afterStart.rss),
			target: `≤ ${mb(START_RSS_TARGET)}`,
			pass: afterStart.rss <= START_RSS_TARGET
		},
		{
			measure: `${bench.name}: RSS after ${EARLY} report and dashboard requests`,
			figure: mb(early.rss),
			target: ''
		},
		{
			measure: `${bench.name}: RSS after ${REQUESTS} requests`,
			figure: mb(late.rss),
			target: `≤ ${mb(REQUESTS_RSS_TARGET)}`,
			pass: late.rss <= REQUESTS_RSS_TARGET
		},
		{
			measure: `${bench.name}: RSS growth from request ${EARLY} to ${REQUESTS}`,
			figure: signedMb(growth),
			target: `≤ ${mb(GROWTH_TOLERANCE)} (none)`,
			pass: growth <= GROWTH_TOLERANCE
		},
		{ measure: `${bench.name}: peak RSS so far (VmHWM)`, figure: mb(late.peak), target: '' },
		{
			measure: `${bench.name}: report for the year, p50 / p95 / max`,
			figure: spread(times.report),
			target: ''
		},
		{
			measure: `${bench.name}: dashboard for the year, p50 / p95 / max`,
			figure: spread(times.dashboard),
			target: ''
		}
	);
	return {
		rows,
		notes: [
			`One manager, signed in through /admin/login, alternately GETs ${REPORT} and ${DASHBOARD} on one keep-alive connection.`
		]
	};
}

export interface Tablet {
	id: string;
	token: string;
	client: KeepAliveClient;
	clock: number;
	/** Made, not yet acknowledged: sent again until the server has them, as the device's outbox does. */
	outbox: RatingInput[];
}

export class LoadStats {
	small: number[] = [];
	catchUp: number[] = [];
	report: number[] = [];
	dashboard: number[] = [];
	/** Requests that got no answer, by error code (ECONNRESET, ETIMEDOUT…). */
	connectionErrors = new Map<string, number>();
	/** Answers other than 200, by status. */
	badAnswers = new Map<number, number>();
	acked = new Set<string>();
	refused = 0;
	made = 0;

	failed(e: unknown): void {
		if (!(e instanceof ConnectionError)) throw e;
		this.connectionErrors.set(e.code, (this.connectionErrors.get(e.code) ?? 0) + 1);
	}

	answered(status: number): boolean {
		if (status !== 200) this.badAnswers.set(status, (this.badAnswers.get(status) ?? 0) + 1);
		return status === 200;
	}
}

/**
 * Pairs `count` counter tablets of `center` through the pairing API, one after another as an admin would, each with
 * its own keep-alive connection. With several instances (`urls`), tablet i pairs with and syncs to urls[i % n], as a
 * proxy spreads them.
 */
export async function pairTablets(
	bench: BenchServer,
	{
		count = TABLETS,
		center = CENTER,
		urls = [bench.server.url]
	}: { count?: number; center?: string; urls?: string[] } = {}
): Promise<Tablet[]> {
	await bench.database();
	const tablets: Tablet[] = [];
	for (let i = 0; i < count; i++) {
		const device = {
			name: `Quầy ${i + 1}`,
			kind: 'counter' as const,
			counter: String(i + 1),
			field: 'Hộ tịch'
		};
		const { code } = await devices.createPairingCode(center, device, null);
		const client = new KeepAliveClient(urls[i % urls.length]);
		const res = await client.request(
			'POST',
			'/api/v1/devices/pair',
			{ 'content-type': 'application/json' },
			JSON.stringify({ code })
		);
		if (res.status !== 200)
			throw new Error(`pairing answered ${res.status}: ${res.body.slice(0, 200)}`);
		const paired = JSON.parse(res.body) as { token: string; config: { deviceId: string } };
		// This morning, a citizen every 20 s to 2 min.
		tablets.push({
			id: paired.config.deviceId,
			token: paired.token,
			client,
			clock: Date.now() - 3 * 3_600_000,
			outbox: []
		});
	}
	return tablets;
}

/** One POST /api/v1/sync of the tablet's whole outbox; acknowledged ratings leave it. */
export async function sync(tablet: Tablet, stats: LoadStats): Promise<void> {
	const batch = tablet.outbox;
	const body = JSON.stringify({
		sentAt: Date.now(),
		device: { appVersion: 'bench', backlog: batch.length, persistent: true },
		ratings: batch,
		counts: []
	});
	const t0 = performance.now();
	let res;
	try {
		res = await tablet.client.request(
			'POST',
			'/api/v1/sync',
			{ 'content-type': 'application/json', authorization: `Bearer ${tablet.token}` },
			body
		);
	} catch (e) {
		return stats.failed(e);
	}
	const elapsed = performance.now() - t0;
	if (!stats.answered(res.status)) return;
	(batch.length > 10 ? stats.catchUp : stats.small).push(elapsed);
	const reply = JSON.parse(res.body) as { acked: string[]; refused: unknown[] };
	for (const id of reply.acked) stats.acked.add(id);
	stats.refused += reply.refused.length;
	const acked = new Set(reply.acked);
	tablet.outbox = tablet.outbox.filter((r) => !acked.has(r.id));
}

async function tabletLoop(
	tablet: Tablet,
	index: number,
	end: number,
	stats: LoadStats,
	random: () => number
): Promise<void> {
	// Tablets 0..CATCH_UPS-1 come back from an outage at spread-out moments, with yesterday's ratings kept.
	const catchUpAt =
		index < CATCH_UPS ? performance.now() + ((index + 1) * LOAD_MS) / (CATCH_UPS + 1) : Infinity;
	let caughtUp = false;
	while (performance.now() < end) {
		if (!caughtUp && performance.now() >= catchUpAt) {
			caughtUp = true;
			let clock = Date.now() - 30 * 3_600_000;
			for (let i = 0; i < CATCH_UP_BATCH - 1; i++)
				tablet.outbox.push(tabletRating((clock += 20_000 + Math.floor(random() * 60_000)), random));
			stats.made += CATCH_UP_BATCH - 1;
		}
		tablet.clock += 20_000 + Math.floor(random() * 100_000);
		tablet.outbox.push(tabletRating(Math.min(tablet.clock, Date.now()), random));
		stats.made++;
		await sync(tablet, stats);
		await sleep(TABLET_PAUSE_MS[0] + random() * (TABLET_PAUSE_MS[1] - TABLET_PAUSE_MS[0]));
	}
}

async function managerLoop(
	client: KeepAliveClient,
	cookie: string,
	end: number,
	stats: LoadStats
): Promise<void> {
	for (let i = 0; performance.now() < end; i++) {
		const [path, times]: [string, number[]] =
			i % 2 === 0 ? [REPORT, stats.report] : [DASHBOARD, stats.dashboard];
		const t0 = performance.now();
		try {
			const res = await client.request('GET', path, { cookie, accept: 'application/json' });
			if (stats.answered(res.status)) times.push(performance.now() - t0);
		} catch (e) {
			stats.failed(e);
		}
		await sleep(MANAGER_PAUSE_MS);
	}
}

/** 20 tablets syncing while 5 managers read the year's report and dashboard, for 30 s; then every rating is checked. */
export async function loadBench(bench: BenchServer): Promise<{ rows: Row[]; notes: string[] }> {
	const { server } = bench;
	const random = seededRandom(9);
	const tablets = await pairTablets(bench);
	const managers = await Promise.all(
		Array.from({ length: MANAGERS }, async () => {
			const client = new KeepAliveClient(server.url);
			return { client, cookie: await signIn(client, server.url) };
		})
	);
	const stats = new LoadStats();
	const before = memoryOf(server.pid);
	let peakDuring = before.rss;
	const sampler = setInterval(
		() => (peakDuring = Math.max(peakDuring, memoryOf(server.pid).rss)),
		250
	);
	const started = performance.now();
	const end = started + LOAD_MS;
	let flushFailures: number;
	try {
		await Promise.all([
			...tablets.map((t, i) => tabletLoop(t, i, end, stats, random)),
			...managers.map((m) => managerLoop(m.client, m.cookie, end, stats))
		]);
		// What is still in an outbox goes now, as a tablet would on its next try.
		for (const t of tablets)
			for (let tries = 0; t.outbox.length > 0 && tries < 3; tries++) await sync(t, stats);
		flushFailures = tablets.reduce((n, t) => n + t.outbox.length, 0);
	} finally {
		clearInterval(sampler);
		for (const c of [...tablets.map((t) => t.client), ...managers.map((m) => m.client)]) c.close();
	}
	const elapsed = performance.now() - started;
	const after = memoryOf(server.pid);

	const db = await bench.database();
	const ids = [...stats.acked];
	const [{ stored, distinct }] = await db.query<{ stored: number; distinct: number }>(
		'SELECT count(*)::int AS stored, count(DISTINCT id)::int AS "distinct" FROM ratings WHERE device_id = ANY($1::text[])',
		[tablets.map((t) => t.id)]
	);
	const [{ found }] = await db.query<{ found: number }>(
		'SELECT count(*)::int AS found FROM ratings WHERE id = ANY($1::uuid[])',
		[ids]
	);
	const exact =
		stored === ids.length && distinct === ids.length && found === ids.length && flushFailures === 0;

	const syncs = [...stats.small, ...stats.catchUp].sort((a, b) => a - b);
	const p95 = percentile(syncs, 95);
	const errors = [...stats.connectionErrors.values()].reduce((a, b) => a + b, 0);
	const bad = [...stats.badAnswers.values()].reduce((a, b) => a + b, 0);
	const list = (m: Map<string | number, number>) =>
		m.size === 0 ? '' : ` (${[...m].map(([k, n]) => `${k}: ${n}`).join(', ')})`;
	const n = bench.name;
	return {
		rows: [
			{
				measure: `${n}: sync requests (${syncs.length}), p50 / p95 / max`,
				figure: spread(syncs),
				target: `p95 ≤ ${ms(SYNC_P95_TARGET_MS)}`,
				pass: p95 <= SYNC_P95_TARGET_MS
			},
			{
				measure: `${n}: of which small batches (${stats.small.length}), p50 / p95 / max`,
				figure: spread(stats.small),
				target: ''
			},
			{
				measure: `${n}: of which catch-up batches of ${CATCH_UP_BATCH} (${stats.catchUp.length}), p50 / p95 / max`,
				figure: spread(stats.catchUp),
				target: ''
			},
			{
				measure: `${n}: report for the year under load (${stats.report.length}), p50 / p95 / max`,
				figure: spread(stats.report),
				target: ''
			},
			{
				measure: `${n}: dashboard for the year under load (${stats.dashboard.length}), p50 / p95 / max`,
				figure: spread(stats.dashboard),
				target: ''
			},
			{
				measure: `${n}: connection errors (resets, timeouts)${list(stats.connectionErrors)}`,
				figure: String(errors),
				target: '0',
				pass: errors === 0
			},
			{
				measure: `${n}: answers other than 200${list(stats.badAnswers)}`,
				figure: String(bad),
				target: '0',
				pass: bad === 0
			},
			{
				measure: `${n}: ratings acknowledged / stored once (made ${stats.made.toLocaleString('en')}, refused ${stats.refused})`,
				figure: `${ids.length.toLocaleString('en')} / ${found.toLocaleString('en')} (${stored.toLocaleString('en')} rows from these tablets)`,
				target: 'equal',
				pass: exact
			},
			{
				measure: `${n}: RSS before / peak during / after the load`,
				figure: `${mb(before.rss)} / ${mb(peakDuring)} / ${mb(after.rss)}`,
				target: ''
			}
		],
		notes: [
			`${TABLETS} tablets, each on its own keep-alive connection and token, post their outbox every ${TABLET_PAUSE_MS[0] / 1000}-${TABLET_PAUSE_MS[1] / 1000} s ` +
				`(one new rating, or a kept batch of ${CATCH_UP_BATCH} for ${CATCH_UPS} of them); ${MANAGERS} managers alternately load the year's report and dashboard, ` +
				`${MANAGER_PAUSE_MS / 1000} s apart; ${(elapsed / 1000).toFixed(1)} s in all.`
		]
	};
}
