// One engine, one answer: for random records (dossiers, figures typed by hand, ratings, device counts), random periods
// and a random moment of asking (after the period, or while it runs), every figure the dashboard shows equals the
// report's for the same dates, judged as of the same day; and its comparison with the days before equals the report
// of those days. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kpiOf, rateOf, type NamedRate } from '$lib/domain/dashboard';
import { addDays, customPeriod } from '$lib/domain/periods';
import { estimateIndex } from '$lib/domain/service-index';
import type { Report, SatisfactionGroup } from '$lib/domain/report';
import { CHANNELS, DOSSIER_STATUSES, type ThroughputRow } from '$lib/domain/throughput';
import { atLocal, localDate } from '$lib/domain/vn-time';
import { RATING_LEVELS } from '$lib/schemas/sync';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { saveManualFigures } from '../dossiers';
import { dashboard } from './dashboard';
import { buildReport } from '.';

const CENTER = 'test';
/** Records fall in these 120 days; periods start in them. */
const START = '2026-03-01';
const FIELDS = ['Hộ tịch', 'Đất đai', 'Chứng thực'];
const COUNTERS = ['Quầy 1', 'Quầy 2', 'Quầy 10'];
const CODES = ['1.000001', '1.000002', '1.000003'];

const day = (n: number) => addDays(START, n);

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

const caseArb = fc.record({
	dossiers: fc.array(dossierArb, { maxLength: 40 }),
	manual: fc.array(manualArb, { maxLength: 4 }),
	ratings: fc.array(ratingArb, { maxLength: 40 }),
	counts: fc.array(countArb, { maxLength: 15 }),
	from: fc.integer({ min: 0, max: 100 }),
	length: fc.integer({ min: 0, max: 45 }),
	/** Days after the period's start that the dashboard is asked: inside the period or after it. */
	askedAfter: fc.integer({ min: 0, max: 60 }),
	satisfied: fc.subarray([...RATING_LEVELS], { minLength: 1 }),
	target: fc.integer({ min: 50, max: 100 })
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

async function store(db: Db, c: Case, from: string, to: string): Promise<void> {
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
			 VALUES ($1, $2, 'dev', $3, $4, $5, 5, $6, $6, $6, $7, $8, 'h')`,
			[randomUUID(), CENTER, r.counter, r.field, r.level, at, r.flag, r.late]
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

const groupsOf = (groups: SatisfactionGroup[]) =>
	groups
		.map(({ name, counted, satisfied, rate, target, met }) => ({
			name,
			counted,
			satisfied,
			rate,
			target,
			met
		}))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const namedOf = (rates: NamedRate[]) =>
	[...rates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The dashboard's key figures as the report gives them. */
function kpiOfReport(r: Report) {
	const { total } = r.throughput;
	return {
		rate: r.satisfaction.rate,
		counted: r.satisfaction.counted,
		flagged: r.satisfaction.flagged.total,
		received: total.received.total,
		resolved: total.resolved.total,
		onTimeRate: rateOf(
			total.resolved.early + total.resolved.onTime,
			total.resolved.early + total.resolved.onTime + total.resolved.late
		),
		overduePending: total.pending.overdue,
		qrScans: r.publicity.qrScans
	};
}

describe.each(engines)('the dashboard and the report on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine, { CENTER_ID: CENTER }));
		await db.query(
			`INSERT INTO procedures (center_id, code, name, field, levels, channels) VALUES
			 ($1, '1.000001', 'Đăng ký khai sinh', 'Hộ tịch', '{xa}', '{truc_tiep}'),
			 ($1, '1.000002', 'Chứng thực bản sao', 'Chứng thực', '{xa}', '{truc_tiep}'),
			 ($1, '1.000003', 'Đăng ký đất đai', 'Đất đai', '{huyen}', '{truc_tuyen}')`,
			[CENTER]
		);
		await db.query(
			`INSERT INTO dossier_sources (center_id, name) VALUES ($1, 'Một cửa'), ($1, 'Dịch vụ công')`,
			[CENTER]
		);
		await db.query(
			`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ('dev', $1, 'Quầy', 'counter', 'dev')`,
			[CENTER]
		);
	});
	afterAll(() => db.close());

	it('every dashboard figure equals the report’s for the same dates, records and hand-typed figures alike', async () => {
		await fc.assert(
			fc.asyncProperty(caseArb, async (c) => {
				const from = day(c.from);
				const to = day(c.from + c.length);
				await store(db, c, from, to);
				const asked = addDays(from, c.askedAfter);
				const now = atLocal(`${asked} 10:00`);
				const asOf = asked < to ? asked : to;
				const d = await dashboard(CENTER, from, to, now);
				const r = await buildReport(CENTER, customPeriod(from, to), now, asOf);
				if (!r) throw new Error('no report');
				const { total } = r.throughput;

				expect(kpiOf(d)).toEqual(kpiOfReport(r));
				expect(d.satisfaction).toEqual({
					counted: r.satisfaction.counted,
					satisfied: r.satisfaction.satisfied,
					rate: r.satisfaction.rate,
					target: r.satisfaction.target,
					met: r.satisfaction.met,
					flagged: r.satisfaction.flagged.total,
					late: r.satisfaction.late
				});
				expect(d.dossiers).toMatchObject({
					received: total.received.total,
					resolved: total.resolved.total,
					early: total.resolved.early,
					onTime: total.resolved.onTime,
					late: total.resolved.late,
					rejected: total.resolved.rejected,
					withdrawn: total.resolved.withdrawn,
					pending: total.pending.total,
					overduePending: total.pending.overdue
				});
				expect(d.dossiers.sources).toEqual({
					records: r.throughput.sources.some((s) => s.kind === 'records'),
					manual: r.throughput.sources.filter((s) => s.kind === 'manual').map((s) => s.name)
				});
				expect(namedOf(d.fields)).toEqual(groupsOf(r.satisfaction.byField));
				expect(namedOf(d.counters)).toEqual(groupsOf(r.satisfaction.byCounter));
				expect(d.top).toEqual(r.publicity.top);
				// The service-index estimate is the report's figures' estimate.
				expect(d.index).toEqual(
					estimateIndex({
						throughput: r.throughput.total,
						payment: r.throughput.payment,
						digitisation: r.throughput.digitisation,
						satisfaction: r.satisfaction
					})
				);
				expect(r.current.resolvedOnTime).toBe(d.dossiers.early + d.dossiers.onTime);

				// The cards' comparison: the report of as many days just before, judged as of their last day.
				const ran = Math.min(c.askedAfter, c.length) + 1;
				expect(d.previous).toMatchObject({ from: addDays(from, -ran), to: addDays(from, -1) });
				if (!d.previous) return;
				const before = await buildReport(CENTER, customPeriod(d.previous.from, d.previous.to), now);
				if (!before) throw new Error('no report');
				expect(d.previous.kpi).toEqual(kpiOfReport(before));
			}),
			{ numRuns: 30, seed: 12 }
		);
	});

	it('the dashboard asked today is judged as of today, the report of a closed period as of its last day', async () => {
		// A dossier due on the 10th, still pending: overdue from the 11th, whatever the period's end.
		await store(
			db,
			{
				dossiers: [
					{
						field: 'Hộ tịch',
						source: 'Một cửa',
						channel: 'truc_tiep',
						received: 0,
						due: 9,
						finished: null,
						status: 'dang_xu_ly',
						fee: null,
						paidOnline: false,
						digitized: null
					}
				],
				manual: [],
				ratings: [],
				counts: [],
				from: 0,
				length: 30,
				askedAfter: 0,
				satisfied: ['rat_hai_long', 'hai_long'],
				target: 95
			},
			day(0),
			day(30)
		);
		const at = (n: number) => atLocal(`${day(n)} 09:00`);
		expect(localDate(at(9))).toBe(day(9));
		const on = async (n: number) =>
			(await dashboard(CENTER, day(0), day(30), at(n))).dossiers.overduePending;
		expect([await on(9), await on(10), await on(40)]).toEqual([0, 1, 1]);
		const report = await buildReport(CENTER, customPeriod(day(0), day(30)), at(5));
		expect(report?.throughput.total.pending.overdue).toBe(1);
	});
});
