// Test support: random records of a center (dossiers, figures typed by hand, ratings, device counts) and their
// storing, for the property tests that hold the report engine's readers equal (agree.test.ts, city.test.ts).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { addDays } from '$lib/domain/periods';
import { CHANNELS, DOSSIER_STATUSES, type ThroughputRow } from '$lib/domain/throughput';
import { atLocal } from '$lib/domain/vn-time';
import { RATING_LEVELS } from '$lib/schemas/sync';
import type { Db } from '../db';
import { saveManualFigures } from '../dossiers';

/** Records fall in these 120 days; periods start in them. */
export const START = '2026-03-01';
const FIELDS = ['Hộ tịch', 'Đất đai', 'Chứng thực'];
const COUNTERS = ['Quầy 1', 'Quầy 2', 'Quầy 10'];
const CODES = ['1.000001', '1.000002', '1.000003'];

export const day = (n: number) => addDays(START, n);

const dossierArb = fc.record({
	field: fc.constantFrom(...FIELDS),
	source: fc.constantFrom('Một cửa', 'Dịch vụ công'),
	channel: fc.constantFrom(...CHANNELS),
	received: fc.integer({ min: -30, max: 120 }),
	due: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
	finished: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
	status: fc.constantFrom(...DOSSIER_STATUSES),
	/** Null where the file had no such column. */
	fee: fc.option(fc.boolean(), { nil: null }),
	paidOnline: fc.boolean(),
	digitized: fc.option(fc.boolean(), { nil: null })
});

const count = fc.integer({ min: 0, max: 9 });
const manualRowArb: fc.Arbitrary<ThroughputRow> = fc
	.tuple(count, count, count, count, count, count, count, count, count, count, count, count)
	.map(([on, di, ca, ea, ot, la, re, wi, po, ov, su, skew]) => ({
		// Hand-typed figures need not add up: the skew breaks an identity now and then, as real ones do.
		received: { total: on + di + ca + (skew > 7 ? 1 : 0), online: on, direct: di, carriedOver: ca },
		resolved: {
			total: ea + ot + la + re + wi,
			early: ea,
			onTime: ot,
			late: la,
			rejected: re,
			withdrawn: wi
		},
		pending: { total: po + ov + su, onTime: po, overdue: ov, supplement: su }
	}));

const manualArb = fc.record({
	source: fc.constantFrom('BHXH cơ sở', 'Chi nhánh đất đai'),
	field: fc.constantFrom(...FIELDS, 'Bảo hiểm'),
	row: manualRowArb,
	/** true: typed for exactly the period asked about; false: for another period that overlaps it. */
	samePeriod: fc.boolean()
});

const ratingArb = fc.record({
	minute: fc.integer({ min: -2 * 24 * 60, max: 122 * 24 * 60 }),
	level: fc.constantFrom(...RATING_LEVELS),
	field: fc.option(fc.constantFrom(...FIELDS), { nil: null }),
	counter: fc.option(fc.constantFrom(...COUNTERS), { nil: null }),
	flag: fc.option(fc.constantFrom('too_soon', 'repeat_ticket', 'repeat_dossier'), {
		nil: null,
		freq: 3
	}),
	late: fc.boolean()
});

const countArb = fc.record({
	hour: fc.integer({ min: -48, max: 122 * 24 }),
	kind: fc.constantFrom('scan', 'view', 'catalogue'),
	key: fc.constantFrom(...CODES, '9.999999'),
	count: fc.integer({ min: 1, max: 20 })
});

/** A center's records and rating settings: dossiers, figures typed by hand, ratings, device counts. */
export const recordsFields = {
	dossiers: fc.array(dossierArb, { maxLength: 40 }),
	manual: fc.array(manualArb, { maxLength: 4 }),
	ratings: fc.array(ratingArb, { maxLength: 40 }),
	counts: fc.array(countArb, { maxLength: 15 }),
	satisfied: fc.subarray([...RATING_LEVELS], { minLength: 1 }),
	target: fc.integer({ min: 50, max: 100 })
};
export const recordsArb = fc.record(recordsFields);
export type Records = typeof recordsArb extends fc.Arbitrary<infer T> ? T : never;

/** What `storeRecords` needs besides the records: the center's catalogue, dossier sources and rating device. */
export async function prepareCenter(db: Db, center: string): Promise<void> {
	await db.query(
		`INSERT INTO procedures (center_id, code, name, field, levels, channels) VALUES
		 ($1, '1.000001', 'Đăng ký khai sinh', 'Hộ tịch', '{xa}', '{truc_tiep}'),
		 ($1, '1.000002', 'Chứng thực bản sao', 'Chứng thực', '{xa}', '{truc_tiep}'),
		 ($1, '1.000003', 'Đăng ký đất đai', 'Đất đai', '{huyen}', '{truc_tuyen}')`,
		[center]
	);
	await db.query(
		`INSERT INTO dossier_sources (center_id, name) VALUES ($1, 'Một cửa'), ($1, 'Dịch vụ công')`,
		[center]
	);
	await db.query(
		`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ($2, $1, 'Quầy', 'counter', $2)`,
		[center, deviceOf(center)]
	);
}

const deviceOf = (center: string) => `dev-${center}`;

/** Replaces the center's records with `c`'s; figures typed by hand are for [from, to] or a period overlapping it. */
export async function storeRecords(
	db: Db,
	CENTER: string,
	c: Records,
	from: string,
	to: string
): Promise<void> {
	for (const table of ['dossiers', 'manual_figures', 'ratings', 'counters'])
		await db.query(`DELETE FROM ${table} WHERE center_id = $1`, [CENTER]);
	await db.query(
		`UPDATE centers SET satisfied_levels = $2, satisfaction_target = $3 WHERE id = $1`,
		[CENTER, c.satisfied, c.target]
	);
	const dossiers = c.dossiers.map((d, i) => ({
		code: `HS-${i}`,
		field: d.field,
		source: d.source,
		channel: d.channel,
		received: day(d.received),
		due: d.due === null ? null : day(d.received + d.due),
		finished: d.finished === null ? null : day(d.received + d.finished),
		status: d.status,
		fee: d.fee,
		paid: d.fee === null ? null : d.fee && d.paidOnline,
		digitized: d.digitized
	}));
	await db.query(
		`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status, has_fee, paid_online, digitized)
		 SELECT $1, x.source, x.code, x.field, x.channel, x.received, x.due, x.finished, x.status, x.fee, x.paid, x.digitized
		 FROM json_to_recordset($2::json) AS x(source text, code text, field text, channel text, received date, due date, finished date, status text, fee boolean, paid boolean, digitized boolean)`,
		[CENTER, JSON.stringify(dossiers)]
	);
	// One entry per source, period and field: the last one typed wins, as saving again does.
	const entries = new Map<
		string,
		{ source: string; to: string; rows: Map<string, ThroughputRow> }
	>();
	for (const m of c.manual) {
		const end = m.samePeriod ? to : addDays(to, 1);
		const key = `${m.source}|${end}`;
		const entry = entries.get(key) ?? { source: m.source, to: end, rows: new Map() };
		entry.rows.set(m.field, m.row);
		entries.set(key, entry);
	}
	for (const e of entries.values())
		await saveManualFigures(
			CENTER,
			e.source,
			from,
			e.to,
			[...e.rows].map(([field, row]) => ({ field, row }))
		);
	for (const r of c.ratings) {
		const at = new Date(atLocal(`${START} 00:00`).getTime() + r.minute * 60_000);
		await db.query(
			`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, device_time, received_at, rated_at, flag, late, payload_hash)
			 VALUES ($1, $2, $9, $3, $4, $5, 5, $6, $6, $6, $7, $8, 'h')`,
			[randomUUID(), CENTER, r.counter, r.field, r.level, at, r.flag, r.late, deviceOf(CENTER)]
		);
	}
	for (const [i, n] of c.counts.entries())
		await db.query(
			`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT DO NOTHING`,
			[
				CENTER,
				`device:k${i % 3}`,
				new Date(atLocal(`${START} 00:00`).getTime() + n.hour * 3_600_000),
				n.kind,
				n.key,
				n.count
			]
		);
}
