// The throughput table of the monthly report (the 16 columns of seed 001), from dossier records, for a period
// [from, to] of local dates, both included. PRODUCT.md, "The report for a period", is the rule; each branch below
// says which column it fills.
import { dayNumber } from './periods';

export const CHANNELS = ['truc_tuyen', 'truc_tiep', 'buu_chinh'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DOSSIER_STATUSES = [
	'da_tra_ket_qua',
	'tu_choi',
	'rut',
	'dang_xu_ly',
	'yeu_cau_bo_sung'
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** One dossier as the report needs it: local dates 'YYYY-MM-DD' (a time of day, if any, already dropped). */
export interface DossierRecord {
	field: string;
	channel: Channel;
	receivedOn: string;
	/** Hạn trả kết quả; null for a procedure with no time limit (then never late). */
	dueOn: string | null;
	/** Ngày trả kết quả (or of refusal or withdrawal); null while unfinished. */
	finishedOn: string | null;
	status: DossierStatus;
}

export interface ThroughputRow {
	/** (3) = online (4) + direct or postal (5) + carried over (6). */
	received: { total: number; online: number; direct: number; carriedOver: number };
	/** (7) = early (8) + on time (9) + late (10) + rejected (11) + withdrawn (12). */
	resolved: {
		total: number;
		early: number;
		onTime: number;
		late: number;
		rejected: number;
		withdrawn: number;
	};
	/** (13) = on time (14) + overdue (15) + supplement requested (16). */
	pending: { total: number; onTime: number; overdue: number; supplement: number };
}

export interface ThroughputTable {
	rows: (ThroughputRow & { field: string })[];
	total: ThroughputRow;
}

export function emptyRow(): ThroughputRow {
	return {
		received: { total: 0, online: 0, direct: 0, carriedOver: 0 },
		resolved: { total: 0, early: 0, onTime: 0, late: 0, rejected: 0, withdrawn: 0 },
		pending: { total: 0, onTime: 0, overdue: 0, supplement: 0 }
	};
}

/** `into` += `row`, column by column (figures from several sources, or rows into a total); returns `into`. */
export function addRow(into: ThroughputRow, row: ThroughputRow): ThroughputRow {
	for (const part of ['received', 'resolved', 'pending'] as const) {
		const target: Record<string, number> = into[part];
		for (const [key, value] of Object.entries(row[part])) target[key] += value;
	}
	return into;
}

/** Adds one dossier to a row; false when the dossier is outside the period's table altogether. */
function tally(row: ThroughputRow, d: DossierRecord, from: number, to: number): boolean {
	const received = dayNumber(d.receivedOn);
	const finished = d.finishedOn === null ? null : dayNumber(d.finishedOn);
	const due = d.dueOn === null ? null : dayNumber(d.dueOn);
	// Received after the period: not in it. Received before and finished before it: the previous period's.
	if (received > to) return false;
	if (received < from && finished !== null && finished < from) return false;

	row.received.total++;
	if (received < from)
		row.received.carriedOver++; // (6)
	else if (d.channel === 'truc_tuyen')
		row.received.online++; // (4)
	else row.received.direct++; // (5): at the counter or by post

	if (finished !== null && finished <= to) {
		row.resolved.total++; // (7)
		if (d.status === 'tu_choi')
			row.resolved.rejected++; // (11)
		else if (d.status === 'rut')
			row.resolved.withdrawn++; // (12)
		else if (due === null || finished === due)
			row.resolved.onTime++; // (9)
		else if (finished < due)
			row.resolved.early++; // (8)
		else row.resolved.late++; // (10)
		return true;
	}
	// Not finished by `to` (unfinished, or finished only after it).
	row.pending.total++; // (13)
	if (d.status === 'yeu_cau_bo_sung' && finished === null)
		row.pending.supplement++; // (16)
	else if (due === null || due >= to)
		row.pending.onTime++; // (14)
	else row.pending.overdue++; // (15)
	return true;
}

/** The table per field (fields in Vietnamese alphabetical order) and its total row. */
export function throughput(
	dossiers: Iterable<DossierRecord>,
	from: string,
	to: string
): ThroughputTable {
	const start = dayNumber(from);
	const end = dayNumber(to);
	if (Number.isNaN(start) || Number.isNaN(end) || start > end)
		throw new RangeError(`bad period ${from}..${to}`);
	const byField = new Map<string, ThroughputRow>();
	const total = emptyRow();
	for (const d of dossiers) {
		let row = byField.get(d.field);
		const fresh = !row;
		row ??= emptyRow();
		if (!tally(row, d, start, end)) continue;
		if (fresh) byField.set(d.field, row);
		tally(total, d, start, end);
	}
	const collator = new Intl.Collator('vi');
	const rows = [...byField]
		.sort(([a], [b]) => collator.compare(a, b))
		.map(([field, row]) => ({ field, ...row }));
	return { rows, total };
}

/** Each column as a share of received (3), in percent; all zero when nothing was received. */
/** `part` as a percent of `whole`; 0 when the whole is 0 (a rate row's and the fee columns' convention). */
export const percentOf = (part: number, whole: number): number =>
	whole === 0 ? 0 : (100 * part) / whole;

export function rateRow(row: ThroughputRow): ThroughputRow {
	const share = (n: number) => percentOf(n, row.received.total);
	const map = <T extends Record<string, number>>(o: T) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [k, share(v)])) as T;
	return { received: map(row.received), resolved: map(row.resolved), pending: map(row.pending) };
}

/** One identity of the table that does not hold, in the words a report uses. */
export interface BrokenIdentity {
	identity: string;
	left: number;
	right: number;
	message: string;
}

/**
 * Checks the four identities of a row: (3) = (4) + (5) + (6); (7) = (8) + … + (12); (13) = (14) + (15) + (16);
 * (3) = (7) + (13). Figures typed in by hand break them; computed ones never do.
 */
export function checkIdentities(row: ThroughputRow): BrokenIdentity[] {
	const { received: r, resolved: s, pending: p } = row;
	const checks: [string, number, number, string][] = [
		[
			'(3) = (4) + (5) + (6)',
			r.total,
			r.online + r.direct + r.carriedOver,
			'Tổng tiếp nhận khác tổng trực tuyến, trực tiếp và kỳ trước chuyển sang'
		],
		[
			'(7) = (8) + (9) + (10) + (11) + (12)',
			s.total,
			s.early + s.onTime + s.late + s.rejected + s.withdrawn,
			'Tổng đã giải quyết khác tổng trước hạn, đúng hạn, quá hạn, từ chối và rút'
		],
		[
			'(13) = (14) + (15) + (16)',
			p.total,
			p.onTime + p.overdue + p.supplement,
			'Tổng đang giải quyết khác tổng trong hạn, quá hạn và chờ bổ sung'
		],
		[
			'(3) = (7) + (13)',
			r.total,
			s.total + p.total,
			'Tổng tiếp nhận khác tổng đã giải quyết và đang giải quyết'
		]
	];
	return checks
		.filter(([, left, right]) => left !== right)
		.map(([identity, left, right, words]) => ({
			identity,
			left,
			right,
			message: `${words}: ${left} ≠ ${right}`
		}));
}
