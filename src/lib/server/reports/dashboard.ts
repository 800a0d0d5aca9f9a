// The dashboard's figures for a period of local dates: the report engine's own figures (engine.ts) as they stand
// today, so a card always shows what the report for the same dates says, and the engine's per-day and per-hour
// series for the charts. No rule of its own: a period still running is the engine's, judged as of today.
import {
	kpiOf,
	ON_TIME_TARGET,
	plottedDates,
	previousSpan,
	OVERDUE_TARGET,
	onTimeRateOf,
	rateFigure,
	rateOf,
	weeksOf,
	type Dashboard,
	type NamedRate
} from '$lib/domain/dashboard';
import { dayNumber } from '$lib/domain/periods';
import type { SatisfactionGroup } from '$lib/domain/report';
import { localDate } from '$lib/domain/vn-time';
import { inTurn } from './heavy';
import {
	centerRules,
	dossierDays,
	dossierSources,
	figures,
	indexOf,
	ratingsByTime,
	type CenterRules,
	type Figures,
	type Sources,
	type Span
} from './engine';

const collator = new Intl.Collator('vi', { numeric: true });
const byName = (a: NamedRate, b: NamedRate) => collator.compare(a.name, b.name);
const named = (groups: SatisfactionGroup[]): NamedRate[] =>
	groups.map(({ name, counted, satisfied, target }) => ({
		name,
		...rateFigure(counted, satisfied, target)
	}));

/** The dashboard of a center for local dates [from, to], both included, as it stands at `now`. */
export async function dashboard(
	centerId: string,
	from: string,
	to: string,
	now = new Date()
): Promise<Dashboard> {
	if (Number.isNaN(dayNumber(from)) || Number.isNaN(dayNumber(to)) || from > to)
		throw new RangeError(`bad period ${from}..${to}`);
	return inTurn(async (sources) => {
		const center = await centerRules(sources.settings, centerId);
		const [name] = await sources.settings.query<{ name: string }>(
			`SELECT name FROM centers WHERE id = $1`,
			[centerId]
		);
		if (!center || !name) throw new Error(`no center ${centerId}`);
		const today = localDate(now);
		// The cards compare with as many days just before the period as it has run so far.
		const span = previousSpan(from, to, today);
		const [current, previous] = await Promise.all([
			build(sources, center, { from, to, asOf: asOf(to, today) }, today),
			span ? figures(sources, center, { ...span, asOf: asOf(span.to, today) }, false) : null
		]);
		return {
			...current,
			center: { name: name.name },
			generatedAt: now.toISOString(),
			previous: span && previous ? { ...span, kpi: kpiOf(cards(previous)) } : null
		};
	});
}

/** The day pending dossiers are judged overdue on: the span's end, or today while it runs. */
const asOf = (to: string, today: string) => (today < to ? today : to);

/** The cards' figures, each the engine's: throughput from records and hand-typed figures alike. */
function cards({ throughput, satisfaction: s, publicity }: Figures) {
	const { total } = throughput.part;
	const onTimeRate = onTimeRateOf(total);
	return {
		satisfaction: {
			...rateFigure(s.counted, s.satisfied, s.target),
			flagged: s.flagged.total,
			late: s.late
		},
		dossiers: {
			received: total.received.total,
			resolved: total.resolved.total,
			early: total.resolved.early,
			onTime: total.resolved.onTime,
			late: total.resolved.late,
			rejected: total.resolved.rejected,
			withdrawn: total.resolved.withdrawn,
			onTimeRate,
			onTimeTarget: ON_TIME_TARGET,
			onTimeMet: onTimeRate === null ? null : onTimeRate >= ON_TIME_TARGET,
			pending: total.pending.total,
			overduePending: total.pending.overdue,
			overdueTarget: OVERDUE_TARGET,
			overdueMet: total.pending.overdue <= OVERDUE_TARGET,
			sources: dossierSources(throughput.part)
		},
		qrScans: publicity.qrScans
	};
}

async function build(
	sources: Sources,
	center: CenterRules,
	span: Required<Span>,
	today: string
): Promise<Omit<Dashboard, 'previous' | 'center' | 'generatedAt'>> {
	const [f, times, perDay] = await Promise.all([
		figures(sources, center, span),
		ratingsByTime(sources.records, center, span),
		dossierDays(sources.records, center.id, span)
	]);
	const ratingDays = new Map(times.filter((r) => r.g === 1).map((r) => [r.day, r]));
	const days = plottedDates(span.from, span.to, today).map((date) => {
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
	const heat = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
	for (const r of times)
		if (r.g === 2 && r.dow !== null && r.hour !== null) heat[r.dow][r.hour] = r.counted;
	const fields = named(f.satisfaction.byField).sort(byName);
	return {
		period: { from: span.from, to: span.to },
		...cards(f),
		days,
		weeks: weeksOf(days),
		fields,
		counters: named(f.satisfaction.byCounter).sort(byName),
		heat,
		top: f.publicity.top,
		index: indexOf(f),
		belowTarget: fields
			.filter((x) => x.met === false && x.rate !== null)
			.map((x) => ({ name: x.name, rate: x.rate ?? 0, target: x.target }))
			.sort((a, b) => a.rate - b.rate || collator.compare(a.name, b.name))
	};
}
