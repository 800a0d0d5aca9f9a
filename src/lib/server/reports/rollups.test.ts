// Property: the per-day and per-hour sums of ratings (migration 014, kept by statement-level triggers) always equal
// the same sums computed from the ratings themselves, whatever statements wrote them: batches inserted, flags set and
// cleared, ratings moved in time, to another field or level, marked late, deleted, and several of these in one
// transaction. The report and dashboard read only the sums, so this is what keeps them equal to the record.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db, Queryable } from '../db';
import { rollupSums as sums } from './rollups-testing';

const RUNS = 25;
/** 23:00 in Việt Nam: ratings an hour either side fall on two local days. */
const T0 = Date.parse('2026-11-20T16:00:00Z');
const LEVELS = ['rat_hai_long', 'hai_long', 'khong_hai_long'];
const FLAGS = [null, 'too_soon', 'repeat_ticket', 'repeat_dossier'];
const REASONS = ['thoi_gian_cho', 'thai_do', 'huong_dan'];

const ratingArb = fc.record({
	minutes: fc.integer({ min: -120, max: 120 }),
	field: fc.constantFrom(null, 'Hộ tịch', 'Đất đai'),
	counter: fc.constantFrom(null, 'Quầy 1', 'Quầy 2'),
	level: fc.constantFrom(...LEVELS),
	flag: fc.constantFrom(...FLAGS),
	late: fc.boolean(),
	reasons: fc.subarray(REASONS)
});

const op = fc.oneof(
	fc.record({ kind: fc.constant('insert' as const), rows: fc.array(ratingArb, { maxLength: 30 }) }),
	fc.record({
		kind: fc.constant('flag' as const),
		every: fc.integer({ min: 1, max: 4 }),
		flag: fc.constantFrom(...FLAGS)
	}),
	fc.record({
		kind: fc.constant('move' as const),
		every: fc.integer({ min: 1, max: 4 }),
		minutes: fc.integer({ min: -90, max: 90 })
	}),
	fc.record({
		kind: fc.constant('relabel' as const),
		every: fc.integer({ min: 1, max: 4 }),
		level: fc.constantFrom(...LEVELS)
	}),
	fc.record({ kind: fc.constant('delete' as const), every: fc.integer({ min: 2, max: 6 }) })
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Rows picked by an operation: every n-th rating in id order, so a statement touches several sums at once. */
const picked = (every: number) =>
	`id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM ratings) r WHERE i % ${every} = 0)`;

async function apply(q: Queryable, o: Op): Promise<void> {
	if (o.kind === 'insert') {
		if (o.rows.length === 0) return;
		await q.query(
			`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, device_time, received_at,
				rated_at, flag, late, payload_hash)
			 SELECT gen_random_uuid(), 'test', 'rollups', x.counter, x.field, x.level, 3,
				ARRAY(SELECT json_array_elements_text(x.reasons)), x.at, x.at, x.at, x.flag, x.late, 'test'
			 FROM json_to_recordset($1::json) AS x(counter text, field text, level text, flag text, late boolean,
				reasons json, at timestamptz)`,
			[
				JSON.stringify(
					o.rows.map((r) => ({ ...r, at: new Date(T0 + r.minutes * 60_000).toISOString() }))
				)
			]
		);
	} else if (o.kind === 'flag') {
		await q.query(`UPDATE ratings SET flag = $1 WHERE ${picked(o.every)}`, [o.flag]);
	} else if (o.kind === 'move') {
		await q.query(
			`UPDATE ratings SET rated_at = rated_at + $1 * interval '1 minute', late = NOT late WHERE ${picked(o.every)}`,
			[o.minutes]
		);
	} else if (o.kind === 'relabel') {
		await q.query(
			`UPDATE ratings SET level = $1, field = CASE WHEN field IS NULL THEN 'Tư pháp' END WHERE ${picked(o.every)}`,
			[o.level]
		);
	} else {
		await q.query(`DELETE FROM ratings WHERE ${picked(o.every)}`);
	}
}

describe.each(engines)('rating sums (%s)', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await db.query(
			`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ('rollups', 'test', 'Rollups', 'counter', 'x')`
		);
	}, 60_000);
	afterAll(() => db?.close());

	it('equal the sums of the ratings after any statements, alone or in one transaction', async () => {
		let nonEmpty = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(op, fc.boolean()), { minLength: 1, maxLength: 12 }),
				async (ops) => {
					await db.query('DELETE FROM ratings');
					const { kept: emptied } = await sums(db);
					expect(emptied.flat()).toEqual([]);
					for (let i = 0; i < ops.length; i++) {
						const [o, together] = ops[i];
						if (together && i + 1 < ops.length) {
							const next = ops[++i][0];
							await db.transaction(async (tx) => {
								await apply(tx, o);
								await apply(tx, next);
							});
						} else await apply(db, o);
					}
					const { kept, computed } = await sums(db);
					expect(kept).toEqual(computed);
					if (computed[0].length > 0) nonEmpty++;
				}
			),
			{ numRuns: RUNS, seed: 14 }
		);
		// The runs must have had something to sum: a generator that made nothing would pass vacuously.
		expect(nonEmpty).toBeGreaterThan(RUNS / 2);
	}, 120_000);
});
