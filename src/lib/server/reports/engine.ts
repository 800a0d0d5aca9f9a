// The report engine: the one place that turns centers' records into figures for a period of local dates. Dossiers
// imported from files and figures typed by hand (throughput), ratings (satisfaction) and device counts (publicity),
// each by aggregate queries (no per-row loops over a year of records), for any number of centers at once: one center's
// figures are the one-center case of the city's. The report, its files, the JSON API and the CLI (index.ts), the
// dashboard (dashboard.ts) and the city's table (city.ts) all read these figures, so they cannot disagree.
import { createHash } from 'node:crypto';
import type {
	PublicityPart,
	SatisfactionGroup,
	SatisfactionPart,
	ThroughputPart
} from '$lib/domain/report';
import {
	addRow,
	checkIdentities,
	emptyRow,
	percentOf,
	rateRow,
	type ThroughputRow
} from '$lib/domain/throughput';
import type { Check } from '$lib/domain/report';
import { estimateIndex, type IndexEstimate, type IndexRules } from '$lib/domain/service-index';
import { targetFor, targetRules } from '$lib/domain/targets';
import { VN_ZONE } from '$lib/domain/vn-time';
import { LEVELS, type Level } from '$lib/schemas/procedure';
import {
	RATING_LEVELS,
	REASONS,
	SCALES,
	type RatingLevel,
	type Reason,
	type Scale
} from '$lib/schemas/sync';
import { levelLabels, ratingLabels, reasonLabels } from '$lib/components/labels';
import { VOIDED_ROWS } from '../devices/voids';
import { rulesInForce } from './index-rules';
import { keptKeys, stamped } from './stamped';
import { manualRows } from '../dossiers';
import type { Queryable } from '../db/client';

/**
 * `column` within the local dates [$2, $3]: from the start of $2 to before the start of the day after $3, in Việt Nam
 * time. A range on the column itself, so its index serves it.
 */
const during = (column: string) =>
	`${column} >= ($2::date::timestamp AT TIME ZONE '${VN_ZONE}') AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE '${VN_ZONE}')`;
const COMMENTS_SHOWN = 200;
const TOP_PROCEDURES = 10;

/** Local dates [from, to], both included, judged as of `asOf` (`to` unless said: a period still running passes today). */
export interface Span {
	from: string;
	to: string;
	/** The day pending dossiers are judged overdue on; between `from` and `to`. */
	asOf?: string;
}

/**
 * Where the figures are read. `records` (ratings, dossiers, counts, the catalogue) may be a read replica a few seconds
 * behind; `settings` (a center's rules, the index weights) is the primary, so what an admin has just saved is what the
 * next report applies.
 */
export interface Sources {
	records: Queryable;
	settings: Queryable;
}

/** The center's rating settings, which every satisfaction figure depends on. */
export interface CenterRules {
	id: string;
	rating_scale: Scale;
	satisfied_levels: RatingLevel[];
	satisfaction_target: number;
	field_targets: unknown;
	/** Whether the report prints the service-index estimate. */
	report_index: boolean;
}

export async function centerRules(
	q: Queryable,
	centerId: string
): Promise<CenterRules | undefined> {
	const [center] = await centersRules(q, [centerId]);
	return center;
}

/** The rules of these centers, in the order asked; an unknown id is left out. */
export async function centersRules(q: Queryable, centerIds: string[]): Promise<CenterRules[]> {
	const rows = await q.query<CenterRules>(
		`SELECT id, rating_scale, satisfied_levels, satisfaction_target, field_targets, report_index FROM centers WHERE id = ANY($1::text[])`,
		[centerIds]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return centerIds.flatMap((id) => byId.get(id) ?? []);
}

/** Rows of many centers, one list per center of `centerIds` in its order (each list in the rows' order). */
function perCenter<T>(rows: T[], centerOf: (row: T) => string, centerIds: string[]): T[][] {
	const by = new Map(centerIds.map((id) => [id, [] as T[]]));
	for (const row of rows) by.get(centerOf(row))?.push(row);
	return centerIds.map((id) => by.get(id) ?? []);
}

export interface Figures {
	throughput: ThroughputParts;
	satisfaction: SatisfactionPart;
	publicity: PublicityPart;
	/** The service-index weights in force on the span's last day. */
	indexRules: IndexRules;
}

/** The figures without the publicity part, for readers that never show it (the city's table and trend). */
export type CountedFigures = Omit<Figures, 'publicity'>;

/**
 * Every figure of a center for a span. With `detail` false only the totals a comparison needs are right: no reasons,
 * comments, posted procedures or top list (a previous period's summary, a dashboard's previous span).
 */
export async function figures(
	sources: Sources,
	center: CenterRules,
	span: Span,
	detail = true
): Promise<Figures> {
	const [one] = await manyFigures(sources, [center], span, detail);
	return one;
}

/**
 * `figures` of each center, in the order given, by the same queries run once for all of them. With `publicity: false`
 * (a reader that never shows it: the city's table and trend) the publicity part's queries are not run and the figures have no
 * such field, so nothing can read it by mistake.
 */
export async function manyFigures(
	sources: Sources,
	centers: CenterRules[],
	span: Span,
	detail?: boolean
): Promise<Figures[]>;
export async function manyFigures(
	sources: Sources,
	centers: CenterRules[],
	span: Span,
	detail: boolean,
	parts: { publicity: false }
): Promise<CountedFigures[]>;
export async function manyFigures(
	sources: Sources,
	centers: CenterRules[],
	span: Span,
	detail = true,
	parts: { publicity?: false } = {}
): Promise<(Figures | CountedFigures)[]> {
	const full = { from: span.from, to: span.to, asOf: span.asOf ?? span.to };
	const ids = centers.map((c) => c.id);
	const [throughput, satisfaction, publicity, indexRules] = await Promise.all([
		throughputParts(sources, ids, full),
		satisfactionParts(sources.records, centers, full, detail),
		parts.publicity === false ? null : publicityParts(sources.records, ids, full, detail),
		rulesInForce(sources.settings, span.to)
	]);
	return centers.map((_, i) => {
		const figured = { throughput: throughput[i], satisfaction: satisfaction[i], indexRules };
		return publicity ? { ...figured, publicity: publicity[i] } : figured;
	});
}

/** Where a period's dossier figures come from, for a page to say: records imported from files, figures typed by hand. */
export function dossierSources(part: ThroughputPart): { records: boolean; manual: string[] } {
	return {
		records: part.sources.some((s) => s.kind === 'records'),
		manual: part.sources.filter((s) => s.kind === 'manual').map((s) => s.name)
	};
}

/** The Decision 766 estimate from a span's figures: the report and the dashboard give it the same numbers. */
export function indexOf({ throughput, satisfaction, indexRules }: CountedFigures): IndexEstimate {
	return estimateIndex(
		{
			throughput: throughput.part.total,
			payment: throughput.part.payment,
			digitisation: throughput.part.digitisation,
			satisfaction: { counted: satisfaction.counted, satisfied: satisfaction.satisfied }
		},
		indexRules
	);
}

// ---- Throughput -------------------------------------------------------------------------------------------------

/** One group of the throughput query: a field of a source, with the 13 counted columns (totals are sums). */
interface CountsRow {
	center_id: string;
	field: string;
	source: string;
	online: number;
	direct: number;
	carried_over: number;
	early: number;
	on_time: number;
	late: number;
	rejected: number;
	withdrawn: number;
	pending_on_time: number;
	overdue: number;
	supplement: number;
	with_fee: number;
	paid_online: number;
	fee_known: number;
	digitised: number;
	digitised_known: number;
}

// The rules of PRODUCT.md's 16 columns, for the centers $1, (src/lib/domain/throughput.ts `tally` spells them one
// dossier at a time, and a test holds the two equal), as one aggregate: a dossier is in the table unless received
// after `to` ($3) or both received and finished before `from` ($2). Pending dossiers are counted here whole; which of
// them are overdue depends on the as-of day, which moves every day for a period still running, so that split is
// OVERDUE_SQL's: this, the heavy part, is kept once per period and version of the data, not once per day.
const THROUGHPUT_SQL = `
	WITH d AS (
		SELECT center_id, field, source, channel, status, due_on, finished_on, has_fee, paid_online, digitized,
			received_on < $2::date AS carried,
			finished_on IS NOT NULL AND finished_on <= $3::date AS done
		FROM dossiers
		WHERE center_id = ANY($1::text[]) AND received_on <= $3::date AND (received_on >= $2::date OR finished_on IS NULL OR finished_on >= $2::date)
	)
	SELECT center_id, field, source,
		count(*) FILTER (WHERE NOT carried AND channel = 'truc_tuyen')::int AS online,
		count(*) FILTER (WHERE NOT carried AND channel <> 'truc_tuyen')::int AS direct,
		count(*) FILTER (WHERE carried)::int AS carried_over,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND due_on IS NOT NULL AND finished_on < due_on)::int AS early,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND (due_on IS NULL OR finished_on = due_on))::int AS on_time,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND finished_on > due_on)::int AS late,
		count(*) FILTER (WHERE done AND status = 'tu_choi')::int AS rejected,
		count(*) FILTER (WHERE done AND status = 'rut')::int AS withdrawn,
		count(*) FILTER (WHERE NOT done AND NOT (status = 'yeu_cau_bo_sung' AND finished_on IS NULL))::int AS pending,
		count(*) FILTER (WHERE NOT done AND status = 'yeu_cau_bo_sung' AND finished_on IS NULL)::int AS supplement,
		count(*) FILTER (WHERE has_fee)::int AS with_fee,
		count(*) FILTER (WHERE has_fee AND paid_online)::int AS paid_online,
		count(has_fee)::int AS fee_known,
		count(*) FILTER (WHERE digitized)::int AS digitised,
		count(digitized)::int AS digitised_known
	FROM d GROUP BY center_id, field, source`;

// Of THROUGHPUT_SQL's pending dossiers (not finished by `to`, $2, and not waiting for a supplement), those due before
// the as-of day $3 (`to` itself for a closed period): overdue. A pending dossier is in the table whatever `from` is,
// so `from` is not asked. Reads only the unfinished dossiers, by the finished_on index: a small part of a year.
const OVERDUE_SQL = `
	SELECT center_id, field, source, count(*)::int AS overdue
	FROM dossiers
	WHERE center_id = ANY($1::text[]) AND received_on <= $2::date AND due_on < $3::date
		AND (finished_on IS NULL OR finished_on > $2::date) AND NOT (status = 'yeu_cau_bo_sung' AND finished_on IS NULL)
	GROUP BY center_id, field, source`;

function rowOf(c: CountsRow): ThroughputRow {
	const received = { online: c.online, direct: c.direct, carriedOver: c.carried_over };
	const resolved = {
		early: c.early,
		onTime: c.on_time,
		late: c.late,
		rejected: c.rejected,
		withdrawn: c.withdrawn
	};
	const pending = { onTime: c.pending_on_time, overdue: c.overdue, supplement: c.supplement };
	const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
	return {
		received: { total: sum(received), ...received },
		resolved: { total: sum(resolved), ...resolved },
		pending: { total: sum(pending), ...pending }
	};
}

export interface ThroughputParts {
	part: ThroughputPart;
	/** Each source's field rows as they came, for the checks. */
	parts: { source: string; kind: 'records' | 'manual'; field: string; row: ThroughputRow }[];
}

async function throughputParts(
	sources: Sources,
	centerIds: string[],
	{ from, to, asOf }: Required<Span>
): Promise<ThroughputParts[]> {
	const [counted, manual] = await Promise.all([
		countedRows(sources, centerIds, { from, to, asOf }),
		manualRows(centerIds, from, to)
	]);
	const manualBy = perCenter(manual, (m) => m.centerId, centerIds);
	return counted.map((rows, i) => throughputPart(rows, manualBy[i]));
}

/** What kept counts are keyed by: each query's own text, so counts of another version of it are never read back. */
const keyOf = (name: string, sql: string) => [
	name,
	createHash('sha256').update(sql).digest('hex').slice(0, 16)
];
const THROUGHPUT_KEY = keyOf('throughput', THROUGHPUT_SQL);
const OVERDUE_KEY = keyOf('overdue', OVERDUE_SQL);

type TotalsRow = Omit<CountsRow, 'pending_on_time' | 'overdue'> & { pending: number };
type OverdueRow = Pick<CountsRow, 'center_id' | 'field' | 'source' | 'overdue'>;

/** Each center's rows of a query, counted again only for the centers whose dossiers changed (stamped.ts). */
function keptRows<T extends { center_id: string }>(
	sources: Sources,
	centerIds: string[],
	key: (string | number)[],
	sql: string,
	params: string[]
): Promise<T[][]> {
	return stamped(sources, centerIds, key, async (ids) => {
		const rows = await sources.records.query<T>(sql, [ids, ...params]);
		const by = perCenter(rows, (c) => c.center_id, ids);
		return new Map(ids.map((id, i) => [id, by[i]]));
	});
}

const totalsRows = (sources: Sources, centerIds: string[], from: string, to: string) =>
	keptRows<TotalsRow>(sources, centerIds, [...THROUGHPUT_KEY, from, to], THROUGHPUT_SQL, [
		from,
		to
	]);

const overdueRows = (sources: Sources, centerIds: string[], to: string, asOf: string) =>
	keptRows<OverdueRow>(sources, centerIds, [...OVERDUE_KEY, to, asOf], OVERDUE_SQL, [to, asOf]);

/** Each center's throughput rows: the period's totals, their pending ones split into on time and overdue on `asOf`. */
async function countedRows(
	sources: Sources,
	centerIds: string[],
	{ from, to, asOf }: Required<Span>
): Promise<CountsRow[][]> {
	const [totals, overdue] = await Promise.all([
		totalsRows(sources, centerIds, from, to),
		overdueRows(sources, centerIds, to, asOf)
	]);
	const group = (r: { field: string; source: string }) => JSON.stringify([r.field, r.source]);
	return totals.map((rows, i) => {
		const late = new Map(overdue[i].map((o) => [group(o), o.overdue]));
		return rows.map(({ pending, ...row }) => {
			const due = late.get(group(row)) ?? 0;
			return { ...row, pending_on_time: pending - due, overdue: due };
		});
	});
}

/** Most periods of a center counted again after an import: a dashboard's, a report's, a city's table and trend. */
const RECOUNTED = 40;

/**
 * After an import or typed figures changed a center's dossiers: the counts of every period read within the month are
 * counted again now, so the next view (a city's table among them) finds them kept. Returns how many.
 */
export async function recountKept(sources: Sources, centerId: string): Promise<number> {
	const totals = await keptKeys(sources.settings, centerId, THROUGHPUT_KEY, RECOUNTED);
	for (const key of totals) {
		const [from, to] = key.slice(THROUGHPUT_KEY.length).map(String);
		await totalsRows(sources, [centerId], from, to);
	}
	const overdue = await keptKeys(sources.settings, centerId, OVERDUE_KEY, RECOUNTED);
	for (const key of overdue) {
		const [to, asOf] = key.slice(OVERDUE_KEY.length).map(String);
		await overdueRows(sources, [centerId], to, asOf);
	}
	return totals.length + overdue.length;
}

function throughputPart(
	counted: CountsRow[],
	manual: { source: string; field: string; row: ThroughputRow }[]
): ThroughputParts {
	const parts: ThroughputParts['parts'] = [
		...counted.map((c) => ({
			source: c.source,
			kind: 'records' as const,
			field: c.field,
			row: rowOf(c)
		})),
		...manual.map((m) => ({
			source: m.source,
			kind: 'manual' as const,
			field: m.field,
			row: m.row
		}))
	];
	const byField = new Map<string, ThroughputRow>();
	const bySource = new Map<string, { kind: 'records' | 'manual'; total: ThroughputRow }>();
	const total = emptyRow();
	for (const p of parts) {
		const fieldRow = byField.get(p.field) ?? emptyRow();
		byField.set(p.field, addRow(fieldRow, p.row));
		const source = bySource.get(p.source) ?? { kind: p.kind, total: emptyRow() };
		bySource.set(p.source, source);
		addRow(source.total, p.row);
		addRow(total, p.row);
	}
	const collator = new Intl.Collator('vi');
	const rows = [...byField]
		.sort(([a], [b]) => collator.compare(a, b))
		.map(([field, row]) => ({ field, ...row }));
	const sources = [...bySource]
		.sort(([a], [b]) => collator.compare(a, b))
		.map(([name, s]) => ({ name, ...s }));
	const sum = (key: keyof CountsRow) => counted.reduce((n, c) => n + Number(c[key]), 0);
	return {
		parts,
		part: {
			rows,
			total,
			rate: rateRow(total),
			sources,
			payment:
				sum('fee_known') === 0
					? null
					: {
							withFee: sum('with_fee'),
							paidOnline: sum('paid_online'),
							rate: percentOf(sum('paid_online'), sum('with_fee'))
						},
			digitisation:
				sum('digitised_known') === 0
					? null
					: {
							known: sum('digitised_known'),
							digitised: sum('digitised'),
							rate: percentOf(sum('digitised'), sum('digitised_known'))
						}
		}
	};
}

/** Figures typed by hand break identities; say where. Rows computed from records hold them by construction. */
export function throughputChecks(parts: ThroughputParts['parts']): Check[] {
	return parts.flatMap((p) =>
		checkIdentities(p.row).map((b) => ({
			scope: p.kind === 'manual' ? ('manual' as const) : ('throughput' as const),
			field: p.field,
			source: p.source,
			identity: b.identity,
			left: b.left,
			right: b.right,
			message: b.message
		}))
	);
}

// ---- Satisfaction -----------------------------------------------------------------------------------------------

interface RatingGroup {
	center_id: string;
	field: string;
	counter: string;
	level: RatingLevel;
	flag: 'too_soon' | 'repeat_ticket' | 'repeat_dossier' | null;
	n: number;
	late: number;
}

// Ratings are read from their per-day sums (rating_days, rating_reason_days: migration 014, kept by triggers), never
// row by row: a year of a large ward is about 30,000 sums against 100,000 ratings. A sum of 0 (a rating flagged after
// it was counted) is skipped.
async function satisfactionParts(
	q: Queryable,
	centers: CenterRules[],
	{ from, to }: Span,
	detail: boolean
): Promise<SatisfactionPart[]> {
	const ids = centers.map((c) => c.id);
	const none = Promise.resolve([]);
	const [groups, reasonRows, comments] = await Promise.all([
		q.query<RatingGroup>(
			`SELECT center_id, field, counter, level, nullif(flag, '') AS flag, sum(n)::int AS n, sum(late)::int AS late
			 FROM rating_days WHERE center_id = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date
			 GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) > 0`,
			[ids, from, to]
		),
		detail
			? q.query<{ center_id: string; reason: string; n: number }>(
					`SELECT center_id, reason, sum(n)::int AS n FROM rating_reason_days
			 WHERE center_id = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date GROUP BY center_id, reason HAVING sum(n) > 0`,
					[ids, from, to]
				)
			: none,
		// Each center's newest comments, each found along its own (center, time) index.
		detail
			? q.query<Comment & { center_id: string }>(
					`SELECT c.id AS center_id, r.at, r.level, r.field, r.counter, r.text
			 FROM unnest($1::text[]) AS c(id) CROSS JOIN LATERAL (
				SELECT rated_at, to_char(rated_at AT TIME ZONE '${VN_ZONE}', 'YYYY-MM-DD HH24:MI') AS at, level,
					coalesce(field, '') AS field, coalesce(counter, '') AS counter, comment AS text
				FROM ratings WHERE center_id = c.id AND flag IS NULL AND comment <> '' AND ${during('rated_at')}
				ORDER BY rated_at DESC LIMIT ${COMMENTS_SHOWN}
			 ) r
			 ORDER BY c.id, r.rated_at DESC`,
					[ids, from, to]
				)
			: none
	]);
	const groupsBy = perCenter(groups, (g) => g.center_id, ids);
	const reasonsBy = perCenter(reasonRows, (r) => r.center_id, ids);
	const commentsBy = perCenter(comments, (c) => c.center_id, ids);
	return centers.map((center, i) =>
		satisfactionPart(
			center,
			groupsBy[i],
			reasonsBy[i],
			commentsBy[i].map(({ at, level, field, counter, text }) => ({
				at,
				level,
				field,
				counter,
				text
			}))
		)
	);
}

type Comment = SatisfactionPart['comments'][number];

function satisfactionPart(
	center: CenterRules,
	groups: RatingGroup[],
	reasonRows: { reason: string; n: number }[],
	comments: Comment[]
): SatisfactionPart {
	const satisfiedLevels = center.satisfied_levels;
	const isSatisfied = (level: RatingLevel) => satisfiedLevels.includes(level);
	const target = Number(center.satisfaction_target);
	const counted = groups.filter((g) => g.flag === null);
	const byLevel = new Map<RatingLevel, number>();
	for (const g of counted) byLevel.set(g.level, (byLevel.get(g.level) ?? 0) + g.n);
	const total = sumOf(counted);
	const satisfied = sumOf(counted.filter((g) => isSatisfied(g.level)));
	// The scale's levels always show (with 0); a level from an earlier scale shows only where it was given.
	const shown = RATING_LEVELS.filter(
		(l) => (SCALES[center.rating_scale] as readonly RatingLevel[]).includes(l) || byLevel.has(l)
	);
	const flagged = groups.filter((g) => g.flag !== null);
	const byField = grouped(
		counted,
		(g) => g.field,
		isSatisfied,
		(field) => targetFor(field, target, targetRules(center.field_targets))
	);
	const collator = new Intl.Collator('vi');
	return {
		scale: center.rating_scale,
		satisfiedLevels,
		counted: total,
		satisfied,
		rate: total === 0 ? null : (100 * satisfied) / total,
		target,
		met: total === 0 ? null : (100 * satisfied) / total >= target,
		levels: shown.map((level) => ({
			level,
			label: ratingLabels.vi[level],
			count: byLevel.get(level) ?? 0,
			share: total === 0 ? 0 : (100 * (byLevel.get(level) ?? 0)) / total
		})),
		byField,
		byCounter: grouped(
			counted,
			(g) => g.counter,
			isSatisfied,
			() => target
		),
		belowTarget: byField.filter((f) => f.met === false).map((f) => f.name),
		reasons: reasonCounts(reasonRows)
			.sort(
				(a, b) =>
					b.n - a.n || collator.compare(reasonLabels.vi[a.reason], reasonLabels.vi[b.reason])
			)
			.map((r) => ({ reason: r.reason, label: reasonLabels.vi[r.reason], count: r.n })),
		comments,
		flagged: {
			total: sumOf(flagged),
			tooSoon: sumOf(flagged.filter((g) => g.flag === 'too_soon')),
			repeatTicket: sumOf(flagged.filter((g) => g.flag === 'repeat_ticket')),
			repeatDossier: sumOf(flagged.filter((g) => g.flag === 'repeat_dossier'))
		},
		late: groups.reduce((n, g) => n + g.late, 0)
	};
}

/** The reasons counted ratings gave, those of REASONS given at all (a detail-less part has none). */
function reasonCounts(rows: { reason: string; n: number }[]): { reason: Reason; n: number }[] {
	const known = new Set<string>(REASONS);
	return rows.filter((r): r is { reason: Reason; n: number } => known.has(r.reason));
}

function sumOf(groups: { n: number }[]): number {
	return groups.reduce((n, g) => n + g.n, 0);
}

/** Counted ratings per field or per counter, in Vietnamese order, the unnamed group ('') last. */
function grouped(
	groups: RatingGroup[],
	key: (g: RatingGroup) => string,
	isSatisfied: (level: RatingLevel) => boolean,
	targetOf: (name: string) => number
): SatisfactionGroup[] {
	const by = new Map<string, { counted: number; satisfied: number }>();
	for (const g of groups) {
		const entry = by.get(key(g)) ?? { counted: 0, satisfied: 0 };
		entry.counted += g.n;
		if (isSatisfied(g.level)) entry.satisfied += g.n;
		by.set(key(g), entry);
	}
	const collator = new Intl.Collator('vi');
	return [...by]
		.sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b)))
		.map(([name, { counted, satisfied }]) => {
			const target = targetOf(name);
			const rate = counted === 0 ? null : (100 * satisfied) / counted;
			return { name, counted, satisfied, rate, target, met: rate === null ? null : rate >= target };
		});
}

// ---- Publicity --------------------------------------------------------------------------------------------------

async function publicityParts(
	q: Queryable,
	centerIds: string[],
	{ from, to }: Span,
	detail: boolean
): Promise<PublicityPart[]> {
	const [levels, perKey] = await Promise.all([
		detail
			? q.query<{ center_id: string; level: string; n: number }>(
					`SELECT center_id, level, count(*)::int AS n FROM procedures, unnest(levels) AS level
			 WHERE center_id = ANY($1::text[]) AND abolished_at IS NULL GROUP BY center_id, level
			 UNION ALL SELECT center_id, '*', count(*)::int FROM procedures
			 WHERE center_id = ANY($1::text[]) AND abolished_at IS NULL GROUP BY center_id`,
					[centerIds]
				)
			: Promise.resolve([]),
		countsPerKey(q, centerIds, from, to)
	]);
	const levelsBy = perCenter(levels, (l) => l.center_id, centerIds);
	const perKeyBy = perCenter(perKey, (r) => r.center_id, centerIds);
	const tops = detail ? await topProcedures(q, centerIds, perKeyBy) : centerIds.map(() => []);
	return centerIds.map((_, i) => {
		const count = (level: string) => levelsBy[i].find((l) => l.level === level)?.n ?? 0;
		return {
			posted: {
				total: count('*'),
				byLevel: LEVELS.map((level: Level) => ({
					level,
					label: levelLabels.vi[level],
					count: count(level)
				}))
			},
			...totals(perKeyBy[i]),
			top: tops[i]
		};
	});
}

/**
 * Scans, views and catalogue screens per procedure code in the period, from the per-day sums, less what voided
 * device counts added to them. Summed as bigint: no count a device can send overflows a report.
 */
function countsPerKey(q: Queryable, centerIds: string[], from: string, to: string) {
	return q.query<{
		center_id: string;
		kind: 'scan' | 'view' | 'catalogue';
		key: string;
		n: number;
	}>(
		`WITH parts AS (
			SELECT center_id, kind, key, sum(count) AS n FROM counter_days
			WHERE center_id = ANY($1::text[]) AND kind IN ('scan', 'view', 'catalogue') AND day BETWEEN $2::date AND $3::date
			GROUP BY center_id, kind, key
			UNION ALL
			SELECT c.center_id, c.kind, c.key, -sum(c.count) FROM (${VOIDED_ROWS}) c
			WHERE c.kind IN ('scan', 'view', 'catalogue')
			GROUP BY c.center_id, c.kind, c.key
		)
		SELECT center_id, kind, key, sum(n)::bigint AS n FROM parts GROUP BY center_id, kind, key HAVING sum(n) > 0`,
		[centerIds, from, to]
	);
}

function totals(
	perKey: { kind: string; n: number }[]
): Pick<PublicityPart, 'qrScans' | 'procedureViews' | 'catalogueViews'> {
	const sum = (kind: string) => perKey.reduce((n, r) => (r.kind === kind ? n + r.n : n), 0);
	return { qrScans: sum('scan'), procedureViews: sum('view'), catalogueViews: sum('catalogue') };
}

/** Each center's most looked-up procedures (scans + views) that are in its catalogue, with their names. */
async function topProcedures(
	q: Queryable,
	centerIds: string[],
	perKeyBy: { kind: string; key: string; n: number }[][]
): Promise<PublicityPart['top'][]> {
	const candidatesBy = perKeyBy.map(candidatesOf);
	const codes = [...new Set(candidatesBy.flatMap((c) => c.map(([code]) => code)))];
	if (codes.length === 0) return centerIds.map(() => []);
	const names = await q.query<{ center_id: string; code: string; name: string }>(
		`SELECT center_id, code, name FROM procedures WHERE center_id = ANY($1::text[]) AND code = ANY($2::text[])`,
		[centerIds, codes]
	);
	const namesBy = perCenter(names, (n) => n.center_id, centerIds);
	return candidatesBy.map((candidates, i) => {
		const nameOf = new Map(namesBy[i].map((n) => [n.code, n.name]));
		return candidates
			.filter(([code]) => nameOf.has(code))
			.slice(0, TOP_PROCEDURES)
			.map(([code, c]) => ({ code, name: nameOf.get(code) ?? code, ...c }));
	});
}

/** A center's codes by scans + views, most first: twice as many as shown, as a code no longer in the catalogue is passed over. */
function candidatesOf(
	perKey: { kind: string; key: string; n: number }[]
): [string, { scans: number; views: number }][] {
	const byCode = new Map<string, { scans: number; views: number }>();
	for (const r of perKey) {
		if (r.kind === 'catalogue') continue;
		const entry = byCode.get(r.key) ?? { scans: 0, views: 0 };
		if (r.kind === 'scan') entry.scans += r.n;
		else entry.views += r.n;
		byCode.set(r.key, entry);
	}
	return [...byCode]
		.sort(([a, x], [b, y]) => y.scans + y.views - (x.scans + x.views) || (a < b ? -1 : 1))
		.slice(0, 2 * TOP_PROCEDURES);
}

// ---- Series (the dashboard's charts) ----------------------------------------------------------------------------

export interface TimeRow {
	/** 1: a local day's row; 2: a weekday and hour's row (the GROUPING bit of what was grouped away). */
	g: number;
	day: string | null;
	dow: number | null;
	hour: number | null;
	counted: number;
	satisfied: number;
}

/**
 * Counted ratings per local day, and per local weekday (0 = Monday) and hour, from their sums per hour of absolute
 * time (rating_hours, at most 8,784 hours a year and level), turned into local time only then. Exact, because Việt Nam
 * is a whole number of hours off UTC. A day or hour with no counted rating has no row.
 */
export function ratingsByTime(q: Queryable, center: CenterRules, { from, to }: Span) {
	return q.query<TimeRow>(
		`WITH h AS (
			SELECT hour AS h, sum(n)::int AS counted, coalesce(sum(n) FILTER (WHERE level = ANY($4::text[])), 0)::int AS satisfied
			FROM rating_hours WHERE center_id = $1 AND ${during('hour')} GROUP BY 1 HAVING sum(n) > 0
		), l AS (
			SELECT (h AT TIME ZONE '${VN_ZONE}') AS local, counted, satisfied FROM h
		), x AS (
			SELECT local::date::text AS day, extract(isodow FROM local)::int - 1 AS dow, extract(hour FROM local)::int AS hour, counted, satisfied FROM l
		)
		SELECT GROUPING(day, dow) AS g, day, dow, hour, sum(counted)::bigint AS counted, sum(satisfied)::bigint AS satisfied
		FROM x GROUP BY GROUPING SETS ((day), (dow, hour))`,
		[center.id, from, to, center.satisfied_levels]
	);
}

/** Dossiers (from records: figures typed by hand have no days) received and finished on each day of the span. */
export async function dossierDays(
	q: Queryable,
	centerId: string,
	{ from, to }: Span
): Promise<Map<string, { received: number; resolved: number }>> {
	const rows = await q.query<{ day: string; received: number; resolved: number }>(
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
