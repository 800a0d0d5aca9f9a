// A city's busiest moment for sync (issue 13): every tablet of 114 centers (10 each, 1,140 in all) sends a batch of
// 20 ratings at the same moment, through two app instances on one PostgreSQL database (half the tablets on each, as
// a proxy spreads them). The latency of each batch, and every rating stored once under its center.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { AppServer } from '../harness/app-server';
import { seededRandom } from '$lib/domain/random';
import { rollupSums } from '$lib/server/reports/rollups-testing';
import { addCenters, CENTERS, ids } from './city';
import { ms, percentile, s, type Row } from './report';
import { BenchServer, LoadStats, pairTablets, spread, sync, type Tablet } from './server-load';
import { tabletRating } from './sync';

const TABLETS_PER_CENTER = 10;
const RATINGS = 20;
/** The issue names no target for this; the load bench's sync p95 (bench/server-load.ts) is the one used. */
const P95_TARGET_MS = 1_000;
/** A tablet's ratings 1-2 minutes apart, more than a center's minimum interval: none is flagged. */
const GAP_MS = [60_000, 120_000] as const;
/** What a tablet that got no answer does: try again, this many times. */
const RETRIES = 3;
/** Tablets that send an empty batch before the peak, so the instances' sync code is compiled (not measured). */
const WARM_UP = 20;
/** Linux's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
const TICKS = 100;

/** CPU seconds a process has used (user + system), or the whole machine's busy seconds without a pid, from /proc. */
function cpuSeconds(pid?: number): number {
	if (pid === undefined) {
		const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
			.split('\n')[0]
			.trim()
			.split(/\s+/)
			.map(Number);
		return (user + nice + system + irq + softirq) / TICKS;
	}
	// After the command's closing parenthesis: state is field 3, utime and stime fields 14 and 15.
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU seconds of this machine's PostgreSQL processes (the server and its backends), where this user may read them. */
function postgresSeconds(): number {
	let total = 0;
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)))
		try {
			if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
				total += cpuSeconds(Number(pid));
		} catch {
			// gone meanwhile
		}
	return total;
}

/** The tablets in the order their batches leave: all centers mixed, as a city's tablets happen to send. */
function shuffled<T>(items: T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

export async function citySyncBench(): Promise<{ rows: Row[]; notes: string[] }> {
	const bench = await BenchServer.create('postgres');
	let two: AppServer | undefined;
	try {
		two = await bench.sibling('bench-city-two');
		const second = two;
		// Together, as a city's instances may start (migrations take an advisory lock).
		await Promise.all([bench.start(), second.start()]);
		const db = await bench.database();
		await addCenters(db);
		const t0 = performance.now();
		const tablets: (Tablet & { center: string })[] = [];
		for (const center of ids)
			for (const t of await pairTablets(bench, {
				count: TABLETS_PER_CENTER,
				center,
				urls: [bench.server.url, second.url]
			}))
				tablets.push({ ...t, center });
		const paired = performance.now() - t0;

		const random = seededRandom(13);
		let clock = Date.now() - 3 * 3_600_000;
		/** Every tablet makes its next RATINGS ratings, at the same moments. */
		const rateAll = () => {
			for (let i = 0; i < RATINGS; i++) {
				clock += GAP_MS[0] + Math.floor(random() * (GAP_MS[1] - GAP_MS[0]));
				for (const t of tablets) t.outbox.push(tabletRating(clock, random));
			}
		};
		const warmStats = new LoadStats();
		await Promise.all(tablets.slice(-WARM_UP).map((t) => sync({ ...t, outbox: [] }, warmStats)));

		const pids = [bench.server.pid, second.pid];
		/** Every tablet sends its batch at once, in this order; what got no answer is sent again, as a tablet would. */
		const peak = async (order: Tablet[]) => {
			rateAll();
			const stats = new LoadStats();
			const instancesBefore = pids.map(cpuSeconds);
			const clientBefore = process.cpuUsage();
			const machineBefore = cpuSeconds();
			const postgresBefore = postgresSeconds();
			const t0 = performance.now();
			await Promise.all(order.map((t) => sync(t, stats)));
			const wall = performance.now() - t0;
			const [one, two] = pids.map((pid, i) => cpuSeconds(pid) - instancesBefore[i]);
			const client = process.cpuUsage(clientBefore);
			const cpu = {
				one,
				two,
				client: (client.user + client.system) / 1e6,
				postgres: postgresSeconds() - postgresBefore,
				machine: cpuSeconds() - machineBefore
			};
			const times = [...stats.small, ...stats.catchUp].sort((a, b) => a - b);
			const unanswered = tablets.filter((t) => t.outbox.length > 0).length;
			for (let i = 0; i < RETRIES; i++)
				await Promise.all(tablets.filter((t) => t.outbox.length > 0).map((t) => sync(t, stats)));
			return { stats, wall, cpu, times, unanswered };
		};
		// The tablets of all centers mixed, as a city's happen to send; then each center's ten together, as after
		// that center's network came back.
		const mixed = await peak(shuffled(tablets, random));
		const byCenter = await peak(tablets);
		for (const t of tablets) t.client.close();
		const rounds = [mixed, byCenter];
		const made = 2 * tablets.length * RATINGS;
		const acked = new Set(rounds.flatMap((r) => [...r.stats.acked]));
		const left = tablets.reduce((n, t) => n + t.outbox.length, 0);

		const [{ stored, distinct, misplaced }] = await db.query<{
			stored: number;
			distinct: number;
			misplaced: number;
		}>(
			`SELECT count(*)::int AS stored, count(DISTINCT r.id)::int AS "distinct",
				(count(*) FILTER (WHERE r.center_id <> d.center_id))::int AS misplaced
			 FROM ratings r JOIN devices d ON d.id = r.device_id`
		);
		const perCenter = await db.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM ratings GROUP BY center_id'
		);
		const evenly =
			perCenter.length === CENTERS &&
			perCenter.every((c) => c.n === 2 * TABLETS_PER_CENTER * RATINGS);
		const sums = await rollupSums(db);
		const sumsEqual = JSON.stringify(sums.kept) === JSON.stringify(sums.computed);
		const once =
			acked.size === made &&
			stored === made &&
			distinct === made &&
			misplaced === 0 &&
			evenly &&
			left === 0;

		const p95 = percentile(mixed.times, 95);
		const sum = (m: Map<string | number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
		const merged = <K>(maps: Map<K, number>[]) => {
			const out = new Map<K, number>();
			for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
			return out;
		};
		const connectionErrors = merged(rounds.map((r) => r.stats.connectionErrors));
		const badAnswers = merged(rounds.map((r) => r.stats.badAnswers));
		const list = (m: Map<string | number, number>) =>
			m.size === 0 ? '' : ` (${[...m].map(([k, v]) => `${k}: ${v}`).join(', ')})`;
		const n = tablets.length.toLocaleString('en');
		const perRound = (label: string, r: (typeof rounds)[number]): Row[] => [
			{
				measure: `${label}: all ${n} answered (ratings stored per second)`,
				figure: `${s(r.wall)} (${Math.round((tablets.length * RATINGS) / (r.wall / 1000)).toLocaleString('en')}/s)`,
				target: ''
			},
			{
				measure: `${label}: CPU meanwhile, instance one + two / PostgreSQL / this client / the machine busy of all`,
				figure: `${r.cpu.one.toFixed(1)} + ${r.cpu.two.toFixed(1)} s / ${r.cpu.postgres.toFixed(1)} s / ${r.cpu.client.toFixed(1)} s / ${r.cpu.machine.toFixed(1)} of ${((r.wall / 1000) * availableParallelism()).toFixed(1)} s`,
				target: ''
			}
		];
		return {
			rows: [
				{
					measure: `${n} batches of ${RATINGS} at once, centers mixed (${mixed.times.length} answered), p50 / p95 / max`,
					figure: spread(mixed.times),
					target: `p95 ≤ ${ms(P95_TARGET_MS)}`,
					pass: p95 <= P95_TARGET_MS
				},
				...perRound('centers mixed', mixed),
				{
					measure: `${n} batches of ${RATINGS} at once, each center's ten together (${byCenter.times.length} answered), p50 / p95 / max`,
					figure: spread(byCenter.times),
					target: ''
				},
				...perRound("each center's together", byCenter),
				{
					measure: `connection errors (resets, timeouts)${list(connectionErrors)}`,
					figure: String(sum(connectionErrors)),
					target: '0',
					pass: connectionErrors.size === 0
				},
				{
					measure: `answers other than 200${list(badAnswers)}`,
					figure: String(sum(badAnswers)),
					target: '0',
					pass: badAnswers.size === 0
				},
				{
					measure: `ratings made / acknowledged / stored (distinct; under another center)`,
					figure: `${made.toLocaleString('en')} / ${acked.size.toLocaleString('en')} / ${stored.toLocaleString('en')} (${distinct.toLocaleString('en')}; ${misplaced})`,
					target: `all equal, ${2 * TABLETS_PER_CENTER * RATINGS} a center`,
					pass: once
				},
				{
					measure: 'per-day and per-hour sums equal a recount of the ratings',
					figure: sumsEqual ? 'equal' : 'DIFFER',
					target: 'equal',
					pass: sumsEqual
				}
			],
			notes: [
				`${CENTERS} centers × ${TABLETS_PER_CENTER} tablets on PostgreSQL, two instances of the built server on one schema, ` +
					`each tablet on its own keep-alive connection to one of them (alternately). In each round all ${n} POST /api/v1/sync ` +
					`are launched together from this process (no cap on the client), each timed from its send to the end of its answer: ` +
					`first in a shuffled order (the figure held to the target), then center by center.`,
				`Before the peak: ${n} tablets paired through the API in ${s(paired)}, and ${WARM_UP} sent an empty batch (not counted). ` +
					`Got no answer at once and tried again (up to ${RETRIES} times): ${rounds.map((r) => r.unanswered).join(' and ')} tablets; ${left} ratings still unsent after that.`,
				`No target is given by issue 13: ≤ ${ms(P95_TARGET_MS)} is the load bench's sync p95.`
			]
		};
	} finally {
		await two?.dispose();
		await bench.dispose();
	}
}
