// A city of centers (issue 13): 114 centers of a year each in one PostgreSQL database (about 20,000 dossiers and
// 15,000 ratings per center, 10 devices each), the city's table for the year, one center's report, and the city
// report's data (every center's full figures, by the engine's many-center queries).
import { bootTest, type Engine } from '$lib/server/testing';
import { resolvePeriod } from '$lib/domain/periods';
import type { Db } from '$lib/server/db';
import { useDatabase } from '$lib/server/db';
import { buildReport, recountAfterChange } from '$lib/server/reports';
import { cityReport, cityTable, cityTrend } from '$lib/server/reports/city';
import { median, ms, s, type Row } from './report';
import { postgresUrl } from './sync';
import { seedLargeWard, YEAR } from './ward';

export const CENTERS = 114;
const SIZE = { ratings: 15_000, dossiers: 20_000, counters: false, vacuum: false };
const DEVICES = 10;
const TARGET_MS = { table: 1000, report: 200, cityReport: 2000 };
const RUNS = 5;

/** The city's centers: c001 to c114. */
export const ids = Array.from({ length: CENTERS }, (_, i) => `c${String(i + 1).padStart(3, '0')}`);

/** The city's centers in a database, a code and a name each, with the settings' defaults. */
export async function addCenters(db: Db): Promise<void> {
	await db.query(
		`INSERT INTO centers (id, name) SELECT id, 'Phường ' || n FROM unnest($1::text[]) WITH ORDINALITY AS c(id, n)`,
		[ids]
	);
}

async function seedCity(db: Db): Promise<void> {
	await addCenters(db);
	for (const id of ids) await seedLargeWard(db, id, SIZE);
	// Ten devices a center: one in three silent for days, each with some rows unsent.
	await db.query(
		`INSERT INTO devices (id, center_id, name, kind, token_hash, last_seen_at, backlog)
		 SELECT c.id || '-d' || k, c.id, 'Máy ' || k, 'counter', c.id || '-d' || k,
			now() - CASE WHEN k % 3 = 0 THEN interval '3 days' ELSE interval '5 minutes' END, k * 7
		 FROM unnest($1::text[]) AS c(id), generate_series(1, $2::int) AS k`,
		[ids, DEVICES]
	);
	await db.exec('VACUUM ANALYZE');
}

/** Median time of `fn` after a warm-up (plans, caches), `before` run untimed ahead of each run. */
async function timed(fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number> {
	await fn();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		await before?.();
		const t0 = performance.now();
		await fn();
		times.push(performance.now() - t0);
	}
	return median(times);
}

/** These centers' dossiers changed (their stamps renewed) with nothing counted again: what they kept is stale. */
const changed = (db: Db, centers: string[]) => () =>
	db.query(
		`UPDATE dossier_stamps SET stamp = gen_random_uuid() WHERE center_id = ANY($1::text[])`,
		[centers]
	);

/** As after an import into each of these centers: stamps renewed, and each import counts its center again. */
const imported = (db: Db, centers: string[], recounts: number[]) => async () => {
	await changed(db, centers)();
	for (const id of centers) {
		const t0 = performance.now();
		await recountAfterChange(id);
		recounts.push(performance.now() - t0);
	}
};

/** Another app instance, or this one restarted: the same database through a new handle, with nothing in memory. */
const restarted = (db: Db) => async () => useDatabase({ ...db });

export async function cityBench(engine: Engine): Promise<{ rows: Row[]; notes: string[] }> {
	if (engine === 'postgres') process.env.TEST_DATABASE_URL = postgresUrl();
	const { db } = await bootTest(engine);
	try {
		const t0 = performance.now();
		await seedCity(db);
		const seeded = performance.now() - t0;
		const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
		const year = resolvePeriod(YEAR.from, YEAR.to);
		const everyCenter = changed(db, ids);
		const recounts: number[] = [];
		// Each run a new day of the year still running: only its overdue split is counted for the day.
		let day = 0;
		const nextDay = () => `2026-11-${String(++day).padStart(2, '0')}`;
		const table = await timed(() => cityTable(ids, year), imported(db, ids, recounts));
		const tableOne = await timed(() => cityTable(ids, year), imported(db, [ids[56]], []));
		const tableAgain = await timed(() => cityTable(ids, year));
		const tableRestarted = await timed(() => cityTable(ids, year), restarted(db));
		useDatabase(db);
		const tableNewDay = await timed(() => cityTable(ids, year, { asOf: nextDay() }));
		const tableCold = await timed(() => cityTable(ids, year), everyCenter);
		const report = await timed(() => buildReport(ids[56], year), changed(db, [ids[56]]));
		const report2 = await timed(() => cityReport(ids, year), everyCenter);
		const trend = await timed(() => cityTrend(ids, year, YEAR.to), everyCenter);
		const trendAgain = await timed(() => cityTrend(ids, year, YEAR.to));
		const check = await cityTable(ids, year);
		const [{ dossiers, ratings }] = await db.query<{ dossiers: number; ratings: number }>(
			`SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM ratings)::int AS ratings`
		);
		const row = (measure: string, figure: number, target: number): Row => ({
			measure: `${label}: ${measure}, median of ${RUNS}`,
			figure: ms(figure),
			target: `≤ ${target} ms`,
			pass: figure <= target
		});
		return {
			rows: [
				row(
					`city table of ${CENTERS} centers for a year (and the year before), the first view after every center's import`,
					table,
					TARGET_MS.table
				),
				row(`the same, after one center's import`, tableOne, TARGET_MS.table),
				row(`the same, viewed again with no change between`, tableAgain, TARGET_MS.table),
				row(
					`the same, from another instance or after a restart (nothing in memory; kept in the database)`,
					tableRestarted,
					TARGET_MS.table
				),
				row(
					`the same for the year still running, on a new day with no import (its overdue split counted)`,
					tableNewDay,
					TARGET_MS.table
				),
				row(
					`the same with nothing kept: a period first viewed, every center's dossiers changed`,
					tableCold,
					TARGET_MS.table
				),
				row(
					`one center's report for a year, among ${CENTERS}, its dossiers just changed`,
					report,
					TARGET_MS.report
				),
				row(
					`city report (its table, checks and every center's figures) for a year, every center's dossiers just changed`,
					report2,
					TARGET_MS.cityReport
				)
			],
			notes: [
				`${label}: ${CENTERS} centers, ${dossiers.toLocaleString('en')} dossiers and ${ratings.toLocaleString('en')} ratings in all ` +
					`(${check.total.counts.throughput.received.total.toLocaleString('en')} dossiers and ${check.total.counts.satisfaction.counted.toLocaleString('en')} counted ratings in the year's total), ` +
					`${(CENTERS * DEVICES).toLocaleString('en')} devices (${check.total.counts.devices.silent} silent); made in ${s(seeded)}.`,
				`${label}: /city's 12-month trend (asked for after the page shows): ${ms(trend)} with every center's dossiers just changed, ${ms(trendAgain)} viewed again.`,
				`${label}: an import's recount of its center's viewed periods (after the import, before the next view): median ${ms(median(recounts))} a center.`
			]
		};
	} finally {
		await db.close();
	}
}
