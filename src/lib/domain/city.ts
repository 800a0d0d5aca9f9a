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

/** A month of the city's trend: the city total's dossiers and satisfaction, from the centers' summed counts. */
export interface CityMonth {
	/** "Tháng 5/2026": the report month (15th to 14th), as the center's reports name it. */
	label: string;
	from: string;
	to: string;
	/** (3) and (7) of the city's throughput total. */
	received: number;
	resolved: number;
	counted: number;
	satisfied: number;
	satisfactionRate: number | null;
}

/** The histogram's bins of satisfaction rates (percent), lowest first; a center with no ratings counted is apart. */
export const SATISFACTION_BINS = [
	{ label: 'Dưới 70%', below: 70 },
	{ label: '70% – dưới 80%', below: 80 },
	{ label: '80% – dưới 90%', below: 90 },
	{ label: '90% – dưới 95%', below: 95 },
	{ label: 'Từ 95% trở lên', below: Infinity }
] as const;
export const NO_RATINGS_BIN = 'Chưa có đánh giá';

/** How many centers (and which) fall in each bin of satisfaction rate, then those with no ratings counted. */
export function satisfactionBins(
	centers: { name: string; rate: number | null }[]
): { label: string; names: string[] }[] {
	const bins = [
		...SATISFACTION_BINS.map((b) => ({ label: b.label, names: [] as string[] })),
		{ label: NO_RATINGS_BIN, names: [] as string[] }
	];
	for (const c of centers) {
		const i =
			c.rate === null
				? SATISFACTION_BINS.length
				: SATISFACTION_BINS.findIndex((b) => (c.rate ?? 0) < b.below);
		bins[i].names.push(c.name);
	}
	return bins;
}
