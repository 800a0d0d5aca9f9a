// What /admin/catalogue shows of the posted list: counts, pins, fields with their choices and counters, and the
// procedures a manager searched for or opened a field to see, each with whether it is posted and why.
import { fold } from '$lib/domain/text';
import { buildIndex, search } from '$lib/domain/search';
import type { CenterLevel } from '$lib/domain/procedure';
import { postedOverview, type Choosable } from '.';

export interface FieldRow {
	field: string;
	total: number;
	posted: number;
	/** The field's own choice: shown whole, hidden whole, or null (each procedure by default). */
	shown: boolean | null;
	counter: string;
	/** Position among the pins (0 first), or null. */
	pin: number | null;
}

export type ProcedureRow = Pick<
	Choosable,
	'code' | 'name' | 'field' | 'levels' | 'posted' | 'reason'
>;

export interface PostedView {
	level: CenterLevel;
	total: number;
	posted: number;
	pins: FieldRow[];
	/** The fields listed: all of them, or (by default) those posted or chosen about, narrowed by the query. */
	fields: FieldRow[];
	fieldCount: number;
	/** Procedures matching the query, or of the opened field; null when neither was asked. */
	procedures: ProcedureRow[] | null;
	matches: number;
}

export interface ViewQuery {
	q: string;
	field: string;
	allFields: boolean;
}

const SHOWN = 50;

export async function postedView(
	centerId: string,
	query: ViewQuery
): Promise<PostedView | undefined> {
	const overview = await postedOverview(centerId);
	if (!overview) return undefined;
	const { procedures, choices, level } = overview;
	const rows = new Map<string, FieldRow>();
	for (const p of procedures) {
		const row = rows.get(p.field) ?? {
			field: p.field,
			total: 0,
			posted: 0,
			shown: null,
			counter: '',
			pin: null
		};
		row.total++;
		if (p.posted) row.posted++;
		rows.set(p.field, row);
	}
	for (const c of choices.fields) {
		const row = rows.get(c.field);
		if (row) Object.assign(row, { shown: c.shown, counter: c.counter });
	}
	choices.pins.forEach((f, i) => {
		const row = rows.get(f);
		if (row) row.pin = i;
	});
	const all = [...rows.values()].sort((a, b) => a.field.localeCompare(b.field, 'vi'));
	const folded = fold(query.q);
	const listed = all.filter((r) =>
		folded
			? fold(r.field).includes(folded)
			: query.allFields || r.posted > 0 || r.shown !== null || r.counter
	);
	const row = (p: Choosable): ProcedureRow => ({
		code: p.code,
		name: p.name,
		field: p.field,
		levels: p.levels,
		posted: p.posted,
		reason: p.reason
	});
	let found: ProcedureRow[] | null = null;
	let matches = 0;
	if (query.field) {
		const inField = procedures
			.filter((p) => p.field === query.field)
			.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
		found = inField.map(row);
		matches = inField.length;
	} else if (folded) {
		const result = search(buildIndex(procedures), query.q, { limit: SHOWN });
		found = result.items.map(row);
		matches = result.total;
	}
	return {
		level,
		total: procedures.length,
		posted: procedures.filter((p) => p.posted).length,
		pins: choices.pins.flatMap((f) => rows.get(f) ?? []),
		fields: listed,
		fieldCount: all.length,
		procedures: found,
		matches
	};
}
