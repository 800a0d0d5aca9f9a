// Migration 009: codes stored before identifier() was the rule are rewritten to it, and what that merges is merged.
import { describe, it, expect, afterAll } from 'vitest';
import { identifier } from '$lib/domain/text';
import { engines, freshDatabase } from '../testing';
import { migrate } from './migrate';
import type { Db } from './client';

const VERSION = 9;

describe.each(engines)('migration 009 (codes as identifiers) on %s', (engine) => {
	const opened: Db[] = [];
	afterAll(async () => {
		for (const db of opened) await db.close();
	});

	/** A database migrated to the end, holding `seed`, then migration 009 run over it again. */
	async function rerun(seed: (db: Db) => Promise<void>): Promise<Db> {
		const db = await freshDatabase(engine);
		opened.push(db);
		await migrate(db);
		await db.query(`INSERT INTO centers (id, name) VALUES ('c', 'C')`);
		await db.query(
			`INSERT INTO dossier_sources (center_id, name) VALUES ('c', 'Một cửa'), ('c', 'Bộ')`
		);
		await seed(db);
		await db.query('DELETE FROM schema_migrations WHERE version = $1', [VERSION]);
		expect(await migrate(db)).toEqual(['009_identifier_codes.sql']);
		return db;
	}

	const dossier = (
		db: Db,
		source: string,
		code: string,
		importedAt: string,
		procedure: string | null = null
	) =>
		db.query(
			`INSERT INTO dossiers (center_id, source, code, procedure_code, field, channel, received_on, status, imported_at)
			 VALUES ('c', $1, $2, $3, 'Hộ tịch', 'truc_tiep', '2026-03-02', 'dang_xu_ly', $4)`,
			[source, code, procedure, importedAt]
		);

	it('the four spellings of one dossier code in one source become one dossier, the last imported kept; other sources stay apart', async () => {
		const db = await rerun(async (db) => {
			await dossier(db, 'Một cửa', 'HSX-77', '2026-03-01T00:00:00Z');
			await dossier(db, 'Một cửa', 'hsx-77', '2026-03-04T00:00:00Z', 'btp‐01');
			await dossier(db, 'Một cửa', 'ＨＳＸ－７７', '2026-03-02T00:00:00Z');
			await dossier(db, 'Một cửa', 'HSX\u201077', '2026-03-03T00:00:00Z');
			await dossier(db, 'Bộ', 'hsx-77', '2026-03-01T00:00:00Z');
			await dossier(db, 'Một cửa', 'HS-1', '2026-03-01T00:00:00Z');
		});
		const rows = await db.query<{ source: string; code: string; procedure_code: string | null }>(
			'SELECT source, code, procedure_code FROM dossiers ORDER BY source, code'
		);
		expect(rows).toEqual([
			{ source: 'Bộ', code: 'HSX-77', procedure_code: null },
			{ source: 'Một cửa', code: 'HS-1', procedure_code: null },
			{ source: 'Một cửa', code: 'HSX-77', procedure_code: 'BTP-01' }
		]);
		// Run once more: nothing left to merge or rewrite.
		await db.query('DELETE FROM schema_migrations WHERE version = $1', [VERSION]);
		await migrate(db);
		expect(
			await db.query('SELECT source, code, procedure_code FROM dossiers ORDER BY source, code')
		).toEqual(rows);
	});

	it('procedure codes are rewritten, a posted one kept before an abolished twin', async () => {
		const db = await rerun(async (db) => {
			const add = (code: string, abolished: boolean) =>
				db.query(
					`INSERT INTO procedures (center_id, code, name, field, levels, channels, abolished_at) VALUES ('c', $1, $2, 'Hộ tịch', '{xa}', '{}', $3)`,
					[code, `Tên ${code}`, abolished ? '2026-01-01T00:00:00Z' : null]
				);
			await add('btp-01', false);
			await add('BTP-01', true);
			await add('1.000178', false);
		});
		const rows = await db.query<{ code: string; name: string; posted: boolean }>(
			'SELECT code, name, abolished_at IS NULL AS posted FROM procedures ORDER BY code'
		);
		expect(rows).toEqual([
			{ code: '1.000178', name: 'Tên 1.000178', posted: true },
			{ code: 'BTP-01', name: 'Tên btp-01', posted: true }
		]);
	});

	it('the rule in SQL is identifier() for the spellings people and spreadsheets produce', async () => {
		const spellings = [
			'hsx-77',
			'ＨＳＸ－７７',
			'HSX\u201077',
			'HSX\u221277',
			' hs\u200Bx  77 ',
			'h\u00ADsx\uFE6377',
			'đk-01',
			'ǆ-1',
			'HSX\uFE5877',
			'HSX\u00A077'
		];
		const db = await rerun(async (db) => {
			for (const [i, code] of spellings.entries())
				await dossier(db, i % 2 ? 'Bộ' : 'Một cửa', `${code}#${i}`, '2026-03-01T00:00:00Z');
		});
		const rows = await db.query<{ code: string }>('SELECT code FROM dossiers');
		expect(rows.map((r) => r.code).sort()).toEqual(
			spellings.map((s, i) => identifier(`${s}#${i}`)).sort()
		);
	});
});
