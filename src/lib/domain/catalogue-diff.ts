// What a catalogue import adds, changes and removes against the posted catalogue.
import type { Procedure } from '$lib/schemas/procedure';

export interface CatalogueDiff {
	added: Procedure[];
	changed: { before: Procedure; after: Procedure; fields: (keyof Procedure)[] }[];
	removed: Procedure[];
	unchanged: number;
}

const COMPARED: (keyof Procedure)[] = [
	'name',
	'field',
	'levels',
	'agency',
	'channels',
	'processingTime',
	'fee',
	'url',
	'documents',
	'steps',
	'result',
	'legalBasis',
	'counter'
];

function same(a: Procedure[keyof Procedure], b: Procedure[keyof Procedure]): boolean {
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && a.every((v, i) => v === b[i]);
	return a === b;
}

/** `current` is the active (not abolished) catalogue; codes missing from `incoming` are removed. */
export function diffCatalogue(
	current: readonly Procedure[],
	incoming: readonly Procedure[]
): CatalogueDiff {
	const before = new Map(current.map((p) => [p.code, p]));
	const diff: CatalogueDiff = { added: [], changed: [], removed: [], unchanged: 0 };
	const seen = new Set<string>();
	for (const p of incoming) {
		seen.add(p.code);
		const old = before.get(p.code);
		if (!old) {
			diff.added.push(p);
			continue;
		}
		const fields = COMPARED.filter((f) => !same(old[f], p[f]));
		if (fields.length > 0) diff.changed.push({ before: old, after: p, fields });
		else diff.unchanged++;
	}
	for (const p of current) if (!seen.has(p.code)) diff.removed.push(p);
	return diff;
}

/**
 * An import that would abolish more than a tenth of the active catalogue (a 2-row file abolishes the other 2,641)
 * is applied only once the manager types how many procedures it abolishes.
 */
export function needsAbolishConfirmation(removed: number, active: number): boolean {
	return removed > 0 && removed * 10 > active;
}

/** Whether `typed` is the number `removed`, written as people write it: "2.642", "2 642" or "2642". */
export function confirmsAbolish(typed: string, removed: number): boolean {
	const digits = typed.normalize('NFKC').replace(/[\s.,]/g, '');
	return /^\d+$/.test(digits) && Number(digits) === removed;
}
