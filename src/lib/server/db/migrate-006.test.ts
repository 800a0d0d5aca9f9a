// Migration 006 on a database that already holds ratings: ticket and dossier codes stored before identifier() are
// rewritten to its key, and codes that are now one are flagged as the sync would have flagged them.
import { randomUUID } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { engines, freshDatabase } from '../testing';
import { migrate, migrations, splitStatements } from './migrate';

describe.each(engines)('migration 006 on %s', (engine) => {
	it('rewrites stored codes to their comparison key and counts each dossier once', async () => {
		const db = await freshDatabase(engine);
		try {
			await db.exec(
				`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`
			);
			for (const m of migrations.filter((m) => m.version < 6)) {
				for (const statement of splitStatements(m.sql)) await db.query(statement);
				await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
					m.version,
					m.name
				]);
			}
			await db.query(`INSERT INTO centers (id, name) VALUES ('test', 'Trung tâm')`);
			await db.query(
				`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ('d', 'test', 'Quầy', 'counter', 'h')`
			);
			const spellings = ['HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX\u201077 '];
			for (const [i, code] of spellings.entries()) {
				const at = new Date(Date.parse('2026-11-20T02:00:00Z') + i * 60_000);
				await db.query(
					`INSERT INTO ratings (id, center_id, device_id, level, scale, dossier, ticket, device_time, received_at, rated_at, payload_hash)
					 VALUES ($1, 'test', 'd', 'hai_long', 3, $2, $3, $4, $4, $4, 'h')`,
					[randomUUID(), code, `a-0${i}`, at]
				);
			}
			expect(await migrate(db)).toEqual(
				migrations.filter((m) => m.version >= 6).map((m) => m.name)
			);
			const rows = await db.query<{
				dossier: string;
				ticket: string;
				flag: string | null;
				late: boolean;
			}>('SELECT dossier, ticket, flag, late FROM ratings ORDER BY rated_at');
			expect(rows.map((r) => r.dossier)).toEqual(Array(4).fill('HSX-77'));
			expect(rows.map((r) => r.ticket)).toEqual(['A-00', 'A-01', 'A-02', 'A-03']);
			expect(rows.map((r) => r.flag)).toEqual([
				null,
				'repeat_dossier',
				'repeat_dossier',
				'repeat_dossier'
			]);
			expect(rows.every((r) => r.late === false)).toBe(true);
		} finally {
			await db.close();
		}
	});
});
