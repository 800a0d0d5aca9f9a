// Property: whatever order ratings arrive in (batches in or out of order, duplicates in a batch, resends, several
// devices, clocks that disagree), the stored flags are those of the pure rule (stuffingFlags) on the stored rows,
// and the flags computed inside the insert equal those of the re-flag alone, replaying the same requests; and the
// per-day sums of ratings the reports read equal the stored ratings after either path.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingInput } from '$lib/schemas/sync';
import { seededRandom } from '$lib/domain/random';
import { stuffingFlags, type FlagRow } from '$lib/domain/stuffing';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as devices from '../devices';
import { ingest } from '.';
import { rating } from './testing';
import { pairTestDevice } from '../devices/testing';
import { rollupSums } from '../reports/rollups-testing';

const RUNS = 40;
/** 23:40 in Việt Nam: a run's ratings cross local midnight, where ticket numbers start again. */
const T0 = Date.parse('2026-11-20T16:40:00Z');
const MINUTE = 60_000;

interface Request {
	device: devices.Device;
	ratings: RatingInput[];
	sentAt: number;
	now: number;
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

function shuffle<T>(random: Random, list: T[]): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * One run: each device's ratings a few seconds to a minute apart (so some come too soon), a few tickets and dossiers
 * shared by all devices, some clocks that claim an offset; then the requests that bring them, in one of three
 * orders: each device in the order made, batches shuffled, or single ratings shuffled, with resends mixed in.
 */
function scenario(random: Random, tablets: devices.Device[]): Request[] {
	const made: { device: devices.Device; ratings: RatingInput[] }[] = tablets.map((device) => {
		let clock = T0 + Math.floor(random() * 10 * MINUTE);
		const offset = pick(random, [0, 0, null, 90_000, -300_000]);
		return {
			device,
			ratings: Array.from({ length: 4 + Math.floor(random() * 14) }, () => {
				clock += pick(random, [500, 2_000, 4_999, 5_000, 8_000, 40_000, 5 * MINUTE]);
				return rating({
					ratedAt: clock,
					clockOffsetMs: offset,
					ticket: random() < 0.4 ? pick(random, ['A1', 'A2', 'A3']) : null,
					dossier: random() < 0.3 ? pick(random, ['H-1', 'H-2']) : null
				});
			})
		};
	});
	const end = T0 + 3 * 60 * MINUTE;
	const chunks = (list: RatingInput[]) => {
		const out: RatingInput[][] = [];
		for (let i = 0; i < list.length;) {
			const n = 1 + Math.floor(random() * 6);
			out.push(list.slice(i, i + n));
			i += n;
		}
		return out;
	};
	const order = pick(random, ['made', 'batches', 'singles'] as const);
	let batches: { device: devices.Device; ratings: RatingInput[] }[];
	if (order === 'made') {
		// Each device in the order it made its ratings; the devices interleave.
		const queues = made.map((m) =>
			chunks(m.ratings).map((ratings) => ({ device: m.device, ratings }))
		);
		batches = [];
		while (queues.some((q) => q.length > 0)) {
			const q = pick(
				random,
				queues.filter((x) => x.length > 0)
			);
			batches.push(q.shift() as (typeof batches)[number]);
		}
	} else if (order === 'batches')
		batches = shuffle(
			random,
			made.flatMap((m) =>
				chunks(shuffle(random, m.ratings)).map((ratings) => ({ device: m.device, ratings }))
			)
		);
	else
		batches = shuffle(
			random,
			made.flatMap((m) => m.ratings.map((r) => ({ device: m.device, ratings: [r] })))
		);
	const requests: Request[] = [];
	const sent: { device: devices.Device; rating: RatingInput }[] = [];
	for (const b of batches) {
		const ratings = [...b.ratings];
		// A lost reply: the device sends again what it sent before, alone or with new ratings.
		const again = sent.filter((s) => s.device === b.device);
		if (again.length > 0 && random() < 0.3) ratings.push(pick(random, again).rating);
		// The same rating twice in one batch.
		if (random() < 0.1) ratings.push(ratings[0]);
		sent.push(...b.ratings.map((rating) => ({ device: b.device, rating })));
		// Sent at the end of the morning, except now and then a request whose clock runs ahead of the server.
		const now = end + requests.length * 1000;
		requests.push({ device: b.device, ratings, sentAt: random() < 0.1 ? now + MINUTE : now, now });
	}
	return requests;
}

describe.each(engines)('stuffing flags on %s', (engine) => {
	let db: Db;
	let tablets: devices.Device[];
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		tablets = [];
		for (const name of ['Quầy 1', 'Quầy 2', 'Quầy 3'])
			tablets.push(
				(await pairTestDevice(name, { counter: name.slice(-1), now: new Date(T0) })).device
			);
	});
	afterAll(() => db.close());

	/** Sends the requests on an empty table; returns every stored rating with its flag. */
	async function replay(requests: Request[], reflagOnly: boolean, stats: Stats) {
		await db.query('DELETE FROM ratings');
		await db.query('DELETE FROM device_clocks');
		const acked = new Set<string>();
		for (const r of requests) {
			const reply = await ingest(
				r.device,
				{
					sentAt: r.sentAt,
					device: { appVersion: 'test', backlog: 0, persistent: true },
					ratings: r.ratings,
					counts: []
				},
				new Date(r.now),
				{ reflagOnly, stats }
			);
			expect(reply.refused).toEqual([]);
			for (const id of reply.acked) acked.add(id);
		}
		const rows = await db.query<{
			id: string;
			device_id: string;
			device_time: Date | string;
			rated_at: Date | string;
			ticket: string | null;
			dossier: string | null;
			flag: string | null;
		}>(
			'SELECT id::text AS id, device_id, device_time, rated_at, ticket, dossier, flag FROM ratings'
		);
		// Nothing lost: every rating sent is stored once and acknowledged.
		const sentIds = new Set(requests.flatMap((r) => r.ratings.map((x) => x.id)));
		expect(rows.length).toBe(sentIds.size);
		expect(acked).toEqual(sentIds);
		const flagRows: FlagRow[] = rows.map((r) => ({
			id: r.id,
			deviceId: r.device_id,
			deviceTime: new Date(r.device_time).getTime(),
			ratedAt: new Date(r.rated_at).getTime(),
			ticket: r.ticket,
			dossier: r.dossier
		}));
		const stored = Object.fromEntries(rows.map((r) => [r.id, r.flag]));
		// The per-day sums the reports read followed every insert and re-flag (and the delete before the replay).
		const { kept, computed } = await rollupSums(db);
		expect(kept).toEqual(computed);
		return { stored, flagRows };
	}

	type Stats = { batches: number; inInsert: number };

	it(`${RUNS} seeded runs: flags in the insert = flags by re-flag alone = the pure rule`, async () => {
		const both: Stats = { batches: 0, inInsert: 0 };
		const reflagged: Stats = { batches: 0, inInsert: 0 };
		let flagged = 0;
		for (let seed = 1; seed <= RUNS; seed++) {
			const random = seededRandom(seed);
			const minS = pick(random, [5, 5, 30, 0]);
			await db.query('UPDATE centers SET min_rating_interval_s = $1', [minS]);
			const requests = scenario(random, tablets);
			const fast = await replay(requests, false, both);
			const slow = await replay(requests, true, reflagged);
			const rule = Object.fromEntries(stuffingFlags(fast.flagRows, minS));
			expect({ seed, flags: fast.stored }).toEqual({ seed, flags: slow.stored });
			expect({ seed, flags: fast.stored }).toEqual({ seed, flags: rule });
			flagged += Object.values(rule).filter((f) => f !== null).length;
		}
		// Both ways were taken, and the runs flagged something to compare.
		expect(both.inInsert).toBeGreaterThan(RUNS);
		expect(both.batches).toBeGreaterThan(both.inInsert);
		expect(reflagged.inInsert).toBe(0);
		expect(flagged).toBeGreaterThan(RUNS);
	}, 300_000);

	/**
	 * The same property with fast-check choosing the runs (fixed seed, shrunk to the smallest failing one): ratings
	 * of three devices with gaps around the interval, shared tickets and dossiers, clocks that claim offsets, sent
	 * in the order made or shuffled, in batches of any size, with resends. The flags the fast path writes with the
	 * insert equal those of the re-flag alone, and the pure rule's.
	 */
	it('fast-check: the fast path and the re-flag path give the same flags', async () => {
		const made = fc.record({
			id: fc.uuid({ version: 4 }),
			device: fc.nat(2),
			gap: fc.constantFrom(500, 2_000, 4_999, 5_000, 8_000, 40_000, 5 * MINUTE),
			ticket: fc.option(fc.constantFrom('A1', 'A2', 'A3'), { freq: 2 }),
			dossier: fc.option(fc.constantFrom('H-1', 'H-2'), { freq: 3 }),
			place: fc.nat(1_000),
			batch: fc.integer({ min: 1, max: 6 }),
			resend: fc.boolean(),
			ahead: fc.boolean()
		});
		const run = fc.record({
			minS: fc.constantFrom(0, 5, 30),
			offsets: fc.tuple(
				...[0, 1, 2].map(() => fc.constantFrom<number | null>(0, null, 90_000, -300_000))
			),
			starts: fc.tuple(...[0, 1, 2].map(() => fc.nat(10 * MINUTE))),
			shuffled: fc.boolean(),
			ratings: fc.uniqueArray(made, { minLength: 1, maxLength: 30, selector: (r) => r.id })
		});
		const both: Stats = { batches: 0, inInsert: 0 };
		const reflagged: Stats = { batches: 0, inInsert: 0 };
		await fc.assert(
			fc.asyncProperty(run, async ({ minS, offsets, starts, shuffled, ratings }) => {
				await db.query('UPDATE centers SET min_rating_interval_s = $1', [minS]);
				const clocks = starts.map((s) => T0 + s);
				const made = ratings.map((m) => {
					clocks[m.device] += m.gap;
					const r = rating({
						id: m.id,
						ratedAt: clocks[m.device],
						clockOffsetMs: offsets[m.device],
						ticket: m.ticket,
						dossier: m.dossier
					});
					return { ...m, rating: r };
				});
				// Each device's ratings in the order made, or shuffled; cut into batches; the batches interleaved.
				const order = shuffled ? [...made].sort((a, b) => a.place - b.place) : made;
				const batches: (typeof made)[] = [];
				for (const device of [0, 1, 2]) {
					const mine = order.filter((m) => m.device === device);
					for (let i = 0; i < mine.length; i += mine[i].batch)
						batches.push(mine.slice(i, i + mine[i].batch));
				}
				batches.sort((a, b) =>
					shuffled ? a[0].place - b[0].place : a[0].rating.ratedAt - b[0].rating.ratedAt
				);
				const end = T0 + 3 * 60 * MINUTE;
				const sent: typeof made = [];
				const requests: Request[] = batches.map((b, n) => {
					const list = b.map((m) => m.rating);
					// A lost reply: something this device sent before comes again.
					const earlier = sent.filter((m) => m.device === b[0].device);
					if (b[0].resend && earlier.length > 0)
						list.push(earlier[b[0].place % earlier.length].rating);
					sent.push(...b);
					const now = end + n * 1000;
					return {
						device: tablets[b[0].device],
						ratings: list,
						sentAt: b[0].ahead && b[0].place % 5 === 0 ? now + MINUTE : now,
						now
					};
				});
				const fast = await replay(requests, false, both);
				const slow = await replay(requests, true, reflagged);
				expect(fast.stored).toEqual(slow.stored);
				expect(fast.stored).toEqual(Object.fromEntries(stuffingFlags(fast.flagRows, minS)));
			}),
			{ seed: 20_261_212, numRuns: 40 }
		);
		// Both paths were taken.
		expect(both.inInsert).toBeGreaterThan(40);
		expect(both.batches).toBeGreaterThan(both.inInsert);
		expect(reflagged.inInsert).toBe(0);
	}, 300_000);
});
