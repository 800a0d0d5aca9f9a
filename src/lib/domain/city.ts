// The city's table of centers (issue 13): the main figures each row shows, their change against the period before,
// and the rank. Pure: the server (reports/city.ts) takes each center's figures from the report engine and the city
// total's from the summed counts.

/** A row's main figures: the ones the table sorts by and compares with the period before. */
export interface CityKpi {
	/** Ratings counted (flagged ones left out). */
	counted: number;
	satisfactionRate: number | null;
	/** (3) and (7) of the throughput table. */
	received: number;
	resolved: number;
	/** Early or on time among resolved with a due date judged (the dashboard's on-time rate); null with none. */
	onTimeRate: number | null;
	/** (15): pending past their due date. */
	overduePending: number;
	/** (4) as a share of (3), as the report's rate row gives it. */
	onlineRate: number;
	/** Where the records say so; null where no dossier does. */
	paymentRate: number | null;
	digitisationRate: number | null;
	/** The Decision 766 estimate's points over the indicators the records determine. */
	indexPoints: number;
}

/** Each main figure now less the same figure for the period before (percentage points for rates); null where either is. */
export type CityChange = { [K in keyof CityKpi]: number | null };

export function changeOf(now: CityKpi, before: CityKpi): CityChange {
	const change = {} as CityChange;
	for (const key of Object.keys(now) as (keyof CityKpi)[]) {
		const a = now[key];
		const b = before[key];
		change[key] = a === null || b === null ? null : a - b;
	}
	return change;
}

/**
 * Ranks (1 = best) by the index estimate, then by the satisfaction rate (none counted below any rate), each compared as
 * printed (points to 2 decimals, rates to 1), so two centers the table shows equal share a rank: 1, 2, 2, 4.
 */
export function ranks(rows: Pick<CityKpi, 'indexPoints' | 'satisfactionRate'>[]): number[] {
	const keys = rows.map((r) => [
		Math.round(r.indexPoints * 100),
		r.satisfactionRate === null ? -1 : Math.round(r.satisfactionRate * 10)
	]);
	const better = (a: number[], b: number[]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
	return keys.map((k) => 1 + keys.filter((other) => better(other, k)).length);
}
