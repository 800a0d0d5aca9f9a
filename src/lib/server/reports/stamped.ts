// The dossier counts the engine read, kept per center under the stamp of that center's dossier data (migration 018:
// a new random stamp whenever an import, an edit or a typed figure changes a center's dossiers). A city's table reads
// a year of every center's dossiers; after one center's import only that center is counted again, and a view with no
// change between is answered from what was counted, never from counts of data that has since changed.
// Kept twice: in this process's memory (per database handle, the most recently used: memory stays bounded, and a
// test's or a replica's database never answers for another's), and in the database (migration 019), so every app
// instance of a city shares what one counted, a restart starts warm, and an import can count its center again at
// once (`keptKeys`) for the next view to find.
import type { Queryable } from '../db/client';
import { log } from '../log';
import type { Sources } from './engine';

/** Kept readings per database handle: a city of a few hundred centers, a dozen periods each. */
const KEPT = 5000;
const kept = new WeakMap<object, Map<string, unknown>>();
/** A row of kept_counts not read for this long is removed (a day's running period, a range looked at once). */
const UNREAD_DAYS = 31;

/**
 * Each center's part of `read`'s answer for `key`, read once per version of its dossier data: `read` is asked only
 * for the centers with nothing kept, and answers each of them. Copies, in the order of `centerIds`. What `read`
 * answers must survive JSON (it is kept in the database): plain rows of numbers and text.
 */
export async function stamped<T>(
	// The counts and their stamps are read from `records` (the replica, if any); kept ones live on `settings`, the primary.
	sources: Sources,
	centerIds: string[],
	key: (string | number)[],
	read: (centerIds: string[]) => Promise<Map<string, T>>
): Promise<T[]> {
	const stamps = await sources.records.query<{ center_id: string; stamp: string }>(
		`SELECT center_id, stamp::text AS stamp FROM dossier_stamps WHERE center_id = ANY($1::text[])`,
		[centerIds]
	);
	const stampOf = new Map(stamps.map((s) => [s.center_id, s.stamp]));
	let cache = kept.get(sources.records);
	if (!cache) kept.set(sources.records, (cache = new Map()));
	const keyText = JSON.stringify(key);
	const memoryKey = new Map(
		centerIds.map((c) => [c, JSON.stringify([key, c, stampOf.get(c) ?? null])])
	);
	const ids = [...memoryKey.values()];
	const inMemory = (c: string) => cache.has(memoryKey.get(c) as string);
	const keep = (c: string, value: unknown) => cache.set(memoryKey.get(c) as string, value);

	let missing = centerIds.filter((c) => !inMemory(c));
	if (missing.length > 0) {
		for (const [c, value] of await fromDatabase(sources.settings, missing, keyText, stampOf))
			keep(c, value);
		missing = missing.filter((c) => !inMemory(c));
	}
	if (missing.length > 0) {
		const answered = await read(missing);
		for (const c of missing) {
			if (!answered.has(c)) throw new Error(`no answer for center ${c}`);
			keep(c, answered.get(c));
		}
		await intoDatabase(sources.settings, keyText, answered, stampOf);
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

/** The kept values of these centers for `key` whose stamp is still their center's; marks them read today. */
async function fromDatabase(
	q: Queryable,
	centerIds: string[],
	key: string,
	stampOf: Map<string, string>
): Promise<Map<string, unknown>> {
	const rows = await q.query<{ center_id: string; stamp: string; value: unknown; old: boolean }>(
		`SELECT center_id, stamp::text AS stamp, value, read_on < current_date AS old
		 FROM kept_counts WHERE center_id = ANY($1::text[]) AND key = $2`,
		[centerIds, key]
	);
	const current = rows.filter((r) => stampOf.get(r.center_id) === r.stamp);
	const old = current.filter((r) => r.old).map((r) => r.center_id);
	if (old.length > 0)
		await quietly('kept_counts_read_on', () =>
			q.query(
				`UPDATE kept_counts SET read_on = current_date WHERE center_id = ANY($1::text[]) AND key = $2`,
				[old, key]
			)
		);
	return new Map(current.map((r) => [r.center_id, r.value]));
}

/** Keeps what was just counted under the stamps it was counted at, and removes rows no one has read for a month. */
async function intoDatabase(
	q: Queryable,
	key: string,
	answered: Map<string, unknown>,
	stampOf: Map<string, string>
): Promise<void> {
	// A center with no stamp has never had a dossier or a typed figure: nothing worth keeping, nothing to key it by.
	const rows = [...answered]
		.filter(([c]) => stampOf.has(c))
		.map(([c, value]) => ({ center_id: c, stamp: stampOf.get(c), value }));
	if (rows.length === 0) return;
	await quietly('kept_counts_write', async () => {
		await q.query(
			`INSERT INTO kept_counts (center_id, key, stamp, value)
			 SELECT x.center_id, $1, x.stamp, x.value FROM json_to_recordset($2::json) AS x(center_id text, stamp uuid, value jsonb)
			 ON CONFLICT (center_id, key) DO UPDATE SET stamp = EXCLUDED.stamp, value = EXCLUDED.value, read_on = current_date`,
			[key, JSON.stringify(rows)]
		);
		await q.query(`DELETE FROM kept_counts WHERE read_on < current_date - $1::int`, [UNREAD_DAYS]);
	});
}

/**
 * The keys kept for a center that start with `prefix` (a key's leading parts) and were read within the month, most
 * recently read first: what an import should count again at once for the next view.
 */
export async function keptKeys(
	q: Queryable,
	centerId: string,
	prefix: (string | number)[],
	limit: number
): Promise<(string | number)[][]> {
	const start = JSON.stringify(prefix).slice(0, -1) + ',';
	const rows = await q.query<{ key: string }>(
		`SELECT key FROM kept_counts
		 WHERE center_id = $1 AND left(key, length($2)) = $2 AND read_on >= current_date - $3::int
		 ORDER BY read_on DESC, key LIMIT $4`,
		[centerId, start, UNREAD_DAYS, limit]
	);
	return rows.map((r) => JSON.parse(r.key) as (string | number)[]);
}

/** Keeping is an optimisation: a failed write (a read-only database, a lost connection) never fails the report. */
async function quietly(event: string, write: () => Promise<unknown>): Promise<void> {
	try {
		await write();
	} catch (e) {
		log.warn(event, { error: e instanceof Error ? e.message : String(e) });
	}
}
