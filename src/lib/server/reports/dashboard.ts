// The dashboard's figures for a period of local dates: aggregate queries (ratings by time, ratings by field and
// counter, dossiers, dossiers per day, and the report's own look-up counts), each one pass over its rows in the
// database, so a year of a large ward stays fast (bench/dashboard.ts).
import { localDate } from '$lib/domain/periods';
import {
	kpiOf,
	ON_TIME_TARGET,
	plottedDates,
	previousSpan,
	OVERDUE_TARGET,
	rateFigure,
	rateOf,
	weeksOf,
	type Dashboard,
	type NamedRate
} from '$lib/domain/dashboard';
import { dayNumber } from '$lib/domain/periods';
import { targetFor, targetRules } from '$lib/domain/targets';
import { db } from '../db';
import { inTurn } from './heavy';
import { countsPerKey, during, topProcedures, totals, ZONE } from '.';

interface Center {
	name: string;
	target: number;
	rules: unknown;
	satisfied: string[];
}

const COUNTS = `count(*) FILTER (WHERE flag IS NULL)::int AS counted,
	count(*) FILTER (WHERE flag IS NULL AND level = ANY($4::text[]))::int AS satisfied,
	count(*) FILTER (WHERE flag IS NOT NULL)::int AS flagged,
	count(*) FILTER (WHERE late)::int AS late`;
const IN_PERIOD = `FROM ratings WHERE center_id = $1 AND ${during('rated_at')}`;

interface TimeRow {
	/** 1: a local day's row; 2: a weekday and hour's row (the GROUPING bit of what was grouped away). */
	g: number;
	day: string | null;
	dow: number | null;
	hour: number | null;
	counted: number;
	satisfied: number;
}

/**
 * Ratings per local day, and per local weekday (0 = Monday) and hour. They are first summed per hour of absolute time
 * (a cheap hash of up to 8,784 groups), and only those hours are turned into local time: converting each of 100,000
 * rows costs more than the rest of the query. Exact, because the center's zone is a whole number of hours off UTC.
 */
async function ratingsByTime(
	centerId: string,
	from: string,
	to: string,
	satisfied: string[]
): Promise<TimeRow[]> {
	return (await db()).query<TimeRow>(
		`WITH h AS (
			SELECT date_bin('1 hour', rated_at, timestamptz '2000-01-01 00:00Z') AS h, ${COUNTS} ${IN_PERIOD} GROUP BY 1
		), l AS (
			SELECT (h AT TIME ZONE '${ZONE}') AS local, counted, satisfied FROM h
		), x AS (
			SELECT local::date::text AS day, extract(isodow FROM local)::int - 1 AS dow, extract(hour FROM local)::int AS hour, counted, satisfied FROM l
		)
		SELECT GROUPING(day, dow) AS g, day, dow, hour, sum(counted)::bigint AS counted, sum(satisfied)::bigint AS satisfied
		FROM x GROUP BY GROUPING SETS ((day), (dow, hour))`,
		[centerId, from, to, satisfied]
	);
}

interface GroupRow {
	/** 1: a field's row; 2: a counter's row; 3: all ratings (the GROUPING bits of what was grouped away). */
	g: number;
	field: string | null;
	counter: string | null;
	counted: number;
	satisfied: number;
	flagged: number;
	late: number;
}

/** Ratings per field, per counter and in all: one scan, hashed three ways. */
async function ratingsByGroup(
	centerId: string,
	from: string,
	to: string,
	satisfied: string[]
): Promise<GroupRow[]> {
	return (await db()).query<GroupRow>(
		`SELECT GROUPING(field, counter) AS g, COALESCE(field, '') AS field, COALESCE(counter, '') AS counter, ${COUNTS}
		${IN_PERIOD} GROUP BY GROUPING SETS ((field), (counter), ())`,
		[centerId, from, to, satisfied]
	);
}

interface DossierTotals {
	received: number;
	resolved: number;
	early: number;
	on_time: number;
	late: number;
	rejected: number;
	withdrawn: number;
	pending: number;
	overdue: number;
}

/**
 * The 16-column table's total row (PRODUCT.md), only the columns the dashboard shows. Overdue is judged on `asOf`: the
 * period's end, or today while the period runs (a dossier due next week is not overdue yet).
 */
async function dossierTotals(
	centerId: string,
	from: string,
	to: string,
	asOf: string
): Promise<DossierTotals> {
	const [row] = await (
		await db()
	).query<DossierTotals>(
		`WITH d AS (
			SELECT status, due_on, finished_on, finished_on IS NOT NULL AND finished_on <= $3 AS done
			FROM dossiers
			-- In the table: received by the end, and not finished before the start (a carried-over dossier counts).
			WHERE center_id = $1 AND received_on <= $3 AND (received_on >= $2 OR finished_on IS NULL OR finished_on >= $2)
		)
		SELECT count(*)::int AS received,
			count(*) FILTER (WHERE done)::int AS resolved,
			count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND finished_on < due_on)::int AS early,
			count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND (due_on IS NULL OR finished_on = due_on))::int AS on_time,
			count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND finished_on > due_on)::int AS late,
			count(*) FILTER (WHERE done AND status = 'tu_choi')::int AS rejected,
			count(*) FILTER (WHERE done AND status = 'rut')::int AS withdrawn,
			count(*) FILTER (WHERE NOT done)::int AS pending,
			-- (15): pending past due, except those waiting for the citizen's supplement (16).
			count(*) FILTER (WHERE NOT done AND NOT (status = 'yeu_cau_bo_sung' AND finished_on IS NULL) AND due_on < $4)::int AS overdue
		FROM d`,
		[centerId, from, to, asOf]
	);
	return row;
}

/** Dossiers received and finished on each day of the period. */
async function dossierDays(
	centerId: string,
	from: string,
	to: string
): Promise<Map<string, { received: number; resolved: number }>> {
	const rows = await (
		await db()
	).query<{ day: string; received: number; resolved: number }>(
		`SELECT day::text AS day, sum(received)::bigint AS received, sum(resolved)::bigint AS resolved FROM (
			SELECT received_on AS day, count(*) AS received, 0 AS resolved FROM dossiers
			WHERE center_id = $1 AND received_on BETWEEN $2 AND $3 GROUP BY received_on
			UNION ALL
			SELECT finished_on, 0, count(*) FROM dossiers
			WHERE center_id = $1 AND finished_on BETWEEN $2 AND $3 AND received_on <= $3 GROUP BY finished_on
		) t GROUP BY day`,
		[centerId, from, to]
	);
	return new Map(rows.map((r) => [r.day, r]));
}

/** QR scans in all and the most looked-up catalogue procedures: the report's own figures (publicity), so the two agree. */
async function lookups(
	centerId: string,
	from: string,
	to: string
): Promise<{ qrScans: number; top: Dashboard['top'] }> {
	const q = await db();
	const perKey = await countsPerKey(q, centerId, from, to);
	return { qrScans: totals(perKey).qrScans, top: await topProcedures(q, centerId, perKey) };
}

const collator = new Intl.Collator('vi', { numeric: true });
const byName = (a: NamedRate, b: NamedRate) => collator.compare(a.name, b.name);

/** The dashboard of a center for local dates [from, to], both included, as it stands at `now`. */
export async function dashboard(
	centerId: string,
	from: string,
	to: string,
	now = new Date()
): Promise<Dashboard> {
	if (Number.isNaN(dayNumber(from)) || Number.isNaN(dayNumber(to)) || from > to)
		throw new RangeError(`bad period ${from}..${to}`);
	return inTurn(async () => {
		const current = await build(centerId, from, to, now);
		// The cards compare with as many days just before the period as it has run so far.
		const span = previousSpan(from, to, localDate(now));
		const previous = span
			? { ...span, kpi: kpiOf(await build(centerId, span.from, span.to, now)) }
			: null;
		return { ...current, previous };
	});
}

async function build(
	centerId: string,
	from: string,
	to: string,
	now: Date
): Promise<Omit<Dashboard, 'previous'>> {
	const [center] = await (
		await db()
	).query<Center>(
		`SELECT name, satisfaction_target AS target, field_targets AS rules, satisfied_levels AS satisfied FROM centers WHERE id = $1`,
		[centerId]
	);
	if (!center) throw new Error(`no center ${centerId}`);
	const rules = targetRules(center.rules);
	const today = localDate(now);
	const [times, groups, table, perDay, looked] = await Promise.all([
		ratingsByTime(centerId, from, to, center.satisfied),
		ratingsByGroup(centerId, from, to, center.satisfied),
		dossierTotals(centerId, from, to, today < to ? today : to),
		dossierDays(centerId, from, to),
		lookups(centerId, from, to)
	]);

	const all = groups.find((r) => r.g === 3) ?? { counted: 0, satisfied: 0, flagged: 0, late: 0 };
	const ratingDays = new Map(times.filter((r) => r.g === 1).map((r) => [r.day, r]));
	const days = plottedDates(from, to, today).map((date) => {
		const r = ratingDays.get(date);
		const d = perDay.get(date);
		const counted = r?.counted ?? 0;
		const satisfied = r?.satisfied ?? 0;
		return {
			date,
			counted,
			satisfied,
			rate: rateOf(satisfied, counted),
			received: d?.received ?? 0,
			resolved: d?.resolved ?? 0
		};
	});
	const named = (
		g: number,
		key: 'field' | 'counter',
		target: (name: string) => number
	): NamedRate[] =>
		groups
			.filter((r) => r.g === g && r.counted > 0)
			.map((r) => {
				const name = r[key] ?? '';
				return { name, ...rateFigure(r.counted, r.satisfied, target(name)) };
			})
			.sort(byName);
	const fields = named(1, 'field', (name) => targetFor(name, center.target, rules));
	const counters = named(2, 'counter', () => center.target);
	const heat = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
	for (const r of times)
		if (r.g === 2 && r.dow !== null && r.hour !== null) heat[r.dow][r.hour] = r.counted;

	const onTimeBase = table.early + table.on_time + table.late;
	const onTimeRate = rateOf(table.early + table.on_time, onTimeBase);
	return {
		center: { name: center.name },
		period: { from, to },
		generatedAt: now.toISOString(),
		satisfaction: {
			...rateFigure(all.counted, all.satisfied, center.target),
			flagged: all.flagged,
			late: all.late
		},
		dossiers: {
			received: table.received,
			resolved: table.resolved,
			early: table.early,
			onTime: table.on_time,
			late: table.late,
			rejected: table.rejected,
			withdrawn: table.withdrawn,
			onTimeRate,
			onTimeTarget: ON_TIME_TARGET,
			onTimeMet: onTimeRate === null ? null : onTimeRate >= ON_TIME_TARGET,
			pending: table.pending,
			overduePending: table.overdue,
			overdueTarget: OVERDUE_TARGET,
			overdueMet: table.overdue <= OVERDUE_TARGET
		},
		qrScans: looked.qrScans,
		days,
		weeks: weeksOf(days),
		fields,
		counters,
		heat,
		top: looked.top,
		belowTarget: fields
			.filter((f) => f.met === false && f.rate !== null)
			.map((f) => ({ name: f.name, rate: f.rate ?? 0, target: f.target }))
			.sort((a, b) => a.rate - b.rate || collator.compare(a.name, b.name))
	};
}
