// The center's posted list (danh mục niêm yết): which procedures it posts, given the catalogue and its choices, and the
// order its fields are offered in (pinned first, then by real use). Pure: the server, the kiosk and the tests share it.
import type { Level } from './procedure';
import { compareVi } from './collation';

/** How many fields a center may pin on the kiosk's home. */
export const MAX_PINS = 8;

/** A field's explicit choice: shown whole, hidden whole, or null (each procedure by the default); its counter (quầy). */
export interface FieldChoice {
	field: string;
	shown: boolean | null;
	counter: string;
}

/** What a center chose over the default; what it never touched is not here. */
export interface PostedChoices {
	fields: FieldChoice[];
	/** Single procedures shown or hidden whatever their field and level say. */
	procedures: { code: string; shown: boolean }[];
	/** Fields first on the kiosk's home, in order. */
	pins: string[];
}

export const NO_CHOICES: PostedChoices = { fields: [], procedures: [], pins: [] };

interface Postable {
	code: string;
	field: string;
	levels: readonly string[];
}

/** Why a procedure is posted or not: its own choice, its field's, or the default (carried out at the center's level). */
export type PostedReason = 'procedure' | 'field' | 'level';

export interface PostedState {
	posted: boolean;
	reason: PostedReason;
}

/** A compiled view of the choices, for deciding thousands of procedures quickly. */
export class PostedRules {
	#fields: Map<string, boolean | null>;
	#procedures: Map<string, boolean>;

	constructor(
		choices: PostedChoices,
		readonly level: Level
	) {
		this.#fields = new Map(choices.fields.map((f) => [f.field, f.shown]));
		this.#procedures = new Map(choices.procedures.map((p) => [p.code, p.shown]));
	}

	/** A procedure's own choice wins over its field's, and a field's over the default. */
	state(p: Postable): PostedState {
		const own = this.#procedures.get(p.code);
		if (own !== undefined) return { posted: own, reason: 'procedure' };
		const field = this.#fields.get(p.field);
		if (field !== undefined && field !== null) return { posted: field, reason: 'field' };
		return { posted: p.levels.includes(this.level), reason: 'level' };
	}

	isPosted(p: Postable): boolean {
		return this.state(p).posted;
	}
}

/** The procedures a center posts, in the order given. */
export function postedProcedures<T extends Postable>(
	procedures: readonly T[],
	choices: PostedChoices,
	level: Level
): T[] {
	const rules = new PostedRules(choices, level);
	return procedures.filter((p) => rules.isPosted(p));
}

/**
 * Use per field: the views and QR scans of its procedures plus the dossiers received in it. Only real use counts, so a
 * field with many procedures nobody asks for does not rise.
 */
export function fieldUsage(
	procedures: readonly Pick<Postable, 'code' | 'field'>[],
	procedureCounts: Readonly<Record<string, number>>,
	dossiersByField: Readonly<Record<string, number>> = {}
): Map<string, number> {
	const usage = new Map<string, number>(Object.entries(dossiersByField));
	for (const p of procedures) {
		const n = procedureCounts[p.code] ?? 0;
		if (n > 0) usage.set(p.field, (usage.get(p.field) ?? 0) + n);
	}
	return usage;
}

/**
 * Fields in the order a citizen is offered them: the pinned ones in the center's order, then the most used, then
 * alphabetically (Vietnamese). Never by how many procedures a field holds. Pins naming no given field are skipped.
 */
export function orderFields<T extends { field: string }>(
	fields: readonly T[],
	pins: readonly string[],
	usage: ReadonlyMap<string, number>
): T[] {
	const pinRank = new Map(pins.map((f, i) => [f, i]));
	return [...fields].sort((a, b) => {
		const pa = pinRank.get(a.field) ?? Infinity;
		const pb = pinRank.get(b.field) ?? Infinity;
		if (pa !== pb) return pa - pb;
		return (usage.get(b.field) ?? 0) - (usage.get(a.field) ?? 0) || compareVi(a.field, b.field);
	});
}

/** The pins after a manager's move; an error in Vietnamese when the move cannot be made. */
export function movePin(
	pins: readonly string[],
	field: string,
	move: 'pin' | 'unpin' | 'up' | 'down'
): string[] | { error: string } {
	const at = pins.indexOf(field);
	if (move === 'pin') {
		if (at >= 0) return [...pins];
		if (pins.length >= MAX_PINS)
			return { error: `Đã ghim đủ ${MAX_PINS} lĩnh vực. Hãy bỏ ghim một lĩnh vực trước.` };
		return [...pins, field];
	}
	if (at < 0) return { error: 'Lĩnh vực này chưa được ghim.' };
	if (move === 'unpin') return pins.filter((f) => f !== field);
	const to = move === 'up' ? at - 1 : at + 1;
	if (to < 0 || to >= pins.length) return [...pins];
	const next = [...pins];
	[next[at], next[to]] = [next[to], next[at]];
	return next;
}
