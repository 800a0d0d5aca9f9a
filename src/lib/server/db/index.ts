// The server's one database: PGlite in DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { openPostgres, type Db } from './client';
import { template, unpack } from './template';
import { openPgliteWorker } from './worker';
import type { Config } from '../config';

export type { Db, Queryable } from './client';

let opened: Promise<Db> | undefined;

export async function openDatabase(cfg: Pick<Config, 'DATA_DIR' | 'DATABASE_URL'>): Promise<Db> {
	if (cfg.DATABASE_URL) return openPostgres(cfg.DATABASE_URL);
	const dir = path.resolve(cfg.DATA_DIR, 'pglite');
	await mkdir(dir, { recursive: true });
	const made = existsSync(path.join(dir, 'PG_VERSION')) ? undefined : template();
	if (made) unpack(made, dir);
	return openPgliteWorker(dir);
}

/** Sets the process-wide database (at start, or a test's own). */
export function useDatabase(db: Promise<Db> | Db): void {
	opened = Promise.resolve(db);
}

export function db(): Promise<Db> {
	if (!opened) throw new Error('database not opened: call boot() first');
	return opened;
}
