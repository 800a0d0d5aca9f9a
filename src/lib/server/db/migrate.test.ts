import { describe, it, expect, afterAll } from 'vitest';
import { engines, freshDatabase } from '../testing';
import { migrate, migrations } from './migrate';
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
		const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
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
