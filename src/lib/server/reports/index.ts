// The report for a period, computed on the server from dossiers, figures typed by hand, ratings and counters: every
// figure by aggregate queries (no per-row loops over a year of records), assembled into the one Report that the page,
// the print view, the files, the JSON API and the CLI all print.
import { previousPeriod, type Period } from '$lib/domain/periods';
import type {
	Check,
	PeriodSummary,
	PublicityPart,
	Report,
	SatisfactionGroup,
	SatisfactionPart,
	ThroughputPart
} from '$lib/domain/report';
import {
	addRow,
	checkIdentities,
	emptyRow,
	rateRow,
	type ThroughputRow
} from '$lib/domain/throughput';
import { targetFor, targetRules } from '$lib/domain/targets';
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
import * as centers from '../center';
import { db } from '../db';
import { VOIDED } from '../devices/voids';
import { inTurn } from './heavy';
import { manualRows } from '../dossiers';
import type { Queryable } from '../db/client';

export const ZONE = 'Asia/Ho_Chi_Minh';
/** `column` within the local dates [$2, $3]: from the start of $2 to before the start of the day after $3, in the center's zone. */
export const during = (column: string) =>
	`${column} >= ($2::date::timestamp AT TIME ZONE '${ZONE}') AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE '${ZONE}')`;
const COMMENTS_SHOWN = 200;
const lines = (text: string) => text.split('\n').filter(Boolean);
const TOP_PROCEDURES = 10;

/** The center's rating settings; its identity comes from center.ts. */
interface CenterRow {
	id: string;
	rating_scale: Scale;
	satisfied_levels: RatingLevel[];
	satisfaction_target: number;
	field_targets: unknown;
}

/** The whole report of a center for a period, with the previous period's summary beside it; undefined for an unknown center. */
export function buildReport(
	centerId: string,
	period: Period,
	now = new Date()
): Promise<Report | undefined> {
	return inTurn(() => build(centerId, period, now));
}

async function build(centerId: string, period: Period, now: Date): Promise<Report | undefined> {
	const q = await db();
	const [[center], identity, document] = await Promise.all([
		q.query<CenterRow>(
			`SELECT id, rating_scale, satisfied_levels, satisfaction_target, field_targets FROM centers WHERE id = $1`,
			[centerId]
		),
		centers.get(centerId),
		centers.reportDocument(centerId)
	]);
	if (!center || !identity || !document) return undefined;
	const before = previousPeriod(period);
	const [throughput, satisfaction, publicity, previous] = await Promise.all([
		throughputPart(q, centerId, period.from, period.to),
		satisfactionPart(q, center, period.from, period.to),
		publicityPart(q, centerId, period.from, period.to),
		summaryOf(q, center, before)
	]);
	const checks = throughputChecks(throughput.parts);
	if (throughput.part.total.received.total === 0) {
		checks.push({
			scope: 'data',
			identity: 'dossiers',
			message: 'Chưa có dữ liệu hồ sơ cho kỳ này: hãy nhập tệp hồ sơ hoặc số liệu nhập tay.'
		});
	}
	return {
		center: {
			id: identity.id,
			name: identity.name,
			governingBody: identity.governingBody,
			placeName: identity.placeName,
			reportSymbol: document.reportSymbol,
			recipients: lines(document.recipients),
			signerTitle: lines(document.signerTitle),
			signerName: document.signerName
		},
		period: {
			kind: period.kind,
			style: period.style,
			from: period.from,
			to: period.to,
			label: period.label
		},
		generatedAt: now.toISOString(),
		throughput: throughput.part,
		satisfaction,
		publicity,
		checks,
		previous,
		current: summary(period, throughput.part.total, satisfaction, publicity.qrScans)
	};
}

// ---- Throughput -------------------------------------------------------------------------------------------------

/** One group of the throughput query: a field of a source, with the 13 counted columns (totals are sums). */
interface CountsRow {
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

// The rules of src/lib/domain/throughput.ts `tally`, column by column, as one aggregate (a test holds the two equal):
// a dossier is in the table unless received after `to` or both received and finished before `from`.
const THROUGHPUT_SQL = `
	WITH d AS (
		SELECT field, source, channel, status, due_on, finished_on, has_fee, paid_online, digitized,
			received_on < $2::date AS carried,
			finished_on IS NOT NULL AND finished_on <= $3::date AS done
		FROM dossiers
		WHERE center_id = $1 AND received_on <= $3::date AND (received_on >= $2::date OR finished_on IS NULL OR finished_on >= $2::date)
	)
	SELECT field, source,
		count(*) FILTER (WHERE NOT carried AND channel = 'truc_tuyen')::int AS online,
		count(*) FILTER (WHERE NOT carried AND channel <> 'truc_tuyen')::int AS direct,
		count(*) FILTER (WHERE carried)::int AS carried_over,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND due_on IS NOT NULL AND finished_on < due_on)::int AS early,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND (due_on IS NULL OR finished_on = due_on))::int AS on_time,
		count(*) FILTER (WHERE done AND status NOT IN ('tu_choi', 'rut') AND finished_on > due_on)::int AS late,
		count(*) FILTER (WHERE done AND status = 'tu_choi')::int AS rejected,
		count(*) FILTER (WHERE done AND status = 'rut')::int AS withdrawn,
		count(*) FILTER (WHERE NOT done AND NOT (status = 'yeu_cau_bo_sung' AND finished_on IS NULL) AND (due_on IS NULL OR due_on >= $3::date))::int AS pending_on_time,
		count(*) FILTER (WHERE NOT done AND NOT (status = 'yeu_cau_bo_sung' AND finished_on IS NULL) AND due_on < $3::date)::int AS overdue,
		count(*) FILTER (WHERE NOT done AND status = 'yeu_cau_bo_sung' AND finished_on IS NULL)::int AS supplement,
		count(*) FILTER (WHERE has_fee)::int AS with_fee,
		count(*) FILTER (WHERE has_fee AND paid_online)::int AS paid_online,
		count(has_fee)::int AS fee_known,
		count(*) FILTER (WHERE digitized)::int AS digitised,
		count(digitized)::int AS digitised_known
	FROM d GROUP BY field, source`;

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

interface ThroughputParts {
	part: ThroughputPart;
	/** Each source's field rows as they came, for the checks. */
	parts: { source: string; kind: 'records' | 'manual'; field: string; row: ThroughputRow }[];
}

async function throughputPart(
	q: Queryable,
	centerId: string,
	from: string,
	to: string
): Promise<ThroughputParts> {
	const [counted, manual] = await Promise.all([
		q.query<CountsRow>(THROUGHPUT_SQL, [centerId, from, to]),
		manualRows(centerId, from, to)
	]);
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
	const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
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
							rate: percent(sum('paid_online'), sum('with_fee'))
						},
			digitisation:
				sum('digitised_known') === 0
					? null
					: {
							known: sum('digitised_known'),
							digitised: sum('digitised'),
							rate: percent(sum('digitised'), sum('digitised_known'))
						}
		}
	};
}

/** Figures typed by hand break identities; say where. Rows computed from records hold them by construction. */
function throughputChecks(parts: ThroughputParts['parts']): Check[] {
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
	field: string;
	counter: string;
	level: RatingLevel;
	flag: 'too_soon' | 'repeat_ticket' | 'repeat_dossier' | null;
	n: number;
	late: number;
}

async function satisfactionPart(
	q: Queryable,
	center: CenterRow,
	from: string,
	to: string
): Promise<SatisfactionPart> {
	const [groups, reasons, comments] = await Promise.all([
		q.query<RatingGroup>(
			`SELECT coalesce(field, '') AS field, coalesce(counter, '') AS counter, level, flag, count(*)::int AS n,
				count(*) FILTER (WHERE late)::int AS late
			 FROM ratings WHERE center_id = $1 AND ${during('rated_at')}
			 GROUP BY 1, 2, 3, 4`,
			[center.id, from, to]
		),
		q.query<{ reason: Reason; n: number }>(
			`SELECT reason, count(*)::int AS n FROM ratings, unnest(reasons) AS reason
			 WHERE center_id = $1 AND flag IS NULL AND reasons <> '{}' AND ${during('rated_at')}
			 GROUP BY reason`,
			[center.id, from, to]
		),
		q.query<{ at: string; level: RatingLevel; field: string; counter: string; text: string }>(
			`SELECT to_char(rated_at AT TIME ZONE '${ZONE}', 'YYYY-MM-DD HH24:MI') AS at, level, coalesce(field, '') AS field,
				coalesce(counter, '') AS counter, comment AS text
			 FROM ratings WHERE center_id = $1 AND flag IS NULL AND comment <> '' AND ${during('rated_at')}
			 ORDER BY rated_at DESC LIMIT ${COMMENTS_SHOWN}`,
			[center.id, from, to]
		)
	]);
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
		reasons: reasons
			.filter((r) => (REASONS as readonly string[]).includes(r.reason))
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

async function publicityPart(
	q: Queryable,
	centerId: string,
	from: string,
	to: string
): Promise<PublicityPart> {
	const [levels, perKey] = await Promise.all([
		q.query<{ level: string; n: number }>(
			`SELECT level, count(*)::int AS n FROM procedures, unnest(levels) AS level
			 WHERE center_id = $1 AND abolished_at IS NULL GROUP BY level
			 UNION ALL SELECT '*', count(*)::int FROM procedures WHERE center_id = $1 AND abolished_at IS NULL`,
			[centerId]
		),
		countsPerKey(q, centerId, from, to)
	]);
	const count = (level: string) => levels.find((l) => l.level === level)?.n ?? 0;
	const top = await topProcedures(q, centerId, perKey);
	return {
		posted: {
			total: count('*'),
			byLevel: LEVELS.map((level: Level) => ({
				level,
				label: levelLabels.vi[level],
				count: count(level)
			}))
		},
		...totals(perKey),
		top
	};
}

/**
 * Scans, views and catalogue screens per procedure code in the period, from the per-day sums, less what voided
 * device counts added to them. Summed as bigint: no count a device can send overflows a report.
 */
export function countsPerKey(q: Queryable, centerId: string, from: string, to: string) {
	return q.query<{ kind: 'scan' | 'view' | 'catalogue'; key: string; n: number }>(
		`WITH parts AS (
			SELECT kind, key, sum(count) AS n FROM counter_days
			WHERE center_id = $1 AND kind IN ('scan', 'view', 'catalogue') AND day BETWEEN $2::date AND $3::date
			GROUP BY kind, key
			UNION ALL
			SELECT c.kind, c.key, -sum(c.count) FROM counters c
			WHERE c.center_id = $1 AND c.kind IN ('scan', 'view', 'catalogue')
				AND c.source IN (SELECT 'device:' || device_id FROM count_voids WHERE center_id = $1 AND undone_at IS NULL)
				AND (c.hour AT TIME ZONE '${ZONE}')::date BETWEEN $2::date AND $3::date AND ${VOIDED}
			GROUP BY c.kind, c.key
		)
		SELECT kind, key, sum(n)::bigint AS n FROM parts GROUP BY kind, key HAVING sum(n) > 0`,
		[centerId, from, to]
	);
}

export function totals(
	perKey: { kind: string; n: number }[]
): Pick<PublicityPart, 'qrScans' | 'procedureViews' | 'catalogueViews'> {
	const sum = (kind: string) => perKey.reduce((n, r) => (r.kind === kind ? n + r.n : n), 0);
	return { qrScans: sum('scan'), procedureViews: sum('view'), catalogueViews: sum('catalogue') };
}

/** The most looked-up procedures (scans + views) that are in the catalogue, with their names. */
export async function topProcedures(
	q: Queryable,
	centerId: string,
	perKey: { kind: string; key: string; n: number }[]
): Promise<PublicityPart['top']> {
	const byCode = new Map<string, { scans: number; views: number }>();
	for (const r of perKey) {
		if (r.kind === 'catalogue') continue;
		const entry = byCode.get(r.key) ?? { scans: 0, views: 0 };
		if (r.kind === 'scan') entry.scans += r.n;
		else entry.views += r.n;
		byCode.set(r.key, entry);
	}
	// Twice as many candidates as shown: a code no longer in the catalogue is passed over.
	const candidates = [...byCode]
		.sort(([a, x], [b, y]) => y.scans + y.views - (x.scans + x.views) || (a < b ? -1 : 1))
		.slice(0, 2 * TOP_PROCEDURES);
	if (candidates.length === 0) return [];
	const names = await q.query<{ code: string; name: string }>(
		`SELECT code, name FROM procedures WHERE center_id = $1 AND code = ANY($2::text[])`,
		[centerId, candidates.map(([code]) => code)]
	);
	const nameOf = new Map(names.map((n) => [n.code, n.name]));
	return candidates
		.filter(([code]) => nameOf.has(code))
		.slice(0, TOP_PROCEDURES)
		.map(([code, c]) => ({ code, name: nameOf.get(code) ?? code, ...c }));
}

// ---- The period before --------------------------------------------------------------------------------------------

function summary(
	period: Period,
	total: ThroughputRow,
	satisfaction: Pick<SatisfactionPart, 'counted' | 'rate'>,
	qrScans: number
): PeriodSummary {
	return {
		from: period.from,
		to: period.to,
		label: period.label,
		received: total.received.total,
		resolved: total.resolved.total,
		resolvedOnTime: total.resolved.early + total.resolved.onTime,
		pending: total.pending.total,
		counted: satisfaction.counted,
		satisfactionRate: satisfaction.rate,
		qrScans
	};
}

async function summaryOf(q: Queryable, center: CenterRow, period: Period): Promise<PeriodSummary> {
	const [throughput, ratings, kinds] = await Promise.all([
		throughputPart(q, center.id, period.from, period.to),
		q.query<{ counted: number; satisfied: number }>(
			`SELECT count(*)::int AS counted, count(*) FILTER (WHERE level = ANY($4::text[]))::int AS satisfied
			 FROM ratings WHERE center_id = $1 AND flag IS NULL AND ${during('rated_at')}`,
			[center.id, period.from, period.to, center.satisfied_levels]
		),
		countsPerKey(q, center.id, period.from, period.to)
	]);
	const [{ counted, satisfied }] = ratings;
	return summary(
		period,
		throughput.part.total,
		{ counted, rate: counted === 0 ? null : (100 * satisfied) / counted },
		totals(kinds).qrScans
	);
}
