// The server's one database: PGlite in DATA_DIR, or PostgreSQL when DATABASE_URL is set; and where the heavy reads go
// (readDb): a read replica when READ_DATABASE_URL is set, else that same database.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { openPostgres, type Db } from './client';
import { template, unpack } from './template';
import { openPgliteWorker } from './worker';
import type { Config } from '../config';
import { log } from '../log';

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

let readUrl: string | undefined;
let reading: Promise<Db> | undefined;

/**
 * Sets where readDb() reads: a replica's URL (READ_DATABASE_URL, at start), or nothing: the main database. Closes the
 * replica's connections opened so far.
 */
export async function useReadDatabase(url: string | undefined): Promise<void> {
	await closeReadDatabase();
	readUrl = url;
}

/**
 * The database for reads that may lag a few seconds (reports, the dashboard, the city table): the replica, opened
 * read-only on first use (a replica that is down fails those reads, never the start or a device's sync), and tried
 * again on the next read after a failed opening. Without one, the main database.
 */
export function readDb(): Promise<Db> {
	const url = readUrl;
	if (!url) return db();
	if (reading) return reading;
	const opening = openPostgres(url, { readOnly: true }).catch((e: unknown) => {
		if (reading === opening) reading = undefined;
		log.error('read_database_unavailable', { message: e instanceof Error ? e.message : String(e) });
		throw e;
	});
	reading = opening;
	return opening;
}

/** Closes the replica's connections, if any were opened (at stop, with the main database). */
export async function closeReadDatabase(): Promise<void> {
	const open = reading;
	reading = undefined;
	const replica = await open?.catch(() => undefined);
	await replica?.close();
}
