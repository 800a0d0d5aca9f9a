// A year of a large ward, for the report and dashboard benchmarks: 100,000 ratings over the office hours of every day
// (10 % dissatisfied, 0.5 % flagged), 60,000 dossiers of every status, and a year of QR scan and view counters.
// Made in SQL, so setting up takes seconds.
import type { Db } from '$lib/server/db';

export const RATINGS = 100_000;
export const DOSSIERS = 60_000;
/** The chot-14 year 2026: 15/12/2025 – 14/12/2026, and its last month. */
export const YEAR = { from: '2025-12-15', to: '2026-12-14' };
export const MONTH = { from: '2026-10-15', to: '2026-11-14' };
const FIELDS = [
	'Hộ tịch',
	'Chứng thực',
	'Đất đai',
	'Xây dựng',
	'Đầu tư',
	'Tư pháp',
	'Lao động',
	'Bảo trợ xã hội',
	'Văn hóa',
	'Y tế'
];

/** How much a center holds: the large ward's year unless said (a city's centers are smaller, bench/city.ts). */
export interface WardSize {
	ratings: number;
	dossiers: number;
	/** A year of QR scan and view counters, and the procedures they name. */
	counters: boolean;
	/** VACUUM ANALYZE when done; false when the caller seeds more and vacuums once. */
	vacuum: boolean;
}

const LARGE: WardSize = { ratings: RATINGS, dossiers: DOSSIERS, counters: true, vacuum: true };

/** Fills a center (the tests' 'test' unless named) of a migrated database; returns the number of counter rows made. */
export async function seedLargeWard(
	db: Db,
	centerId = 'test',
	size: WardSize = LARGE
): Promise<number> {
	const device = centerId === 'test' ? 'bench' : `bench-${centerId}`;
	await db.query(
		`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ($2, $1, 'Bench', 'counter', $2)`,
		[centerId, device]
	);
	await db.query(
		`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, comment, device_time, received_at, rated_at, flag, payload_hash)
		 SELECT gen_random_uuid(), $3::text, $4::text, 'Quầy ' || (1 + i % 30), ($2::text[])[1 + i % 10],
			CASE WHEN (i * 31) % 100 < 10 THEN 'khong_hai_long' WHEN i % 2 = 0 THEN 'hai_long' ELSE 'rat_hai_long' END, 3,
			CASE WHEN (i * 31) % 100 < 10 THEN ARRAY['thoi_gian_cho'] || CASE WHEN i % 3 = 0 THEN ARRAY['thai_do'] ELSE ARRAY[]::text[] END ELSE ARRAY[]::text[] END,
			CASE WHEN (i * 31) % 100 < 2 THEN 'Chờ lâu ' || i ELSE '' END,
			t, t, t, CASE WHEN i % 200 = 0 THEN 'too_soon' END, 'bench'
		 FROM (SELECT i, timestamptz '2025-12-15 01:00Z' + (i % 365) * interval '1 day' + ((i * 7919) % 36000) * interval '1 second' AS t
			FROM generate_series(1, $1::int) AS i) g`,
		[size.ratings, FIELDS, centerId, device]
	);
	await db.query(`INSERT INTO dossier_sources (center_id, name) VALUES ($1, 'bench')`, [centerId]);
	await db.query(
		`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status, has_fee, paid_online)
		 SELECT $3::text, 'bench', 'HS' || i, ($2::text[])[1 + i % 10], CASE WHEN i % 3 = 0 THEN 'truc_tiep' ELSE 'truc_tuyen' END,
			r, r + 5 + i % 10, CASE WHEN i % 10 = 0 THEN NULL ELSE r + i % 17 END,
			CASE WHEN i % 10 = 0 THEN 'dang_xu_ly' WHEN i % 97 = 0 THEN 'tu_choi' WHEN i % 89 = 0 THEN 'rut' ELSE 'da_tra_ket_qua' END,
			i % 4 = 0, i % 4 = 0 AND i % 50 <> 0
		 FROM (SELECT i, date '2025-12-01' + (i % 380) AS r FROM generate_series(1, $1::int) AS i) g`,
		[size.dossiers, FIELDS, centerId]
	);
	if (!size.counters) {
		if (size.vacuum) await db.exec('VACUUM ANALYZE');
		return 0;
	}
	// Ten office hours a day: server QR scans of 20 procedures, and views of 60 on two kiosks.
	await db.query(
		`INSERT INTO counters (center_id, source, hour, kind, key, count)
		 SELECT $1::text, s.source, h, s.kind, '1.' || lpad((k % s.keys)::text, 6, '0'), 1 + (k * 7) % 5
		 FROM generate_series(timestamptz '2025-12-15 01:00Z', timestamptz '2026-12-14 10:00Z', interval '1 hour') AS h,
			(VALUES ('server', 'scan', 20), ('device:k1', 'view', 60), ('device:k2', 'view', 60)) AS s(source, kind, keys),
			generate_series(0, 59) AS k
		 WHERE extract(hour FROM h) BETWEEN 1 AND 10 AND k < s.keys`,
		[centerId]
	);
	// The procedures those counters name, so the most looked-up list has names.
	await db.query(
		`INSERT INTO procedures (center_id, code, name, field, levels, channels)
		 SELECT $2::text, '1.' || lpad(k::text, 6, '0'), 'Thủ tục ' || k, ($1::text[])[1 + k % 10], '{xa}', '{truc_tuyen}' FROM generate_series(0, 59) AS k
		 ON CONFLICT DO NOTHING`,
		[FIELDS, centerId]
	);
	const [{ n }] = await db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM counters WHERE center_id = $1',
		[centerId]
	);
	// A year of use is made here in seconds, so the per-day sums kept by triggers hold every superseded version of their
	// rows; in use, autovacuum clears them as it goes. Vacuum once, as it would have.
	if (size.vacuum) await db.exec('VACUUM ANALYZE');
	return n;
}
