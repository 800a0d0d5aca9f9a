// The manager's dashboard (issue 4): dashboard() for a year of a large ward (bench/ward.ts), on PGlite and PostgreSQL.
import { bootTest, type Engine } from '$lib/server/testing';
import { dashboard } from '$lib/server/reports/dashboard';
import { median, ms, type Row } from './report';
import { postgresUrl } from './sync';
import { DOSSIERS, MONTH, RATINGS, seedLargeWard, YEAR } from './ward';

/** Issue 12: a year on the server within these, per engine. */
const TARGET_MS = { pglite: 200, postgres: 100 } as const;
const RUNS = 7;

async function timed(period: { from: string; to: string }): Promise<number[]> {
	await dashboard('test', period.from, period.to); // warm-up: plans and caches
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await dashboard('test', period.from, period.to);
		times.push(performance.now() - t0);
	}
	return times;
}

export async function dashboardBench(engine: Engine): Promise<{ rows: Row[]; notes: string[] }> {
	if (engine === 'postgres') process.env.TEST_DATABASE_URL = postgresUrl();
	const { db } = await bootTest(engine);
	try {
		const t0 = performance.now();
		const counters = await seedLargeWard(db);
		const seeded = performance.now() - t0;
		const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
		const year = median(await timed(YEAR));
		const month = median(await timed(MONTH));
		const check = await dashboard('test', YEAR.from, YEAR.to);
		return {
			rows: [
				{
					measure: `${label}: dashboard for a year, median of ${RUNS}`,
					figure: ms(year),
					target: `≤ ${TARGET_MS[engine]} ms`,
					pass: year <= TARGET_MS[engine]
				},
				{
					measure: `${label}: dashboard for a month, median of ${RUNS}`,
					figure: ms(month),
					target: ''
				}
			],
			notes: [
				`${label}: ${RATINGS.toLocaleString('en')} ratings (${check.satisfaction.counted.toLocaleString('en')} counted), ` +
					`${DOSSIERS.toLocaleString('en')} dossiers (${check.dossiers.received.toLocaleString('en')} in the year's table), ` +
					`${counters.toLocaleString('en')} counter rows; made in ${(seeded / 1000).toFixed(1)} s.`
			]
		};
	} finally {
		await db.close();
	}
}
