import { describe, it, expect, afterAll } from 'vitest';
import { engines, freshDatabase } from '../testing';
import { migrate, migrations, splitStatements } from './migrate';
import type { Db } from './client';

describe.each(engines)('migrations on %s', (engine) => {
	const opened: Db[] = [];
	afterAll(async () => {
		for (const db of opened) await db.close();
	});

	it('apply every file once, and a second run changes nothing', async () => {
		const db = await freshDatabase(engine);
		opened.push(db);
		expect(await migrate(db)).toEqual(migrations.map((m) => m.name));
		expect(await migrate(db)).toEqual([]);
		const rows = await db.query<{ version: number }>(
			'SELECT version FROM schema_migrations ORDER BY version'
		);
		expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
	});

	it('two migrations running at once apply each file exactly once', async () => {
		const db = await freshDatabase(engine);
		opened.push(db);
		const [a, b] = await Promise.all([migrate(db), migrate(db)]);
		expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.name).sort());
	});

	it('are numbered without gaps or duplicates', () => {
		expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
	});
});

describe('splitting a migration', () => {
	it('splits at each semicolon but keeps a dollar-quoted function body whole, and drops comments', () => {
		const sql = `-- a comment; with a semicolon
CREATE TABLE a (x int);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO a VALUES (1);
	RETURN NULL;
END
$$;
INSERT INTO a VALUES (2);`;
		expect(splitStatements(sql)).toEqual([
			'CREATE TABLE a (x int)',
			'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n\tINSERT INTO a VALUES (1);\n\tRETURN NULL;\nEND\n$$',
			'INSERT INTO a VALUES (2)'
		]);
	});
});

describe.each(engines)('counters summed per local day on %s', (engine) => {
	let db: Db;
	afterAll(() => db.close());

	it('follow every insert and raise of a counter, by the local day of its hour', async () => {
		db = await freshDatabase(engine);
		await migrate(db);
		await db.query(`INSERT INTO centers (id, name) VALUES ('c', 'C')`);
		const upsert = (source: string, hour: string, count: number) =>
			db.query(
				`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES ('c', $1, $2, 'view', '1.001', $3)
				 ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = GREATEST(counters.count, EXCLUDED.count)`,
				[source, hour, count]
			);
		await upsert('device:a', '2026-05-01T16:00:00Z', 3); // 23:00 local on 1/5
		await upsert('device:a', '2026-05-01T16:00:00Z', 5); // the same hour resent with a higher total: +2
		await upsert('device:a', '2026-05-01T16:00:00Z', 4); // a stale resend: no change
		await upsert('device:b', '2026-05-01T17:00:00Z', 7); // 00:00 local on 2/5
		const days = await db.query<{ day: string; count: number }>(
			`SELECT day, count::int AS count FROM counter_days ORDER BY day`
		);
		expect(days).toEqual([
			{ day: '2026-05-01', count: 5 },
			{ day: '2026-05-02', count: 7 }
		]);
	});
});
