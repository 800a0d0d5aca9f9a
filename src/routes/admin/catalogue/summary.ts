// What the catalogue page shows: counts of the posted catalogue, and an import's diff cut to a readable size.
import type { CatalogueDiff } from '$lib/domain/catalogue-diff';
import type { Procedure } from '$lib/schemas/procedure';

export interface CatalogueSummary {
	total: number;
	fields: number;
	online: number;
	byLevel: { xa: number; tinh: number; bo: number; khac: number };
}

export function summarize(procedures: readonly Procedure[]): CatalogueSummary {
	const byLevel = { xa: 0, tinh: 0, bo: 0, khac: 0 };
	for (const p of procedures) for (const level of p.levels) byLevel[level]++;
	return {
		total: procedures.length,
		fields: new Set(procedures.map((p) => p.field)).size,
		online: procedures.filter((p) => p.channels.includes('truc_tuyen')).length,
		byLevel
	};
}

type Item = { code: string; name: string };

export interface DiffPreview {
	counts: { added: number; changed: number; removed: number; unchanged: number };
	added: Item[];
	changed: (Item & { fields: string[] })[];
	removed: Item[];
}

/** A page of a few thousand rows is still readable and small; past `limit` the counts tell the rest. */
export function previewOf(diff: CatalogueDiff, limit = 500): DiffPreview {
	const item = ({ code, name }: Item): Item => ({ code, name });
	return {
		counts: {
			added: diff.added.length,
			changed: diff.changed.length,
			removed: diff.removed.length,
			unchanged: diff.unchanged
		},
		added: diff.added.slice(0, limit).map(item),
		changed: diff.changed.slice(0, limit).map((c) => ({ ...item(c.after), fields: c.fields })),
		removed: diff.removed.slice(0, limit).map(item)
	};
}
