// Browsing the posted catalogue: filters by level, online submission and field, and fields with their counts.
import type { Level, Procedure } from '$lib/schemas/procedure';
import { compareVi } from './collation';

export interface Filters {
	/** One level, or every level when undefined. */
	level?: Level;
	/** Only procedures that can be submitted online. */
	online?: boolean;
	field?: string;
}

export function matches(p: Pick<Procedure, 'levels' | 'channels' | 'field'>, f: Filters): boolean {
	return (
		(f.level === undefined || p.levels.includes(f.level)) &&
		(!f.online || p.channels.includes('truc_tuyen')) &&
		(f.field === undefined || p.field === f.field)
	);
}

export function filter<T extends Pick<Procedure, 'levels' | 'channels' | 'field'>>(
	procedures: readonly T[],
	f: Filters
): T[] {
	return procedures.filter((p) => matches(p, f));
}

export interface FieldCount {
	field: string;
	count: number;
}

/** Fields in Vietnamese alphabetical order, each with how many procedures it holds. */
export function countFields(procedures: readonly Pick<Procedure, 'field'>[]): FieldCount[] {
	const counts = new Map<string, number>();
	for (const p of procedures) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
	return [...counts]
		.map(([field, count]) => ({ field, count }))
		.sort((a, b) => compareVi(a.field, b.field));
}

/**
 * The procedures citizens looked up most (kiosk views and QR scans at this center), for the empty search: the likeliest
 * next question. Ties go by name; procedures nobody has looked up are left out rather than listed in an arbitrary order.
 */
export function mostUsed<T extends { name: string; popularity: number }>(
	procedures: readonly T[],
	n: number
): T[] {
	return procedures
		.filter((p) => p.popularity > 0)
		.sort((a, b) => b.popularity - a.popularity || compareVi(a.name, b.name))
		.slice(0, n);
}
