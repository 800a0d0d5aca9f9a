// The dossier counts the engine read, kept per center under the stamp of that center's dossier data (migration 018:
// a new random stamp whenever an import, an edit or a typed figure changes a center's dossiers). A city's table reads
// a year of every center's dossiers; after one center's import only that center is counted again, and a view with no
// change between is answered from what was counted, never from counts of data that has since changed. Per database
// handle, the most recently used kept: memory stays bounded, and a test's or a replica's database never answers for
// another's.
import type { Queryable } from '../db/client';

/** Kept readings per database handle: a city of a few hundred centers, a dozen periods each. */
const KEPT = 5000;
const kept = new WeakMap<object, Map<string, unknown>>();

/**
 * Each center's part of `read`'s answer for `key`, read once per version of its dossier data: `read` is asked only
 * for the centers with nothing kept, and answers each of them. Copies, in the order of `centerIds`.
 */
export async function stamped<T>(
	q: Queryable,
	centerIds: string[],
	key: (string | number)[],
	read: (centerIds: string[]) => Promise<Map<string, T>>
): Promise<T[]> {
	const stamps = await q.query<{ center_id: string; stamp: string }>(
		`SELECT center_id, stamp::text AS stamp FROM dossier_stamps WHERE center_id = ANY($1::text[])`,
		[centerIds]
	);
	const stampOf = new Map(stamps.map((s) => [s.center_id, s.stamp]));
	let cache = kept.get(q);
	if (!cache) kept.set(q, (cache = new Map()));
	const ids = centerIds.map((c) => JSON.stringify([key, c, stampOf.get(c) ?? null]));
	const missing = centerIds.filter((_, i) => !cache.has(ids[i]));
	if (missing.length > 0) {
		const answered = await read(missing);
		for (const c of missing) {
			if (!answered.has(c)) throw new Error(`no answer for center ${c}`);
			cache.set(ids[centerIds.indexOf(c)], answered.get(c));
		}
	}
	const values = ids.map((id) => {
		const value = cache.get(id) as T;
		cache.delete(id); // the most recently used last
		cache.set(id, value);
		return value;
	});
	while (cache.size > KEPT) cache.delete(cache.keys().next().value as string);
	return structuredClone(values);
}
