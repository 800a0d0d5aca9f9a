// The server process's life: take DATA_DIR's lock, open and migrate the database, lend it to CLI commands, and stop
// cleanly on SIGTERM/SIGINT within a hard deadline. A data directory that cannot be written at start (full, read-only)
// leaves the server answering a clear page and trying again, instead of exiting into a restart loop.
import type { Config } from './config';
import { boot } from './boot';
import { acquire, DataDirBusyError, type Lock } from './datadir';
import { closeReadDatabase, type Db } from './db';
import { serveAdmin } from './db/remote';
import { startAutomaticBackups } from './backup';
import { isStorageError } from './storage';
import { log } from './log';

export type Phase = 'starting' | 'ready' | 'unavailable' | 'stopping';

/** How long requests in flight may finish after a stop signal, and when the process exits whatever happens. */
export const DRAIN_MS = 2_000;
const HARD_DEADLINE_MS = 5_000;
const RETRY_MS = 5_000;

interface Running {
	db?: Db;
	lock?: Lock;
	admin?: { close(): Promise<void> };
	stops: (() => void | Promise<void>)[];
}

let phase: Phase = 'starting';
const running: Running = { stops: [] };
let stopping: Promise<void> | undefined;
let drained = false;
let endDrain: (() => void) | undefined;

export const currentPhase = (): Phase => phase;

/** Runs fn when the server stops (before the database closes): timers, schedules. */
export function onStop(fn: () => void | Promise<void>): void {
	running.stops.push(fn);
}

async function open(cfg: Config, afterBoot: (db: Db) => Promise<void>): Promise<void> {
	if (!cfg.DATABASE_URL) running.lock ??= await acquire(cfg.DATA_DIR, 'server');
	running.db = await boot(cfg, undefined, { announceSetup: true });
	if (!cfg.DATABASE_URL) running.admin = await serveAdmin(running.db, cfg.DATA_DIR);
	onStop(startAutomaticBackups(cfg));
	await afterBoot(running.db);
	phase = 'ready';
}

/** Starts the server's side of things. Exits the process on a busy DATA_DIR or a bad start that retrying cannot mend. */
export async function start(
	cfg: Config,
	afterBoot: (db: Db) => Promise<void> = async () => undefined
): Promise<void> {
	// adapter-node's own entry (`node build`) reads these after this hook has run: keep kept-alive connections longer
	// than browsers and tablets reuse them (Node's 5 s default raced their next request into a reset).
	// scripts/server.js (npm start) sets the same on its server.
	process.env.KEEP_ALIVE_TIMEOUT ??= '65';
	process.env.HEADERS_TIMEOUT ??= '66';
	// adapter-node emits this once its HTTP server has closed: nothing is in flight any more.
	process.once('sveltekit:shutdown' as NodeJS.Signals, () => {
		drained = true;
		if (endDrain) endDrain();
		else void stop('shutdown');
	});
	for (const signal of ['SIGTERM', 'SIGINT'] as const)
		process.once(signal, () => void stop(signal, DRAIN_MS));
	try {
		await open(cfg, afterBoot);
	} catch (e) {
		if (e instanceof DataDirBusyError || !isStorageError(e)) throw e;
		await retryLater(cfg, afterBoot, e);
	}
}

async function retryLater(
	cfg: Config,
	afterBoot: (db: Db) => Promise<void>,
	first: unknown
): Promise<void> {
	phase = 'unavailable';
	log.error('storage_unavailable', {
		dataDir: cfg.DATA_DIR,
		message: first instanceof Error ? first.message : String(first),
		retryInSeconds: RETRY_MS / 1000
	});
	await running.db?.close().catch(() => undefined);
	running.db = undefined;
	const timer = setInterval(() => {
		if (phase !== 'unavailable') return clearInterval(timer);
		open(cfg, afterBoot).then(
			() => {
				clearInterval(timer);
				log.info('storage_available', { dataDir: cfg.DATA_DIR });
			},
			async () => {
				await running.db?.close().catch(() => undefined);
				running.db = undefined;
			}
		);
	}, RETRY_MS);
	onStop(() => clearInterval(timer));
}

/** Stops taking requests, lets those in flight finish for up to `drainMs`, closes the database, releases the lock, exits. */
export function stop(reason: string, drainMs = 0): Promise<void> {
	if (stopping) return stopping;
	phase = 'stopping';
	log.info('stopping', { reason });
	setTimeout(() => {
		log.error('stop_deadline', { ms: HARD_DEADLINE_MS });
		running.lock?.release();
		process.exit(1);
	}, HARD_DEADLINE_MS).unref();
	stopping = (async () => {
		await running.admin?.close().catch(() => undefined);
		if (drainMs && !drained)
			await new Promise<void>((resolve) => {
				endDrain = resolve;
				setTimeout(resolve, drainMs);
			});
		for (const fn of running.stops) await Promise.resolve(fn()).catch(() => undefined);
		await running.db
			?.close()
			.catch((e) =>
				log.error('close_failed', { message: e instanceof Error ? e.message : String(e) })
			);
		await closeReadDatabase().catch((e) =>
			log.error('close_failed', {
				database: 'read',
				message: e instanceof Error ? e.message : String(e)
			})
		);
		running.lock?.release();
		log.info('stopped', { reason });
		process.exit(0);
	})();
	return stopping;
}
