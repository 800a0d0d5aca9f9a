// The report for a period: the engine's figures (engine.ts) for the period and the one before, assembled with the
// center's identity and the checks into the one Report that the page, the print view, the files, the JSON API and
// the CLI all print.
import { periodFields, previousPeriod, type Period } from '$lib/domain/periods';
import type { PeriodSummary, Report, SatisfactionPart } from '$lib/domain/report';
import type { ThroughputRow } from '$lib/domain/throughput';
import * as centers from '../center';
import { log } from '../log';
import { inTurn } from './heavy';
import {
	centerRules,
	figures,
	indexOf,
	recountKept,
	throughputChecks,
	type CenterRules,
	type Sources
} from './engine';

const lines = (text: string) => text.split('\n').filter(Boolean);

/**
 * The whole report of a center for a period, with the previous period's summary beside it; undefined for an unknown
 * center. Pending dossiers are judged overdue on `asOf` (the period's last day unless said, as a closed period's report
 * is; the dashboard passes today for a period still running).
 */
export function buildReport(
	centerId: string,
	period: Period,
	now = new Date(),
	asOf = period.to
): Promise<Report | undefined> {
	return inTurn((sources) => build(sources, centerId, period, now, asOf));
}

/**
 * After an import or typed figures changed a center's dossiers: the periods read within the month are counted again
 * now, not on the next view, so a city's table after a night of imports is read from kept counts. Never fails the
 * change that called it: the counts are then read on the next view, as without keeping.
 */
export async function recountAfterChange(centerId: string): Promise<void> {
	try {
		const periods = await inTurn((sources) => recountKept(sources, centerId));
		if (periods > 0) log.info('kept_counts_recounted', { center: centerId, periods });
	} catch (e) {
		log.warn('kept_counts_recount_failed', {
			center: centerId,
			error: e instanceof Error ? e.message : String(e)
		});
	}
}

async function build(
	sources: Sources,
	centerId: string,
	period: Period,
	now: Date,
	asOf: string
): Promise<Report | undefined> {
	// The center's identity and rules are settings: from the primary (centers.get reads it too), never a replica.
	const [center, identity, document] = await Promise.all([
		centerRules(sources.settings, centerId),
		centers.get(centerId),
		centers.reportDocument(centerId)
	]);
	if (!center || !identity || !document) return undefined;
	const before = previousPeriod(period);
	const [figured, previous] = await Promise.all([
		figures(sources, center, { from: period.from, to: period.to, asOf }),
		summaryOf(sources, center, before)
	]);
	const { throughput, satisfaction, publicity } = figured;
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
		period: periodFields(period),
		generatedAt: now.toISOString(),
		throughput: throughput.part,
		satisfaction,
		publicity,
		checks,
		previous,
		current: summary(period, throughput.part.total, satisfaction, publicity.qrScans),
		index: center.report_index ? indexOf(figured) : null
	};
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

async function summaryOf(
	sources: Sources,
	center: CenterRules,
	period: Period
): Promise<PeriodSummary> {
	const f = await figures(sources, center, period, false);
	return summary(period, f.throughput.part.total, f.satisfaction, f.publicity.qrScans);
}
