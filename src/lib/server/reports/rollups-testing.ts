// Test support: the per-day and per-hour sums of ratings (migration 014) as the triggers kept them, and the same sums
// computed from the ratings as they are now, for tests to hold equal.
import { VN_ZONE } from '$lib/domain/vn-time';
import type { Db } from '../db';

/** The sums as kept, and as computed from the ratings now; rows of 0 left by takeaways are not sums. */
export async function rollupSums(db: Db) {
	const day = `(rated_at AT TIME ZONE '${VN_ZONE}')::date::text`;
	const hour = `date_bin('1 hour', rated_at, timestamptz '2000-01-01 00:00Z')`;
	const [kept, computed] = await Promise.all([
		Promise.all([
			db.query(
				`SELECT day::text, field, counter, level, flag, n, late FROM rating_days WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`
			),
			db.query(`SELECT day::text, reason, n FROM rating_reason_days WHERE n <> 0 ORDER BY 1, 2`),
			db.query(`SELECT hour::text, level, n FROM rating_hours WHERE n <> 0 ORDER BY 1, 2`)
		]),
		Promise.all([
			db.query(
				`SELECT ${day} AS day, coalesce(field, '') AS field, coalesce(counter, '') AS counter, level,
					coalesce(flag, '') AS flag, count(*)::int AS n, (count(*) FILTER (WHERE late))::int AS late
				 FROM ratings GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`
			),
			db.query(
				`SELECT ${day} AS day, reason, count(*)::int AS n FROM ratings, unnest(reasons) AS reason
				 WHERE flag IS NULL GROUP BY 1, 2 ORDER BY 1, 2`
			),
			db.query(
				`SELECT ${hour}::text AS hour, level, count(*)::int AS n FROM ratings WHERE flag IS NULL
				 GROUP BY 1, 2 ORDER BY 1, 2`
			)
		])
	]);
	return { kept, computed };
}
