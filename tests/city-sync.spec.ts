// A city (issue 13): two app instances on one PostgreSQL database take sync batches from the tablets of two centers at
// once: the same batch to both (a tablet resending after a lost answer), overlapping and out-of-order batches, a
// tablet of one center syncing while another center's do. Then one instance is killed (SIGKILL) with batches in
// flight, and the tablets send what got no answer to the other. Every answer is a 200 with each item's outcome; every
// rating is stored once, under its tablet's center; the per-day sums equal a recount; each center's report counts
// exactly its own ratings and counts.
import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { AppServer } from '../harness/app-server';
import { cli, pairingCode } from '../harness/cli';
import { createSchema, type Schema } from '../harness/postgres';
import { openPostgres, type Db } from '../src/lib/server/db/client';
import { counterSums, rollupSums } from '../src/lib/server/reports/rollups-testing';
import { localDate } from '../src/lib/domain/vn-time';
import type { Report } from '../src/lib/domain/report';
import type { Count, PairResponse, RatingInput, SyncResponse } from '../src/lib/schemas/sync';

const DATABASE = process.env.TEST_DATABASE_URL;
/** A's is the instances' CENTER_ID (made at start); B is added with `center create`, as a city adds one. */
const CENTERS = ['phuong-a', 'phuong-b'];
const TABLETS_PER_CENTER = 3;
const BATCH = 20;
/** Ratings of each tablet in the first rounds (all sent several times over), and in the round with the kill. */
const FIRST = 60;
const KILL_ROUND_BATCHES = 5;
/** A tablet back from a short outage. */
const KILL_ROUND_BATCH = 50;
/** A tablet's ratings a minute apart, more than a center's minimum interval: none is flagged, so all are counted. */
const SPACING_MS = 60_000;
const HOUR = 3_600_000;
const LEVELS = ['rat_hai_long', 'hai_long', 'khong_hai_long'] as const;

interface Tablet {
	center: string;
	counter: string;
	token: string;
	id: string;
	made: RatingInput[];
	/** The largest running totals sent: what the server must hold, whichever batch reached it last. */
	catalogueViews: number;
	procedureViews: number;
}

/** `n` more ratings of the tablet, a minute apart from `start` on, each level in turn (the unhappy with a reason). */
function rate(tablet: Tablet, n: number, start: number): RatingInput[] {
	const made = Array.from({ length: n }, (_, i): RatingInput => {
		const k = tablet.made.length + i;
		const level = LEVELS[k % LEVELS.length];
		return {
			id: randomUUID(),
			level,
			scale: 3,
			reasons: level === 'khong_hai_long' ? ['thoi_gian_cho'] : [],
			comment: '',
			ticket: null,
			dossier: null,
			counter: tablet.counter,
			field: 'Hộ tịch',
			ratedAt: start + k * SPACING_MS,
			clockOffsetMs: 0
		};
	});
	tablet.made.push(...made);
	return made;
}

/** The tablet's running totals as they stood when the last rating of the batch was made (the kiosk counts views). */
function countsWith(tablet: Tablet, batch: RatingInput[], hour: number): Count[] {
	const seen = Math.max(...batch.map((r) => tablet.made.indexOf(r))) + 1;
	tablet.catalogueViews = Math.max(tablet.catalogueViews, seen);
	tablet.procedureViews = Math.max(tablet.procedureViews, Math.floor(seen / 2));
	return [
		{ hour, kind: 'catalogue', key: 'list', count: seen },
		{ hour, kind: 'view', key: '1.001234', count: Math.floor(seen / 2) }
	];
}

/** What went wrong in a round: answers other than a 200 that holds every id of its batch. */
class Problems {
	readonly list: string[] = [];
	/** When each request that got no answer at all was sent (performance.now()). */
	readonly unanswered: number[] = [];

	check(what: string, status: number, text: string, batch: RatingInput[], center: string): void {
		if (status !== 200) {
			this.list.push(`${what}: ${status} ${text.slice(0, 200)}`);
			return;
		}
		const reply = JSON.parse(text) as SyncResponse;
		const acked = new Set(reply.acked);
		const missing = batch.filter((r) => !acked.has(r.id)).length;
		if (missing > 0 || reply.refused.length > 0 || reply.counts.refused.length > 0)
			this.list.push(
				`${what}: ${missing} of ${batch.length} not acknowledged, refused ${JSON.stringify(reply.refused.slice(0, 2))}`
			);
		if (reply.config.center.id !== center)
			this.list.push(`${what}: told center ${reply.config.center.id}`);
	}
}

test.skip(!DATABASE, 'a city runs on PostgreSQL: set TEST_DATABASE_URL');

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test wants from this pattern
test('two instances on one PostgreSQL take the same batches from two centers at once, one killed mid-run: every rating counted once, under its center', async ({}) => {
	test.setTimeout(240_000);
	if (!DATABASE) return;
	const schema: Schema = await createSchema(DATABASE, 'city');
	const env = { DATABASE_URL: schema.url, CENTER_ID: CENTERS[0], LOG_LEVEL: 'warn' };
	const servers = [
		await AppServer.create({ label: 'city-one', env }),
		await AppServer.create({ label: 'city-two', env })
	];
	const [one, two] = servers;
	let db: Db | undefined;
	try {
		// Both start together on the empty database, as the README says a city's instances may.
		await Promise.all(servers.map((s) => s.start()));
		const database = (db = await openPostgres(schema.url));
		const run = (args: string[], center: string) =>
			cli(one.dataDir, args, '', { DATABASE_URL: schema.url, CENTER_ID: center });
		// (A command with CENTER_ID set makes that center at start, as a server does: B's is made by the create.)
		await run(['center', 'create', CENTERS[1], '--name', 'Trung tâm phường B'], CENTERS[0]);
		const codes = await Promise.all(
			CENTERS.flatMap((center) =>
				Array.from({ length: TABLETS_PER_CENTER }, async (_, i) => ({
					center,
					counter: String(i + 1),
					code: await pairingCode(
						one,
						['--name', `Quầy ${i + 1}`, '--kind', 'counter', '--counter', String(i + 1)],
						{ DATABASE_URL: schema.url, CENTER_ID: center }
					)
				}))
			)
		);
		// Each code redeemed at one instance or the other, as the proxy hands them out.
		const tablets: Tablet[] = [];
		for (const [i, { center, counter, code }] of codes.entries()) {
			const res = await fetch(servers[i % 2].url + '/api/v1/devices/pair', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code })
			});
			expect(res.status, await res.clone().text()).toBe(200);
			const { token, config } = (await res.json()) as PairResponse;
			expect(config.center.id).toBe(center);
			tablets.push({
				center,
				counter,
				token,
				id: config.deviceId,
				made: [],
				catalogueViews: 0,
				procedureViews: 0
			});
		}
		const start = Date.now() - 6 * HOUR;
		const hour = start - (start % HOUR);
		for (const t of tablets) rate(t, FIRST, start);
		const [a0] = tablets;
		const b0 = tablets[TABLETS_PER_CENTER];

		const problems = new Problems();
		/** One POST /api/v1/sync; the reply, or null when no answer came (the instance died under it). */
		const send = async (
			server: AppServer,
			tablet: Tablet,
			batch: RatingInput[],
			counts = countsWith(tablet, batch, hour)
		): Promise<SyncResponse | null> => {
			const what = `${tablet.center}/${tablet.counter} → ${server === one ? 'one' : 'two'}`;
			const sentAt = performance.now();
			let res: Response;
			let text: string;
			try {
				res = await fetch(server.url + '/api/v1/sync', {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${tablet.token}` },
					body: JSON.stringify({
						sentAt: Date.now(),
						device: { appVersion: 'city-test', backlog: batch.length, persistent: true },
						ratings: batch,
						counts
					}),
					signal: AbortSignal.timeout(30_000)
				});
				text = await res.text();
			} catch {
				problems.unanswered.push(sentAt);
				return null;
			}
			problems.check(what, res.status, text, batch, tablet.center);
			return res.status === 200 ? (JSON.parse(text) as SyncResponse) : null;
		};
		const other = (server: AppServer) => (server === one ? two : one);
		const home = (i: number) => servers[i % 2];

		await test.step('the same batch to both instances at once, from every tablet of both centers', async () => {
			await Promise.all(
				tablets.flatMap((t) => [
					send(one, t, t.made.slice(0, BATCH)),
					send(two, t, t.made.slice(0, BATCH))
				])
			);
			expect(problems.list).toEqual([]);
		});

		await test.step('overlapping, interleaved and out-of-order batches, all at once', async () => {
			await Promise.all(
				tablets.flatMap((t, i) => {
					const r = t.made;
					return [
						send(home(i), t, r.slice(10, 40)),
						send(other(home(i)), t, r.slice(20, 50)),
						send(
							home(i),
							t,
							r.filter((_, k) => k % 2 === 0)
						),
						send(
							other(home(i)),
							t,
							r.filter((_, k) => k % 2 === 1)
						),
						send(other(home(i)), t, [...r].reverse()),
						send(home(i), t, r.slice(40))
					];
				})
			);
			expect(problems.list).toEqual([]);
		});

		await test.step("a tablet of B sends a rating A holds while A's tablet sends it again: it stays A's", async () => {
			const held = a0.made[0];
			const [fromA, fromB] = await Promise.all([send(one, a0, [held]), send(two, b0, [held], [])]);
			expect(fromA?.acked).toEqual([held.id]);
			// The server holds it (as A's), so B's tablet may let it go.
			expect(fromB?.acked).toEqual([held.id]);
			expect(problems.list).toEqual([]);
		});

		await test.step('instance one is killed with batches inside their transactions; the tablets send what got no answer to two', async () => {
			for (const t of tablets) rate(t, KILL_ROUND_BATCHES * KILL_ROUND_BATCH, start);
			const killRound = (t: Tablet) =>
				Array.from({ length: KILL_ROUND_BATCHES }, (_, b) =>
					t.made.slice(FIRST + b * KILL_ROUND_BATCH, FIRST + (b + 1) * KILL_ROUND_BATCH)
				);
			// One tablet of each center syncs through one, the others through two.
			const onOne = [a0, b0];
			const leftOver = new Map<Tablet, RatingInput[][]>();
			let drained: Promise<unknown> = Promise.resolve();
			let killedAt = Infinity;
			await database.transaction(async (tx) => {
				// This test holds the rows of one's tablets: their batches get as far as the write, inside their
				// transactions (each holding its center's lock, so two's batches of those centers wait too), and stop.
				await tx.query('SELECT id FROM devices WHERE id = ANY($1::text[]) FOR UPDATE', [
					onOne.map((t) => t.id)
				]);
				const [{ me }] = await tx.query<{ me: number }>('SELECT pg_backend_pid() AS me');
				// Each tablet drains its outbox batch after batch, as the device's engine does.
				drained = Promise.all(
					tablets.map(async (t) => {
						const batches = killRound(t);
						for (let b = 0; b < batches.length; b++)
							if (!(await send(onOne.includes(t) ? one : two, t, batches[b]))) {
								leftOver.set(t, batches.slice(b));
								return;
							}
					})
				);
				await expect
					.poll(
						async () =>
							(
								await database.query<{ n: number }>(
									'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
									[me]
								)
							)[0].n,
						{ timeout: 30_000 }
					)
					.toBe(onOne.length);
				killedAt = performance.now();
				await one.stop('SIGKILL');
			});
			await drained;
			expect(problems.list).toEqual([]);
			expect(
				problems.unanswered.filter((t) => t < killedAt).length,
				'requests on their way when instance one was killed'
			).toBe(onOne.length);
			expect(new Set(leftOver.keys())).toEqual(new Set(onOne));
			// Cut off before its commit, a batch leaves nothing behind.
			const unanswered = [...leftOver.values()].flat(2).map((r) => r.id);
			const [{ held }] = await database.query<{ held: number }>(
				'SELECT count(*)::int AS held FROM ratings WHERE id = ANY($1::uuid[])',
				[unanswered]
			);
			expect(held).toBe(0);
			await Promise.all(
				[...leftOver].map(async ([t, batches]) => {
					for (const batch of batches) expect(await send(two, t, batch)).not.toBeNull();
				})
			);
			expect(problems.list).toEqual([]);
		});

		await test.step('instance one starts again and takes resends of what it had already', async () => {
			await one.start();
			await Promise.all(
				tablets.flatMap((t) => [
					send(one, t, t.made.slice(0, BATCH)),
					send(one, t, t.made.slice(-BATCH)),
					send(two, t, t.made.slice(-BATCH))
				])
			);
			expect(problems.list).toEqual([]);
		});

		const stored = await database.query<{
			id: string;
			center_id: string;
			device_id: string;
			flag: string | null;
		}>('SELECT id::text AS id, center_id, device_id, flag FROM ratings');
		const made = tablets.flatMap((t) => t.made.map((r) => ({ id: r.id, tablet: t })));
		expect(new Set(stored.map((r) => r.id)).size, 'each rating stored once').toBe(stored.length);
		expect(stored.length, 'every rating made, and nothing else').toBe(made.length);
		const byId = new Map(stored.map((r) => [r.id, r]));
		const misplaced = made.filter(({ id, tablet }) => {
			const row = byId.get(id);
			return row?.center_id !== tablet.center || row.device_id !== tablet.id;
		});
		expect(misplaced.length, 'ratings not under their tablet and its center').toBe(0);
		expect(stored.filter((r) => r.flag !== null).length, 'none flagged').toBe(0);

		const ratingRollups = await rollupSums(database);
		expect(ratingRollups.kept).toEqual(ratingRollups.computed);
		const countRollups = await counterSums(database);
		expect(countRollups.kept).toEqual(countRollups.computed);

		const from = localDate(start);
		const to = localDate(Date.now());
		// Each center's report as its manager gets it (the CLI's JSON is the API's).
		const reports = await Promise.all(
			CENTERS.map(
				async (center) =>
					JSON.parse(
						await run(['report', '--from', from, '--to', to, '--format', 'json'], center)
					) as Report
			)
		);
		for (const [i, center] of CENTERS.entries()) {
			const own = tablets.filter((t) => t.center === center);
			const report = reports[i];
			expect(report.center.id).toBe(center);
			const ratings = own.flatMap((t) => t.made);
			expect(report.satisfaction.counted, `${center}: ratings counted`).toBe(ratings.length);
			expect(report.satisfaction.flagged.total).toBe(0);
			expect(Object.fromEntries(report.satisfaction.levels.map((l) => [l.level, l.count]))).toEqual(
				Object.fromEntries(LEVELS.map((l) => [l, ratings.filter((r) => r.level === l).length]))
			);
			const sum = (f: (t: Tablet) => number) => own.reduce((n, t) => n + f(t), 0);
			expect(report.publicity.catalogueViews, `${center}: catalogue views`).toBe(
				sum((t) => t.catalogueViews)
			);
			expect(report.publicity.procedureViews, `${center}: procedure views`).toBe(
				sum((t) => t.procedureViews)
			);
		}
	} catch (e) {
		for (const s of servers) s.keepLogs = true;
		throw e;
	} finally {
		await db?.close();
		await Promise.all(servers.map((s) => s.dispose()));
		await schema.drop();
	}
});
