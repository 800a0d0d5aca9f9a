// One engine, one answer: for random records (dossiers, figures typed by hand, ratings, device counts), random periods
// and a random moment of asking (after the period, or while it runs), every figure the dashboard shows equals the
// report's for the same dates, judged as of the same day; and its comparison with the days before equals the report
// of those days. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kpiOf, rateOf, type NamedRate } from '$lib/domain/dashboard';
import { addDays, customPeriod } from '$lib/domain/periods';
import { estimateIndex } from '$lib/domain/service-index';
import type { Report, SatisfactionGroup } from '$lib/domain/report';
import { atLocal, localDate } from '$lib/domain/vn-time';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { dashboard } from './dashboard';
import { day, prepareCenter, recordsFields, storeRecords, type Records } from './records-testing';
import { buildReport } from '.';

const CENTER = 'test';

const caseArb = fc.record({
	...recordsFields,
	from: fc.integer({ min: 0, max: 100 }),
	length: fc.integer({ min: 0, max: 45 }),
	/** Days after the period's start that the dashboard is asked: inside the period or after it. */
	askedAfter: fc.integer({ min: 0, max: 60 })
});

const store = (db: Db, c: Records, from: string, to: string) =>
	storeRecords(db, CENTER, c, from, to);

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
		await prepareCenter(db, CENTER);
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
