// Test support: the per-day and per-hour sums of ratings (migration 014) and of device counts (004) as the triggers
// kept them, and the same sums computed from the rows as they are now, for tests to hold equal. Per center, so a city's
// tests also see a rating summed under the wrong center.
import { VN_ZONE } from '$lib/domain/vn-time';
import type { Queryable } from '../db';

/** The sums as kept, and as computed from the ratings now; rows of 0 left by takeaways are not sums. */
export async function rollupSums(db: Queryable) {
	const day = `(rated_at AT TIME ZONE '${VN_ZONE}')::date::text`;
	const hour = `date_bin('1 hour', rated_at, timestamptz '2000-01-01 00:00Z')`;
	const [kept, computed] = await Promise.all([
		Promise.all([
			db.query(
				`SELECT center_id, day::text, field, counter, level, flag, n, late FROM rating_days WHERE n <> 0
				 ORDER BY 1, 2, 3, 4, 5, 6`
			),
			db.query(
				`SELECT center_id, day::text, reason, n FROM rating_reason_days WHERE n <> 0 ORDER BY 1, 2, 3`
			),
			db.query(
				`SELECT center_id, hour::text, level, n FROM rating_hours WHERE n <> 0 ORDER BY 1, 2, 3`
			)
		]),
		Promise.all([
			db.query(
				`SELECT center_id, ${day} AS day, coalesce(field, '') AS field, coalesce(counter, '') AS counter, level,
					coalesce(flag, '') AS flag, count(*)::int AS n, (count(*) FILTER (WHERE late))::int AS late
				 FROM ratings GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`
			),
			db.query(
				`SELECT center_id, ${day} AS day, reason, count(*)::int AS n FROM ratings, unnest(reasons) AS reason
				 WHERE flag IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
			),
			db.query(
				`SELECT center_id, ${hour}::text AS hour, level, count(*)::int AS n FROM ratings WHERE flag IS NULL
				 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
			)
		])
	]);
	return { kept, computed };
}

/** The per-day sums of counts the publicity figures read (counter_days), as kept and as computed from counters. */
export async function counterSums(db: Queryable) {
	const [kept, computed] = await Promise.all([
		db.query(
			`SELECT center_id, kind, day::text, key, count::int AS n FROM counter_days WHERE count <> 0
			 ORDER BY 1, 2, 3, 4`
		),
		db.query(
			`SELECT center_id, kind, (hour AT TIME ZONE '${VN_ZONE}')::date::text AS day, key, sum(count)::int AS n
			 FROM counters GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4`
		)
	]);
	return { kept, computed };
}
