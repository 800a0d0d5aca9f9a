// The city's table is the engine's figures of each center: for random records in three centers, each row equals that
// center's own report (and the report of the period before), the total's counts are the rows' sums and its rates
// come from those sums. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeOf, type CityKpi } from '$lib/domain/city';
import { rateOf } from '$lib/domain/dashboard';
import { addDays, customPeriod, periodContaining, previousPeriod } from '$lib/domain/periods';
import type { Report } from '$lib/domain/report';
import { estimateIndex } from '$lib/domain/service-index';
import { atLocal } from '$lib/domain/vn-time';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { cityTable, cityTrend, TREND_MONTHS } from './city';
import { day, prepareCenter, recordsArb, storeRecords } from './records-testing';
import { buildReport } from '.';

const CENTERS = ['test', 'phuong-2', 'xa-3'];

/** A center's main figures as its report prints them. */
function kpiOfReport(r: Report): CityKpi {
	const { total, rate, payment, digitisation } = r.throughput;
	return {
		counted: r.satisfaction.counted,
		satisfactionRate: r.satisfaction.rate,
		received: total.received.total,
		resolved: total.resolved.total,
		onTimeRate: rateOf(
			total.resolved.early + total.resolved.onTime,
			total.resolved.early + total.resolved.onTime + total.resolved.late
		),
		overduePending: total.pending.overdue,
		onlineRate: rate.received.online,
		paymentRate: payment?.rate ?? null,
		digitisationRate: digitisation?.rate ?? null,
		indexPoints: estimateIndex({
			throughput: total,
			payment,
			digitisation,
			satisfaction: r.satisfaction
		}).points
	};
}

const deviceArb = fc.record({
	/** Hours before now of its last contact; null: never synced since pairing. */
	seen: fc.option(fc.integer({ min: 0, max: 72 }), { nil: null }),
	pairedHoursAgo: fc.integer({ min: 0, max: 200 }),
	backlog: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
	revoked: fc.boolean()
});

const caseArb = fc.record({
	centers: fc.tuple(recordsArb, recordsArb, recordsArb),
	devices: fc.tuple(...CENTERS.map(() => fc.array(deviceArb, { maxLength: 4 }))),
	from: fc.integer({ min: 0, max: 100 }),
	length: fc.integer({ min: 0, max: 45 }),
	askedAfter: fc.integer({ min: 0, max: 60 })
});

describe.each(engines)('the city table on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine, { CENTER_ID: CENTERS[0] }));
		for (const id of CENTERS.slice(1))
			await db.query(`INSERT INTO centers (id, name) VALUES ($1, $2)`, [id, `Phường ${id}`]);
		for (const id of CENTERS) await prepareCenter(db, id);
	});
	afterAll(() => db.close());

	it('each row is its center’s report, the total is the rows summed', async () => {
		await fc.assert(
			fc.asyncProperty(caseArb, async (c) => {
				const from = day(c.from);
				const to = day(c.from + c.length);
				for (const [i, id] of CENTERS.entries()) {
					await storeRecords(db, id, c.centers[i], from, to);
					await db.query(`DELETE FROM devices WHERE center_id = $1 AND id LIKE 'pad-%'`, [id]);
				}
				const now = atLocal(`${addDays(from, c.askedAfter)} 10:00`);
				const hours = (n: number) => new Date(now.getTime() - n * 3_600_000);
				const expected = CENTERS.map(() => ({ silent: 0, backlog: 0 }));
				for (const [i, id] of CENTERS.entries())
					for (const [k, d] of c.devices[i].entries()) {
						await db.query(
							`INSERT INTO devices (id, center_id, name, kind, token_hash, paired_at, last_seen_at, backlog, revoked_at)
							 VALUES ($1, $2, 'Máy', 'counter', $1, $3, $4, $5, $6)`,
							[
								`pad-${id}-${k}`,
								id,
								hours(d.pairedHoursAgo + (d.seen ?? 0)),
								d.seen === null ? null : hours(d.seen),
								d.backlog,
								d.revoked ? hours(0) : null
							]
						);
						if (d.revoked) continue;
						if ((d.seen ?? d.pairedHoursAgo) > 24) expected[i].silent++;
						expected[i].backlog += d.backlog ?? 0;
					}
				const asked = addDays(from, c.askedAfter);
				const asOf = asked < to ? asked : to;
				const period = customPeriod(from, to);
				const table = await cityTable([...CENTERS, 'no-such-center'], period, { asOf, now });

				expect(table.rows.map((r) => r.centerId)).toEqual(CENTERS);
				expect(table.previous).toEqual({
					from: previousPeriod(period).from,
					to: previousPeriod(period).to
				});
				for (const [i, row] of table.rows.entries()) {
					const report = await buildReport(row.centerId, period, now, asOf);
					const before = await buildReport(row.centerId, previousPeriod(period), now);
					if (!report || !before) throw new Error('no report');
					expect(row.kpi).toEqual(kpiOfReport(report));
					expect(row.previous).toEqual(kpiOfReport(before));
					expect(row.change).toEqual(changeOf(kpiOfReport(report), kpiOfReport(before)));
					expect(row.previous.received).toBe(report.previous.received);
					expect(row.counts.throughput).toEqual(report.throughput.total);
					expect(row.counts.satisfaction).toEqual({
						counted: report.satisfaction.counted,
						satisfied: report.satisfaction.satisfied,
						flagged: report.satisfaction.flagged.total
					});
					expect(row.satisfaction).toEqual({
						target: report.satisfaction.target,
						met: report.satisfaction.met,
						belowTarget: report.satisfaction.belowTarget
					});
					expect(row.counts.devices.backlog).toBe(expected[i].backlog);
					// Each center's rating device (paired by the real clock) is judged like any other.
					const own = await db.query<{ n: number }>(
						`SELECT count(*)::int AS n FROM devices WHERE id = $1 AND paired_at < $2`,
						[`dev-${row.centerId}`, hours(24)]
					);
					expect(row.counts.devices.silent).toBe(expected[i].silent + own[0].n);
				}

				// The total: counts are the rows' sums; rates come from those sums, never from averaged rates.
				const { total } = table;
				const sum = (f: (r: (typeof table.rows)[number]) => number) =>
					table.rows.reduce((n, r) => n + f(r), 0);
				expect(total.counts.throughput.received).toEqual({
					total: sum((r) => r.counts.throughput.received.total),
					online: sum((r) => r.counts.throughput.received.online),
					direct: sum((r) => r.counts.throughput.received.direct),
					carriedOver: sum((r) => r.counts.throughput.received.carriedOver)
				});
				expect(total.counts.throughput.pending.overdue).toBe(
					sum((r) => r.counts.throughput.pending.overdue)
				);
				expect(total.counts.throughput.resolved.total).toBe(
					sum((r) => r.counts.throughput.resolved.total)
				);
				expect(total.counts.satisfaction.counted).toBe(sum((r) => r.kpi.counted));
				expect(total.counts.devices).toEqual({
					silent: sum((r) => r.counts.devices.silent),
					backlog: sum((r) => r.counts.devices.backlog)
				});
				expect(total.kpi.satisfactionRate).toBe(
					rateOf(
						sum((r) => r.counts.satisfaction.satisfied),
						sum((r) => r.counts.satisfaction.counted)
					)
				);
				expect(total.kpi.received).toBe(sum((r) => r.kpi.received));
				expect(total.previous.received).toBe(sum((r) => r.previous.received));

				// A city of one center: its total is its row.
				const one = await cityTable([CENTERS[1]], period, { asOf, now });
				expect(one.total.kpi).toEqual(one.rows[0].kpi);
				expect(one.total.previous).toEqual(one.rows[0].previous);
				expect(one.total.index).toEqual(one.rows[0].index);
			}),
			{ numRuns: 15, seed: 13 }
		);
	});

	it('equal centers share a rank', async () => {
		const period = customPeriod(day(0), day(30));
		for (const id of CENTERS)
			await storeRecords(
				db,
				id,
				{ dossiers: [], manual: [], ratings: [], counts: [], satisfied: ['hai_long'], target: 90 },
				period.from,
				period.to
			);
		// One dossier resolved on time in 'xa-3' only: it alone scores on-time points.
		await db.query(
			`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status)
			 VALUES ('xa-3', 'Một cửa', 'HS-1', 'Hộ tịch', 'truc_tiep', $1, $2, $2, 'da_tra_ket_qua')`,
			[day(1), day(5)]
		);
		const table = await cityTable(CENTERS, period);
		expect(table.rows.map((r) => [r.centerId, r.rank])).toEqual([
			['test', 2],
			['phuong-2', 2],
			['xa-3', 1]
		]);
		expect(table.rows[2].index.points).toBeGreaterThan(table.rows[0].index.points);
	});

	it("the trend is the city table's total of each of the 12 report months up to the period's", async () => {
		const records = fc.sample(recordsArb, { numRuns: CENTERS.length, seed: 21 });
		const period = customPeriod(day(60), day(80));
		for (const [i, id] of CENTERS.entries())
			await storeRecords(db, id, records[i], day(0), day(119));
		const months = await cityTrend(CENTERS, period, day(70));
		expect(months).toHaveLength(TREND_MONTHS);
		const last = periodContaining('month', 'chot-14', period.to);
		expect(months.at(-1)?.label).toBe(last.label);
		for (const m of months) {
			const month = customPeriod(m.from, m.to);
			const asOf = m.from > day(70) ? m.from : m.to < day(70) ? m.to : day(70);
			const { total } = await cityTable(CENTERS, month, { asOf });
			expect(m).toMatchObject({
				received: total.counts.throughput.received.total,
				resolved: total.counts.throughput.resolved.total,
				counted: total.counts.satisfaction.counted,
				satisfied: total.counts.satisfaction.satisfied,
				satisfactionRate: total.kpi.satisfactionRate
			});
		}
		expect(months.some((m) => m.received > 0)).toBe(true);
	});
});
