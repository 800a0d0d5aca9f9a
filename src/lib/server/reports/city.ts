// The city's table (issue 13): every center's main figures for a period, from the report engine's figures of all the
// centers at once (engine.ts manyFigures, the same queries a center's report runs), with the rank, the change against
// the period before, the devices' health, and the city's total row: counts summed, rates recomputed from those sums.
import { changeOf, ranks, type CityChange, type CityKpi } from '$lib/domain/city';
import { onTimeRateOf, rateOf } from '$lib/domain/dashboard';
import { previousPeriod, type Period } from '$lib/domain/periods';
import { estimateIndex, type IndexRules } from '$lib/domain/service-index';
import { addRow, emptyRow, percentOf, rateRow, type ThroughputRow } from '$lib/domain/throughput';
import * as devices from '../devices';
import { inTurn } from './heavy';
import { rulesInForce } from './index-rules';
import { centersRules, indexOf, manyFigures, type Figures } from './engine';

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
			manyFigures(sources, centers, { from: period.from, to: period.to, asOf }, false),
			manyFigures(sources, centers, { from: before.from, to: before.to }, false),
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
function kpiOf(f: Figures): CityKpi {
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

function countsOf(f: Figures, health: CityCounts['devices']): CityCounts {
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
