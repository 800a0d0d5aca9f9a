// Test support: a fresh, migrated database per test file, on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig, type Config } from './config';
import { openPostgres, type Db } from './db/client';
import { template } from './db/template';
import { openPgliteWorker } from './db/worker';
import { boot } from './boot';

export type Engine = 'pglite' | 'postgres';

/** The engines every server test runs on. CI sets TEST_DATABASE_URL; without it only PGlite runs. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export function testConfig(overrides: Record<string, string> = {}): Config {
	return parseConfig({ DEMO_DATA: 'false', CENTER_ID: 'test', SANHSO_SILENT: '1', ...overrides });
}

/** A database of its own: in-memory PGlite, or a new schema on the test PostgreSQL server. `migrated` starts PGlite
 * from the migrated template when there is one (Vitest's global setup makes it: scripts/vitest-setup.ts). */
export async function freshDatabase(engine: Engine, migrated = false): Promise<Db> {
	process.env.SANHSO_SILENT = '1';
	if (engine === 'pglite') return openPgliteWorker(undefined, migrated ? template() : undefined);
	return freshPostgres();
}

/** A new schema on the test PostgreSQL server, with the URL that reaches it (as DATABASE_URL would); closing drops it. */
export async function freshPostgres(): Promise<Db & { url: string }> {
	process.env.SANHSO_SILENT = '1';
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE_URL is not set');
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	await admin.end();
	const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
	const db = await openPostgres(inSchema);
	return {
		...db,
		url: inSchema,
		close: async () => {
			await db.query(`DROP SCHEMA ${schema} CASCADE`);
			await db.close();
		}
	};
}

/** A migrated database with one center, set as the process's database. */
export async function bootTest(
	engine: Engine,
	overrides: Record<string, string> = {}
): Promise<{ db: Db; cfg: Config }> {
	const cfg = testConfig(overrides);
	const db = await boot(cfg, await freshDatabase(engine, true));
	return { db, cfg };
}
