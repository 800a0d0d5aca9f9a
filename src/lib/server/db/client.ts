// One query interface over embedded PGlite and PostgreSQL: same SQL, same parameter style ($1), same row types.
import pg from 'pg';
import { openPgliteWorker } from './worker';

export type Params = readonly unknown[];

export interface Queryable {
	query<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
}

export interface Db extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/** Runs fn in one transaction; a thrown error rolls everything back. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Several statements at once, no parameters (migrations). */
	exec(sql: string): Promise<void>;
	close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
// Dates stay 'YYYY-MM-DD' strings (no time zone games); counts come back as numbers on both engines.
const toNumber = (v: string) => Number(v);
const asIs = (v: string) => v;

/** PGlite in DATA_DIR (or in memory), running in a worker thread (./worker.ts). */
export const openPglite = (dataDir: string | undefined): Promise<Db> => openPgliteWorker(dataDir);

let parsersSet = false;

/** The URL with `default_transaction_read_only=on` added to its startup options (kept: a search_path, say). */
function readOnlyUrl(url: string): string {
	const u = new URL(url);
	const options = [u.searchParams.get('options'), '-c default_transaction_read_only=on'];
	u.searchParams.set('options', options.filter(Boolean).join(' '));
	return u.toString();
}

/**
 * A pool on PostgreSQL. `readOnly`: every transaction of its connections is read-only, so a write sent through it
 * (a replica's handle pointed at the primary by mistake, a write added to a report) fails instead of landing there.
 */
export async function openPostgres(url: string, { readOnly = false } = {}): Promise<Db> {
	if (!parsersSet) {
		pg.types.setTypeParser(DATE_OID, asIs);
		pg.types.setTypeParser(INT8_OID, toNumber);
		pg.types.setTypeParser(NUMERIC_OID, toNumber);
		parsersSet = true;
	}
	const pool = new pg.Pool({ connectionString: readOnly ? readOnlyUrl(url) : url, max: 10 });
	pool.on('error', () => undefined); // an idle client's error must not crash the server; the next query reports it
	await pool.query('SELECT 1');
	return {
		kind: 'postgres',
		query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
		transaction: async (fn) => {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await fn({
					query: async (sql, params) => (await client.query(sql, params as unknown[])).rows
				});
				await client.query('COMMIT');
				return result;
			} catch (e) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw e;
			} finally {
				client.release();
			}
		},
		exec: async (sql) => void (await pool.query(sql)),
		close: () => pool.end()
	};
}
