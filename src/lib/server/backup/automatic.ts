// The backup folder: daily automatic backups, their names, rotation beyond BACKUP_KEEP, the status the settings page
// shows (newest, age, the last failure), and the file a download asks for. Only files named as ours are ever touched.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { db as processDb, type Db } from '../db';
import { log } from '../log';
import { writeBackup } from './dump';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A daily backup is due when the newest is this old: a little under a day, so it keeps the same time of day. */
const DUE_AFTER_MS = DAY - HOUR;
/** The settings page warns when the newest backup is older than this. */
const STALE_AFTER_MS = 2 * DAY;
/** The first check waits for start-up to settle. */
const FIRST_CHECK_MS = 2 * 60_000;
/** Any fixed number: on PostgreSQL only the instance holding it writes (a city runs many). */
const BACKUP_LOCK = 727_002;

// sanhso-backup-20260514-020000Z.ndjson.gz: UTC, so names sort by time and never repeat across a clock change.
const NAME = /^sanhso-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z\.ndjson\.gz$/;
const TEMPORARY = /^\.sanhso-backup-\d{8}-\d{6}Z\.ndjson\.gz\.\d+\.tmp$/;

export function fileName(at: Date): string {
	const t = at.toISOString();
	return `sanhso-backup-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}Z.ndjson.gz`;
}

/** When a backup named so was made; null for any other name (so nothing else in the folder is ever ours). */
function createdAt(name: string): Date | null {
	const m = NAME.exec(name);
	if (!m) return null;
	const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
	return Number.isNaN(at.getTime()) ? null : at;
}

export function backupDir(cfg: Pick<Config, 'BACKUP_DIR' | 'DATA_DIR'>): string {
	return path.resolve(cfg.BACKUP_DIR ?? path.join(cfg.DATA_DIR, 'backups'));
}

/** Embedded database: always. PostgreSQL: only where BACKUP_DIR says where (one folder for a city's instances). */
function automaticEnabled(cfg: Pick<Config, 'BACKUP_DIR' | 'DATABASE_URL'>): boolean {
	return !cfg.DATABASE_URL || cfg.BACKUP_DIR !== undefined;
}

export interface BackupFile {
	name: string;
	bytes: number;
	createdAt: string;
}

/** Our backups in the folder, newest first; none when the folder does not exist yet. */
async function list(dir: string): Promise<BackupFile[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw e;
	}
	const files: BackupFile[] = [];
	for (const name of names) {
		const at = createdAt(name);
		if (!at) continue;
		const info = await stat(path.join(dir, name)).catch(() => null);
		if (info?.isFile()) files.push({ name, bytes: info.size, createdAt: at.toISOString() });
	}
	return files.sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** Removes our backups beyond the newest `keep`, and temporary files a crash left; returns the names removed. */
async function rotate(dir: string, keep: number): Promise<string[]> {
	const removed = (await list(dir)).slice(keep).map((f) => f.name);
	for (const name of (await readdir(dir)).filter((n) => TEMPORARY.test(n))) removed.push(name);
	for (const name of removed) {
		await rm(path.join(dir, name), { force: true });
		log.info('backup_removed', { file: name });
	}
	return removed;
}

// The last failure since the last success, for the settings page: kept by this server process, which owns the
// schedule (a failure is also logged; on PostgreSQL another instance's page sees the newest backup growing old).
let lastFailure: { at: string; message: string } | null = null;
/** Backups of this process, one after the other: a second request waits for the first, then writes its own. */
let queue: Promise<unknown> = Promise.resolve();

export interface BackupOptions {
	db?: Db;
	now?: Date;
	/** Skip when the newest backup is younger than this (the schedule's check, repeated under the lock). */
	unlessNewerThanMs?: number;
}

/**
 * Writes a backup into the folder, then rotates. One at a time in this process, and on PostgreSQL one at a time
 * across instances (null when another instance holds the lock, or a fresh enough backup exists). A failure is
 * logged, remembered for the settings page, and thrown.
 */
export function backupNow(cfg: Config, options: BackupOptions = {}): Promise<BackupFile | null> {
	const next = queue.then(() => run(cfg, options));
	queue = next.catch(() => undefined);
	return next;
}

async function run(
	cfg: Config,
	{ db, now = new Date(), unlessNewerThanMs }: BackupOptions
): Promise<BackupFile | null> {
	const dir = backupDir(cfg);
	const started = Date.now();
	try {
		const database = db ?? (await processDb());
		return await exclusive(database, async () => {
			await mkdir(dir, { recursive: true });
			const newest = (await list(dir))[0];
			if (
				newest &&
				unlessNewerThanMs !== undefined &&
				now.getTime() - Date.parse(newest.createdAt) < unlessNewerThanMs
			)
				return null;
			const written = await writeBackup(database, path.join(dir, fileName(now)), now);
			lastFailure = null;
			log.info('backup_written', {
				file: written.file,
				bytes: written.bytes,
				rows: written.rows,
				ms: Date.now() - started
			});
			await rotate(dir, cfg.BACKUP_KEEP);
			return {
				name: path.basename(written.file),
				bytes: written.bytes,
				createdAt: now.toISOString()
			};
		});
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		lastFailure = { at: now.toISOString(), message };
		log.error('backup_failed', { dir, message, ms: Date.now() - started });
		throw e;
	}
}

/** On PostgreSQL, holds an advisory lock in a transaction of its own while fn runs; PGlite has one process. */
async function exclusive<T>(database: Db, fn: () => Promise<T | null>): Promise<T | null> {
	if (database.kind === 'pglite') return fn();
	return database.transaction(async (tx) => {
		const [{ got }] = await tx.query<{ got: boolean }>(
			'SELECT pg_try_advisory_xact_lock($1) AS got',
			[BACKUP_LOCK]
		);
		return got ? fn() : null;
	});
}

export interface BackupStatus {
	dir: string;
	automatic: boolean;
	keep: number;
	files: BackupFile[];
	/** No backup, or the newest older than two days. */
	stale: boolean;
	/** Why the last attempt failed (when no backup was made since), or why the folder could not be read. */
	failure: { at: string; message: string } | null;
}

export async function status(cfg: Config, now = new Date()): Promise<BackupStatus> {
	const dir = backupDir(cfg);
	let files: BackupFile[] = [];
	let failure = lastFailure;
	try {
		files = await list(dir);
	} catch (e) {
		failure ??= {
			at: now.toISOString(),
			message: `cannot read ${dir}: ${e instanceof Error ? e.message : String(e)}`
		};
	}
	const newest = files[0];
	if (failure && newest && Date.parse(newest.createdAt) >= Date.parse(failure.at)) failure = null;
	const stale = !newest || now.getTime() - Date.parse(newest.createdAt) > STALE_AFTER_MS;
	return { dir, automatic: automaticEnabled(cfg), keep: cfg.BACKUP_KEEP, files, stale, failure };
}

/** The path of one of our backups by its name, or null: only our own names, only in the folder. */
export async function fileFor(
	cfg: Config,
	name: string
): Promise<{ path: string; bytes: number } | null> {
	if (!createdAt(name)) return null;
	const file = path.join(backupDir(cfg), name);
	const info = await stat(file).catch(() => null);
	return info?.isFile() ? { path: file, bytes: info.size } : null;
}

/**
 * The daily schedule: checks every hour (and soon after start) whether the newest backup is a day old, and writes one
 * if so, so a box switched off at night still gets its daily backup. Returns the function that stops it. Only the
 * server calls this; the CLI never schedules.
 */
export function startAutomaticBackups(
	cfg: Config,
	timing = { firstMs: FIRST_CHECK_MS, everyMs: HOUR }
): () => void {
	if (!automaticEnabled(cfg)) {
		log.info('backup_automatic_off', { reason: 'DATABASE_URL is set and BACKUP_DIR is not' });
		return () => undefined;
	}
	const check = () =>
		void backupNow(cfg, { unlessNewerThanMs: DUE_AFTER_MS }).catch(() => undefined); // logged and shown by backupNow
	const first = setTimeout(check, timing.firstMs);
	const every = setInterval(check, timing.everyMs);
	first.unref();
	every.unref();
	log.info('backup_automatic_on', { dir: backupDir(cfg), keep: cfg.BACKUP_KEEP });
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
