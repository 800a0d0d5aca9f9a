// Figures typed in by hand for a source with no export (BHXH, the land registry branch): the 14 counted columns of
// the standard table per field, checked against the table's identities and, when a total row was typed too, against
// the sum of the field rows column by column. Hand-typed reports break these (seeds 000, 001 and 004).
import { formatInt } from './numbers';
import { checkIdentities, emptyRow, type ThroughputRow } from './throughput';

export interface ManualRow {
	field: string;
	row: ThroughputRow;
}

type Group = keyof ThroughputRow;

/** The counted columns in the order of the printed table, each with its number there: (3) to (16). */
export const FIGURE_COLUMNS = [
	{ group: 'received', key: 'total', number: 3, label: 'Tổng số tiếp nhận' },
	{ group: 'received', key: 'online', number: 4, label: 'Trực tuyến' },
	{ group: 'received', key: 'direct', number: 5, label: 'Trực tiếp, bưu chính' },
	{ group: 'received', key: 'carriedOver', number: 6, label: 'Kỳ trước chuyển sang' },
	{ group: 'resolved', key: 'total', number: 7, label: 'Tổng số đã giải quyết' },
	{ group: 'resolved', key: 'early', number: 8, label: 'Trước hạn' },
	{ group: 'resolved', key: 'onTime', number: 9, label: 'Đúng hạn' },
	{ group: 'resolved', key: 'late', number: 10, label: 'Quá hạn' },
	{ group: 'resolved', key: 'rejected', number: 11, label: 'Từ chối' },
	{ group: 'resolved', key: 'withdrawn', number: 12, label: 'Rút' },
	{ group: 'pending', key: 'total', number: 13, label: 'Tổng số đang giải quyết' },
	{ group: 'pending', key: 'onTime', number: 14, label: 'Trong hạn' },
	{ group: 'pending', key: 'overdue', number: 15, label: 'Quá hạn' },
	{ group: 'pending', key: 'supplement', number: 16, label: 'Yêu cầu bổ sung' }
] as const satisfies readonly { group: Group; key: string; number: number; label: string }[];

export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** A column's name in the entry form and its typed values: `received.total`, `pending.supplement`. */
export function columnKey(column: FigureColumn): string {
	return `${column.group}.${column.key}`;
}

export function figureOf(row: ThroughputRow, column: FigureColumn): number {
	return (row[column.group] as Record<string, number>)[column.key];
}

function setFigure(row: ThroughputRow, column: FigureColumn, value: number): void {
	(row[column.group] as Record<string, number>)[column.key] = value;
}

/** The field rows added up column by column. */
export function sumRows(rows: readonly ManualRow[]): ThroughputRow {
	const total = emptyRow();
	for (const { row } of rows)
		for (const c of FIGURE_COLUMNS) setFigure(total, c, figureOf(total, c) + figureOf(row, c));
	return total;
}

export const TOTAL_ROW = 'Tổng cộng';

export interface ManualProblem {
	/** The field row, or TOTAL_ROW. */
	row: string;
	/** '(7) = (8) + (9) + (10) + (11) + (12)', or for the total row against the fields '(8): Tổng cộng = Σ lĩnh vực'. */
	identity: string;
	left: number;
	right: number;
	message: string;
}

/** Every broken identity of the entry: each field row's, the typed total row's own, and the total row against the sum. */
export function checkManualEntry(
	rows: readonly ManualRow[],
	total: ThroughputRow | null = null
): ManualProblem[] {
	const problems: ManualProblem[] = [];
	const own = (name: string, row: ThroughputRow) => {
		for (const b of checkIdentities(row)) {
			problems.push({
				row: name,
				identity: b.identity,
				left: b.left,
				right: b.right,
				message: `${name}, ${b.identity}: ${words(b.message)} (${formatInt(b.left)} ≠ ${formatInt(b.right)})`
			});
		}
	};
	for (const { field, row } of rows) own(field, row);
	if (total === null) return problems;
	own(TOTAL_ROW, total);
	const sum = sumRows(rows);
	for (const c of FIGURE_COLUMNS) {
		const typed = figureOf(total, c);
		const added = figureOf(sum, c);
		if (typed === added) continue;
		problems.push({
			row: TOTAL_ROW,
			identity: `(${c.number}): ${TOTAL_ROW} = Σ lĩnh vực`,
			left: typed,
			right: added,
			message: `${TOTAL_ROW}, cột (${c.number}) ${c.label}: dòng tổng ghi ${formatInt(typed)}, cộng các lĩnh vực được ${formatInt(added)}`
		});
	}
	return problems;
}

/** checkIdentities' sentence without its own figures (they are written again, formatted, after the identity). */
function words(message: string): string {
	return message.replace(/: \d+ ≠ \d+$/, '');
}

/** The cells a list of problems points at, by row (a field, or TOTAL_ROW): the columns its identities name. The form
 * marks them, so a manager sees where the figures disagree without reading the list. */
export function brokenCells(
	problems: readonly Pick<ManualProblem, 'row' | 'identity'>[]
): Map<string, Set<number>> {
	const cells = new Map<string, Set<number>>();
	for (const p of problems) {
		const columns = cells.get(p.row) ?? new Set<number>();
		for (const [, n] of p.identity.matchAll(/\((\d+)\)/g)) columns.add(Number(n));
		cells.set(p.row, columns);
	}
	return cells;
}

/** Whether what is typed in a figure's cell can be read as a count: digits, with dots or spaces between thousands. */
export function readableFigure(typed: string): boolean {
	return /^\s*(\d{1,3}([.\s]\d{3})*|\d+)?\s*$/.test(typed);
}
