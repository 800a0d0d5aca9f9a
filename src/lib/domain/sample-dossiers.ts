// Dossier records made to order: given the 16-column row a field should show for a period, records that produce
// exactly it, with every date edge the rules care about (carried over, finished after `to`, due on `to`), plus
// records that belong to no column (received after the period, or finished before it). Tests rebuild the seeds'
// tables from them; the benchmarks and demo data use them as a large ward's year.
import { addDays, dayNumber } from './periods';
import type { Channel, DossierRecord, DossierStatus, ThroughputRow } from './throughput';

type Random = () => number;

type Intake = 'online' | 'direct' | 'carriedOver';
type Outcome =
	| 'early'
	| 'onTime'
	| 'late'
	| 'rejected'
	| 'withdrawn'
	| 'pendingOnTime'
	| 'overdue'
	| 'supplement';

function shuffle<T>(items: T[], random: Random): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

function repeat<T>(value: T, n: number): T[] {
	return Array.from({ length: n }, () => value);
}

/** A whole number in [lo, hi]. */
function between(random: Random, lo: number, hi: number): number {
	return lo + Math.floor(random() * (hi - lo + 1));
}

/**
 * Records of one field that give `row` for the period [from, to] (at least two days long). The row's identities must
 * hold: a table typed with broken arithmetic has no records behind it, and this throws saying which.
 */
export function recordsForRow(
	field: string,
	row: ThroughputRow,
	from: string,
	to: string,
	random: Random
): DossierRecord[] {
	const { received: r, resolved: s, pending: p } = row;
	if (
		r.total !== r.online + r.direct + r.carriedOver ||
		s.total !== s.early + s.onTime + s.late + s.rejected + s.withdrawn
	)
		throw new RangeError(`${field}: the row's parts do not add up to its totals`);
	if (p.total !== p.onTime + p.overdue + p.supplement || r.total !== s.total + p.total)
		throw new RangeError(`${field}: received ≠ resolved + pending`);
	if (dayNumber(to) - dayNumber(from) < 1)
		throw new RangeError('the period must be at least two days');
	const intakes: Intake[] = shuffle(
		[
			...repeat<Intake>('online', r.online),
			...repeat<Intake>('direct', r.direct),
			...repeat<Intake>('carriedOver', r.carriedOver)
		],
		random
	);
	const outcomes: Outcome[] = shuffle(
		[
			...repeat<Outcome>('early', s.early),
			...repeat<Outcome>('onTime', s.onTime),
			...repeat<Outcome>('late', s.late),
			...repeat<Outcome>('rejected', s.rejected),
			...repeat<Outcome>('withdrawn', s.withdrawn),
			...repeat<Outcome>('pendingOnTime', p.onTime),
			...repeat<Outcome>('overdue', p.overdue),
			...repeat<Outcome>('supplement', p.supplement)
		],
		random
	);
	return intakes.map((intake, i) => record(field, intake, outcomes[i], from, to, random));
}

function record(
	field: string,
	intake: Intake,
	outcome: Outcome,
	from: string,
	to: string,
	random: Random
): DossierRecord {
	const span = dayNumber(to) - dayNumber(from);
	const channel: Channel =
		intake === 'online'
			? 'truc_tuyen'
			: intake === 'direct'
				? random() < 0.8
					? 'truc_tiep'
					: 'buu_chinh'
				: random() < 0.7
					? 'truc_tuyen'
					: 'truc_tiep';
	// Late and overdue need a day after receipt inside the period for the due date to pass.
	const lastReceipt = outcome === 'late' || outcome === 'overdue' ? span - 1 : span;
	const receivedOn =
		intake === 'carriedOver'
			? addDays(from, -between(random, 1, 45))
			: addDays(from, between(random, 0, lastReceipt));
	// The first day it can be finished and still count in this period.
	const start = dayNumber(receivedOn) < dayNumber(from) ? from : receivedOn;
	const finishIn = (lo: string) => addDays(lo, between(random, 0, dayNumber(to) - dayNumber(lo)));
	const make = (
		status: DossierStatus,
		dueOn: string | null,
		finishedOn: string | null
	): DossierRecord => ({ field, channel, receivedOn, dueOn, finishedOn, status });
	switch (outcome) {
		case 'early': {
			const finished = finishIn(start);
			return make('da_tra_ket_qua', addDays(finished, between(random, 1, 10)), finished);
		}
		case 'onTime': {
			const finished = finishIn(start);
			// Some procedures have no time limit: finished is on time then.
			return make('da_tra_ket_qua', random() < 0.1 ? null : finished, finished);
		}
		case 'late': {
			const finished = finishIn(addDays(receivedOn, 1) > start ? addDays(receivedOn, 1) : start);
			const due = addDays(
				receivedOn,
				between(random, 0, dayNumber(finished) - dayNumber(receivedOn) - 1)
			);
			return make('da_tra_ket_qua', due, finished);
		}
		case 'rejected':
			return make('tu_choi', addDays(receivedOn, between(random, 3, 20)), finishIn(start));
		case 'withdrawn':
			return make('rut', addDays(receivedOn, between(random, 3, 20)), finishIn(start));
		case 'pendingOnTime': {
			// Due on `to` itself is still on time; some finish only after the period, which leaves them pending in it.
			const due = random() < 0.15 ? to : addDays(to, between(random, 1, 15));
			return random() < 0.2
				? make('da_tra_ket_qua', due, addDays(to, between(random, 1, 5)))
				: make('dang_xu_ly', due, null);
		}
		case 'overdue': {
			const due = addDays(
				receivedOn,
				between(random, 0, dayNumber(to) - dayNumber(receivedOn) - 1)
			);
			return make('dang_xu_ly', due, null);
		}
		case 'supplement':
			return make('yeu_cau_bo_sung', addDays(receivedOn, between(random, 3, 20)), null);
	}
}

/** Records of a field that no table of [from, to] may count: received after it, or received and finished before it. */
export function recordsOutside(
	field: string,
	n: number,
	from: string,
	to: string,
	random: Random
): DossierRecord[] {
	return Array.from({ length: n }, (_, i) => {
		if (i % 2 === 0) {
			const receivedOn = addDays(to, between(random, 1, 20));
			return {
				field,
				channel: 'truc_tuyen',
				receivedOn,
				dueOn: addDays(receivedOn, 5),
				finishedOn: null,
				status: 'dang_xu_ly'
			};
		}
		const finishedOn = addDays(from, -between(random, 1, 20));
		return {
			field,
			channel: 'truc_tiep',
			receivedOn: addDays(finishedOn, -between(random, 0, 10)),
			dueOn: finishedOn,
			finishedOn,
			status: 'da_tra_ket_qua'
		};
	});
}
