// The monthly report (issue 4): buildReport for a year and for a month of a large ward (60,000 dossiers, 100,000
// ratings, a year of counters), on PGlite and on PostgreSQL; issue 12 targets a year in ≤ 100 ms on PostgreSQL, ≤ 200 ms on PGlite.
import { bootTest, type Engine } from '$lib/server/testing';
import { resolvePeriod } from '$lib/domain/periods';
import { buildReport } from '$lib/server/reports';
import { median, ms, type Row } from './report';
import { postgresUrl } from './sync';
import { DOSSIERS, MONTH, RATINGS, seedLargeWard, YEAR } from './ward';

/** Issue 12: a year on the server within these, per engine. */
const TARGET_MS = { pglite: 200, postgres: 100 } as const;
const RUNS = 7;

async function timed(range: { from: string; to: string }): Promise<number[]> {
	const period = resolvePeriod(range.from, range.to);
	await buildReport('test', period); // warm-up: plans and caches
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await buildReport('test', period);
		times.push(performance.now() - t0);
	}
	return times;
}

export async function reportBench(engine: Engine): Promise<{ rows: Row[]; notes: string[] }> {
	if (engine === 'postgres') process.env.TEST_DATABASE_URL = postgresUrl();
	const { db } = await bootTest(engine);
	try {
		const counters = await seedLargeWard(db);
		const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
		const year = median(await timed(YEAR));
		const month = median(await timed(MONTH));
		const check = await buildReport('test', resolvePeriod(YEAR.from, YEAR.to));
		return {
			rows: [
				{
					measure: `${label}: report for a year (and the year before), median of ${RUNS}`,
					figure: ms(year),
					target: `≤ ${TARGET_MS[engine]} ms`,
					pass: year <= TARGET_MS[engine]
				},
				{
					measure: `${label}: report for a month, median of ${RUNS}`,
					figure: ms(month),
					target: ''
				}
			],
			notes: [
				`${label}: ${RATINGS.toLocaleString('en')} ratings (${check?.satisfaction.counted.toLocaleString('en')} counted in the year), ` +
					`${DOSSIERS.toLocaleString('en')} dossiers (${check?.throughput.total.received.total.toLocaleString('en')} in the year's table), ` +
					`${counters.toLocaleString('en')} counter rows. The year's report computes the previous year's summary too.`
			]
		};
	} finally {
		await db.close();
	}
}
