// The city's table (issue 13): every center's main figures for a period, from the report engine's figures of all the
// centers at once (engine.ts manyFigures, the same queries a center's report runs), with the rank, the change against
// the period before, the devices' health, and the city's total row: counts summed, rates recomputed from those sums.
// The city's report (its files) and the city's month-by-month trend are read from the same table.
import { changeOf, ranks, type CityChange, type CityKpi, type CityMonth } from '$lib/domain/city';
import { CITY_TOTAL, type CityReport } from '$lib/domain/city-report';
import type { Check } from '$lib/domain/report';
import { onTimeRateOf, rateOf } from '$lib/domain/dashboard';
import { periodContaining, periodFields, previousPeriod, type Period } from '$lib/domain/periods';
import { estimateIndex, type IndexRules } from '$lib/domain/service-index';
import { addRow, emptyRow, percentOf, rateRow, type ThroughputRow } from '$lib/domain/throughput';
import * as devices from '../devices';
import { inTurn } from './heavy';
import { rulesInForce } from './index-rules';
import {
	centersRules,
	indexOf,
	manyFigures,
	throughputChecks,
	type CountedFigures
} from './engine';

/** What adds up across centers: the total row is these summed. */
export interface CityCounts {
	/** The 16 columns of the throughput table's total row. */
	throughput: ThroughputRow;
	/** null where no dossier says whether it has a fee (resp. was digitised). */
	payment: { withFee: number; paidOnline: number } | null;
	digitisation: { known: number; digitised: number } | null;
	satisfaction: { counted: number; satisfied: number; flagged: number };
	/** Devices in use silent for more than a day, and the rows they last said they had not sent. */
	devices: { silent: number; backlog: number };
}

export interface CityRow {
	centerId: string;
	name: string;
	counts: CityCounts;
	kpi: CityKpi;
	/** The center's overall target, whether its rate meets it, and its fields under their own targets. */
	satisfaction: { target: number; met: boolean | null; belowTarget: string[] };
	/** The service-index estimate: points over the indicators counted, and those indicators' maximum. */
	index: { points: number; max: number };
	/** 1 = best, by the index estimate then the satisfaction rate; equal centers share a rank. */
	rank: number;
	/** The same figures for the period before (previousPeriod: the month before a month, as many days before a range). */
	previous: CityKpi;
	change: CityChange;
}

export interface CityTotal {
	counts: CityCounts;
	kpi: CityKpi;
	index: { points: number; max: number };
	previous: CityKpi;
	change: CityChange;
}

export interface CityTable {
	period: { from: string; to: string; asOf: string };
	previous: { from: string; to: string };
	/** One per center asked, in the order asked; an id that is no center has no row. */
	rows: CityRow[];
	total: CityTotal;
}

/** A device in use is silent when its last contact (its pairing, if it never synced) is older than this. */
const SILENT_MS = 24 * 3_600_000;

/**
 * The table of these centers for a period, pending dossiers judged on `asOf` (the period's last day unless said: a
 * page passes today for a period still running); devices' silence is judged at `now`.
 */
export function cityTable(
	centerIds: string[],
	period: Period,
	options: { asOf?: string; now?: Date } = {}
): Promise<CityTable> {
	const asOf = options.asOf ?? period.to;
	const now = options.now ?? new Date();
	const before = previousPeriod(period);
	return inTurn(async (sources) => {
		// Names, rules and devices' health are small reads of what admins and devices just wrote: the primary's.
		const q = sources.settings;
		const centers = await centersRules(q, centerIds);
		const ids = centers.map((c) => c.id);
		const [current, previous, names, health, rules, rulesBefore] = await Promise.all([
			// The table shows no publicity (views and scans of the posted list): those queries are not run.
			manyFigures(sources, centers, { from: period.from, to: period.to, asOf }, false, {
				publicity: false
			}),
			manyFigures(sources, centers, { from: before.from, to: before.to }, false, {
				publicity: false
			}),
			q.query<{ id: string; name: string }>(
				`SELECT id, name FROM centers WHERE id = ANY($1::text[])`,
				[ids]
			),
			devices.health(ids, new Date(now.getTime() - SILENT_MS)),
			rulesInForce(q, period.to),
			rulesInForce(q, before.to)
		]);
		const nameOf = new Map(names.map((n) => [n.id, n.name]));
		const quiet = { silent: 0, backlog: 0 };
		const rows = centers.map((center, i) => {
			const f = current[i];
			const index = indexOf(f);
			const kpi = kpiOf(f);
			const was = kpiOf(previous[i]);
			return {
				centerId: center.id,
				name: nameOf.get(center.id) ?? center.id,
				counts: countsOf(f, health.get(center.id) ?? quiet),
				kpi,
				satisfaction: {
					target: f.satisfaction.target,
					met: f.satisfaction.met,
					belowTarget: f.satisfaction.belowTarget
				},
				index: { points: index.points, max: index.max },
				rank: 0,
				previous: was,
				change: changeOf(kpi, was)
			};
		});
		ranks(rows.map((r) => r.kpi)).forEach((rank, i) => (rows[i].rank = rank));
		const counts = sumOf(rows.map((r) => r.counts));
		const summed = summedKpi(counts, rules);
		const summedBefore = summedKpi(sumOf(previous.map((f) => countsOf(f, quiet))), rulesBefore).kpi;
		return {
			period: { from: period.from, to: period.to, asOf },
			previous: { from: before.from, to: before.to },
			rows,
			total: {
				counts,
				kpi: summed.kpi,
				index: summed.index,
				previous: summedBefore,
				change: changeOf(summed.kpi, summedBefore)
			}
		};
	});
}

/** A center's main figures, each as the engine gives it to the report and the dashboard. */
function kpiOf(f: CountedFigures): CityKpi {
	const { total, rate, payment, digitisation } = f.throughput.part;
	return {
		counted: f.satisfaction.counted,
		satisfactionRate: f.satisfaction.rate,
		received: total.received.total,
		resolved: total.resolved.total,
		onTimeRate: onTimeRateOf(total),
		overduePending: total.pending.overdue,
		onlineRate: rate.received.online,
		paymentRate: payment?.rate ?? null,
		digitisationRate: digitisation?.rate ?? null,
		indexPoints: indexOf(f).points
	};
}

function countsOf(
	f: Pick<CountedFigures, 'throughput' | 'satisfaction'>,
	health: CityCounts['devices']
): CityCounts {
	const { total, payment, digitisation } = f.throughput.part;
	const s = f.satisfaction;
	return {
		throughput: total,
		payment: payment && { withFee: payment.withFee, paidOnline: payment.paidOnline },
		digitisation: digitisation && { known: digitisation.known, digitised: digitisation.digitised },
		satisfaction: { counted: s.counted, satisfied: s.satisfied, flagged: s.flagged.total },
		devices: health
	};
}

/** Counts summed column by column; payment (digitisation) is null only where every center's is. */
function sumOf(all: CityCounts[]): CityCounts {
	const total: CityCounts = {
		throughput: emptyRow(),
		payment: null,
		digitisation: null,
		satisfaction: { counted: 0, satisfied: 0, flagged: 0 },
		devices: { silent: 0, backlog: 0 }
	};
	for (const c of all) {
		addRow(total.throughput, c.throughput);
		if (c.payment) {
			total.payment ??= { withFee: 0, paidOnline: 0 };
			total.payment.withFee += c.payment.withFee;
			total.payment.paidOnline += c.payment.paidOnline;
		}
		if (c.digitisation) {
			total.digitisation ??= { known: 0, digitised: 0 };
			total.digitisation.known += c.digitisation.known;
			total.digitisation.digitised += c.digitisation.digitised;
		}
		for (const key of ['counted', 'satisfied', 'flagged'] as const)
			total.satisfaction[key] += c.satisfaction[key];
		total.devices.silent += c.devices.silent;
		total.devices.backlog += c.devices.backlog;
	}
	return total;
}

/** The main figures of summed counts, by the engine's own rules for each rate (a test holds one center's equal). */
function summedKpi(c: CityCounts, rules: IndexRules): { kpi: CityKpi; index: CityTotal['index'] } {
	const payment = c.payment && {
		...c.payment,
		rate: percentOf(c.payment.paidOnline, c.payment.withFee)
	};
	const digitisation = c.digitisation && {
		...c.digitisation,
		rate: percentOf(c.digitisation.digitised, c.digitisation.known)
	};
	const index = estimateIndex(
		{ throughput: c.throughput, payment, digitisation, satisfaction: c.satisfaction },
		rules
	);
	return {
		kpi: {
			counted: c.satisfaction.counted,
			satisfactionRate: rateOf(c.satisfaction.satisfied, c.satisfaction.counted),
			received: c.throughput.received.total,
			resolved: c.throughput.resolved.total,
			onTimeRate: onTimeRateOf(c.throughput),
			overduePending: c.throughput.pending.overdue,
			onlineRate: rateRow(c.throughput).received.online,
			paymentRate: payment?.rate ?? null,
			digitisationRate: digitisation?.rate ?? null,
			indexPoints: index.points
		},
		index: { points: index.points, max: index.max }
	};
}

// ---- The city's report ------------------------------------------------------------------------------------------

/**
 * The identities a center's report checks on its rows (engine.ts throughputChecks), on each center's row and on the
 * city's total, and a note naming the centers with no dossier figures for the period.
 */
export function cityChecks(table: CityTable): Check[] {
	const rows = [
		...table.rows.map((r) => ({ name: r.name, row: r.counts.throughput })),
		{ name: CITY_TOTAL, row: table.total.counts.throughput }
	];
	const checks = throughputChecks(
		rows.map(({ name, row }) => ({ source: '', kind: 'records', field: name, row }))
	);
	const empty = table.rows.filter((r) => r.counts.throughput.received.total === 0);
	if (empty.length > 0)
		checks.push({
			scope: 'data',
			identity: 'dossiers',
			message: `Chưa có dữ liệu hồ sơ cho kỳ này ở ${empty.length} trung tâm: ${empty.map((r) => r.name).join('; ')}.`
		});
	return checks;
}

/** The city's report for a period: the city table's rows and total, laid out for the files (domain/city-report.ts). */
export async function cityReport(
	centerIds: string[],
	period: Period,
	options: { asOf?: string; now?: Date } = {}
): Promise<CityReport> {
	const now = options.now ?? new Date();
	const table = await cityTable(centerIds, period, { ...options, now });
	const { counts, kpi } = table.total;
	return {
		period: periodFields(period),
		asOf: table.period.asOf,
		generatedAt: now.toISOString(),
		rows: table.rows.map((r) => ({
			centerId: r.centerId,
			name: r.name,
			throughput: r.counts.throughput,
			satisfaction: {
				...r.counts.satisfaction,
				rate: r.kpi.satisfactionRate,
				target: r.satisfaction.target,
				met: r.satisfaction.met
			},
			index: r.index,
			rank: r.rank
		})),
		total: {
			throughput: counts.throughput,
			rate: rateRow(counts.throughput),
			satisfaction: { ...counts.satisfaction, rate: kpi.satisfactionRate },
			index: table.total.index
		},
		checks: cityChecks(table)
	};
}

/** The day a period's pending dossiers are judged on: its last day once over, today while it runs. */
export const asOfFor = (period: Pick<Period, 'to'>, today: string) =>
	period.to < today ? period.to : today;

/** How many report months the city's trend shows. */
export const TREND_MONTHS = 12;

/**
 * The city total's dossiers and satisfaction in each of the 12 report months (15th to 14th) up to the one holding the
 * period's last day: the engine's figures of every center for each month (without the detail a report prints, nor
 * the publicity part the trend does not show), summed as the table's total is. A month still running is judged as of
 * `today`.
 */
export function cityTrend(
	centerIds: string[],
	period: Pick<Period, 'to'>,
	today: string
): Promise<CityMonth[]> {
	const months: Period[] = [periodContaining('month', 'chot-14', period.to)];
	while (months.length < TREND_MONTHS) months.unshift(previousPeriod(months[0]));
	return inTurn(async (sources) => {
		const centers = await centersRules(sources.settings, centerIds);
		const quiet = { silent: 0, backlog: 0 };
		return Promise.all(
			months.map(async (m) => {
				const figures = await manyFigures(
					sources,
					centers,
					{ from: m.from, to: m.to, asOf: m.from > today ? m.from : asOfFor(m, today) },
					false,
					{ publicity: false }
				);
				const { throughput, satisfaction } = sumOf(figures.map((f) => countsOf(f, quiet)));
				return {
					label: m.label,
					from: m.from,
					to: m.to,
					received: throughput.received.total,
					resolved: throughput.resolved.total,
					counted: satisfaction.counted,
					satisfied: satisfaction.satisfied,
					satisfactionRate: rateOf(satisfaction.satisfied, satisfaction.counted)
				};
			})
		);
	});
}
