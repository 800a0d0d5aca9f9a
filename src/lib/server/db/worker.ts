// PGlite in a worker thread: the embedded database runs its queries off the thread that serves requests, so a
// year's report never holds a device's sync. The main thread talks to it with small messages (query, exec,
// begin/commit/rollback of one transaction at a time, close), and reopens it when it died (a full disk, say).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Params, Queryable } from './client';

/** Settings for a small box: PGlite's default 128 MB of shared buffers is most of a commune center's memory budget. */
const POSTGRESQL_CONF = [
	'shared_buffers=16MB',
	'work_mem=4MB',
	'maintenance_work_mem=32MB',
	'wal_buffers=1MB'
];

// Runs inside the worker (CommonJS, evaluated from this string so that it needs no build step of its own).
// It holds PGlite and one open transaction per id; a transaction keeps PGlite's own lock, so other queries wait.
// A transaction begins with its first statement, in one message: a round trip less for every transaction.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.module);
const asIs = (v) => v;
const toNumber = (v) => Number(v);
// Dates stay 'YYYY-MM-DD' strings; int8 and numeric come back as numbers, as from PostgreSQL in pg.
const parsers = { 1082: asIs, 20: toNumber, 1700: toNumber };
const ROLLBACK = Symbol('rollback');
const txs = new Map();
let nextTx = 1;
let db;

function errorOf(e) {
	const out = { message: e && e.message ? e.message : String(e) };
	for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'severity']) if (e && e[k] !== undefined) out[k] = e[k];
	return out;
}

function target(m) {
	if (!m.tx) return db;
	const t = txs.get(m.tx);
	if (!t) throw new Error('transaction ' + m.tx + ' is not open');
	return t.tx;
}

function begin() {
	return new Promise((resolve, reject) => {
		const id = nextTx++;
		let finish;
		const done = new Promise((res, rej) => (finish = { res, rej }));
		const settled = db.transaction((tx) => {
			txs.set(id, { tx, finish, settled });
			resolve(id);
			return done;
		});
		settled.catch((e) => {
			if (!txs.has(id)) reject(e);
		});
	});
}

async function end(id, commit) {
	const t = txs.get(id);
	if (!t) return null;
	if (commit) t.finish.res();
	else t.finish.rej(ROLLBACK);
	try {
		await t.settled;
	} catch (e) {
		if (commit) throw e;
	} finally {
		txs.delete(id);
	}
	return null;
}

async function handle(m) {
	switch (m.op) {
		case 'open':
			db = await PGlite.create(m.dataDir, {
				parsers,
				postgresqlconf: m.conf,
				// An in-memory database that starts as a copy of a migrated one (tests: ../testing.ts).
				loadDataDir: m.load ? new Blob([m.load]) : undefined
			});
			return null;
		case 'dump':
			return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
		case 'query':
			return (await target(m).query(m.sql, m.params)).rows;
		case 'exec':
			await target(m).exec(m.sql);
			return null;
		case 'begin': {
			const id = await begin();
			try {
				return { tx: id, rows: (await txs.get(id).tx.query(m.sql, m.params)).rows };
			} catch (e) {
				await end(id, false);
				throw e;
			}
		}
		case 'commit':
			return end(m.tx, true);
		case 'rollback':
			return end(m.tx, false);
		case 'close':
			if (db && !db.closed) await db.close();
			return null;
		default:
			throw new Error('unknown operation ' + m.op);
	}
}

// One statement, or one transaction from begin to end, holds PGlite at a time. What waits is served in order, but a
// request's own work (a device's sync, a sign-in) before the reads of a report or dashboard build (marked background):
// a sync then waits for one report statement at most, not for every statement a year's report has queued.
const waiting = { now: [], later: [] };
let holder = null;

function answer(m, work, release) {
	work.then(
		(result) => {
			parentPort.postMessage({ id: m.id, result });
			if (release) done();
		},
		(e) => {
			parentPort.postMessage({ id: m.id, error: errorOf(e) });
			if (release || m.op === 'begin') done();
		}
	);
}

function done() {
	holder = null;
	schedule();
}

// The next statement is chosen only after every message that arrived meanwhile is queued: PGlite blocks this thread
// while it runs, so the messages of that time are all waiting to be read.
let scheduled = false;
function schedule() {
	if (scheduled) return;
	scheduled = true;
	setImmediate(() => {
		scheduled = false;
		next();
	});
}

function next() {
	if (holder) return;
	const m = waiting.now.shift() || waiting.later.shift();
	if (!m) return;
	holder = m;
	const work = handle(m);
	// A transaction keeps the slot until its commit or rollback.
	if (m.op === 'begin') work.then((r) => (m.txId = r.tx), () => undefined);
	answer(m, work, m.op !== 'begin');
}

parentPort.on('message', (m) => {
	if (m.op === 'open') return answer(m, handle(m), false);
	if (m.tx !== undefined) {
		// The holding transaction's own statements and its end go straight through.
		const ends = (m.op === 'commit' || m.op === 'rollback') && holder !== null && holder.txId === m.tx;
		return answer(m, handle(m), ends);
	}
	(m.background ? waiting.later : waiting.now).push(m);
	schedule();
});
`;

type Message =
	| { op: 'open'; dataDir: string; conf: string[]; load?: Uint8Array }
	| { op: 'dump' }
	| { op: 'query'; sql: string; params?: Params; tx?: number }
	| { op: 'exec'; sql: string; tx?: number }
	| { op: 'begin'; sql: string; params?: Params }
	| { op: 'commit' | 'rollback'; tx: number }
	| { op: 'close' };

interface Reply {
	id: number;
	result?: unknown;
	error?: { message: string } & Record<string, unknown>;
}

/** An error the database reported, with PostgreSQL's fields (code, detail, constraint…) carried over. */
export class DatabaseError extends Error {
	code?: string;
	detail?: string;
	constructor(fields: { message: string } & Record<string, unknown>) {
		super(fields.message);
		Object.assign(this, fields);
		this.name = 'DatabaseError';
	}
}

/** The database's worker has stopped (crashed, aborted by PostgreSQL, or closed): queries fail until it is reopened. */
export class DatabaseGoneError extends Error {
	constructor(reason: string) {
		super(`the embedded database stopped: ${reason}`);
		this.name = 'DatabaseGoneError';
	}
}

const background = new AsyncLocalStorage<boolean>();

/** Runs fn with its database work behind everyone else's on PGlite (report and dashboard builds). */
export function inBackground<T>(fn: () => Promise<T>): Promise<T> {
	return background.run(true, fn);
}

const pgliteModule = () => createRequire(import.meta.url).resolve('@electric-sql/pglite');

/** One worker holding one PGlite. */
class Connection {
	private readonly worker: Worker;
	private readonly pending = new Map<
		number,
		{ resolve(v: unknown): void; reject(e: Error): void }
	>();
	private next = 1;
	gone: Error | undefined;

	constructor() {
		// Its JavaScript only passes rows along: a small young generation keeps the worker's own heap small.
		this.worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { module: pgliteModule() },
			resourceLimits: { maxYoungGenerationSizeMb: 8 }
		});
		this.worker.on('message', (reply: Reply) => {
			const waiting = this.pending.get(reply.id);
			if (!waiting) return;
			this.pending.delete(reply.id);
			if (reply.error) waiting.reject(new DatabaseError(reply.error));
			else waiting.resolve(reply.result);
		});
		this.worker.on('error', (e) => this.fail(e.message));
		this.worker.on('exit', (code) => this.fail(`worker exited (${code})`));
	}

	/** Gives up on this worker: every query waiting on it fails now, and the next one opens a new worker. */
	fail(reason: string): void {
		this.gone ??= new DatabaseGoneError(reason);
		for (const waiting of this.pending.values()) waiting.reject(this.gone);
		this.pending.clear();
	}

	call<T>(message: Message): Promise<T> {
		if (this.gone) return Promise.reject(this.gone);
		const id = this.next++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.worker.postMessage({ ...message, id, background: background.getStore() === true });
		});
	}

	async terminate(): Promise<void> {
		if (!this.gone) await this.call({ op: 'close' }).catch(() => undefined);
		this.gone ??= new DatabaseGoneError('closed');
		await this.worker.terminate();
	}
}

const REOPEN_PAUSE_MS = 2_000;

// PostgreSQL errors after which this PGlite cannot go on (a PANIC aborts the WebAssembly instance).
const FATAL = /RuntimeError|unreachable|Aborted|PANIC|memory access out of bounds/i;

export interface PgliteDb extends Db {
	/** The whole data directory as a gzipped tarball (a template: ./template.ts). */
	dump(): Promise<Uint8Array>;
}

/** Opens PGlite in a worker. A new directory (when no template filled it: ./template.ts) is initialised in a worker
 * of its own, thrown away after: initdb takes several hundred megabytes that the server would otherwise keep. */
export async function openPgliteWorker(
	dataDir: string | undefined,
	load?: Uint8Array
): Promise<PgliteDb> {
	const dir = dataDir ?? 'memory://';
	const conf = POSTGRESQL_CONF;
	if (dataDir && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
		const init = new Connection();
		try {
			await init.call({ op: 'open', dataDir: dir, conf });
		} finally {
			await init.terminate();
		}
	}
	const open = async () => {
		const connection = new Connection();
		try {
			await connection.call({ op: 'open', dataDir: dir, conf, load: dataDir ? undefined : load });
		} catch (e) {
			await connection.terminate();
			throw e;
		}
		return connection;
	};
	let current = await open();
	let reopening: Promise<Connection> | undefined;
	let failed: { at: number; error: unknown } | undefined;
	let closed = false;

	// A query that found the worker dead reopens it once for everyone waiting; the failed query itself still fails.
	// A reopen that failed (the disk still full) is not tried again for a moment: requests fail fast meanwhile.
	const live = async (): Promise<Connection> => {
		if (closed) throw new DatabaseGoneError('closed');
		if (!current.gone) return current;
		if (failed && Date.now() - failed.at < REOPEN_PAUSE_MS) throw failed.error;
		reopening ??= (async () => {
			try {
				await current.terminate();
				current = await open();
				failed = undefined;
				return current;
			} catch (e) {
				failed = { at: Date.now(), error: e };
				throw e;
			} finally {
				reopening = undefined;
			}
		})();
		return reopening;
	};
	const call = async <T>(message: Message): Promise<T> => {
		const connection = await live();
		try {
			return await connection.call<T>(message);
		} catch (e) {
			// The data stays on disk; a worker that PostgreSQL aborted is replaced by a fresh one on the next query.
			if (e instanceof Error && FATAL.test(e.message) && dataDir) connection.fail(e.message);
			throw e;
		}
	};

	return {
		kind: 'pglite',
		query: <T>(sql: string, params?: Params) => call<T[]>({ op: 'query', sql, params }),
		exec: (sql) => call({ op: 'exec', sql }),
		dump: () => call({ op: 'dump' }),
		transaction: async (fn) => {
			const connection = await live();
			// Begun by its first statement (the worker rolls back by itself when that one fails).
			let opened: Promise<number> | undefined;
			const inTx: Queryable = {
				query: async <T>(sql: string, params?: Params) => {
					if (opened) return connection.call<T[]>({ op: 'query', sql, params, tx: await opened });
					const first = connection.call<{ tx: number; rows: T[] }>({ op: 'begin', sql, params });
					opened = first.then((r) => r.tx);
					opened.catch(() => undefined); // the first statement's own caller hears of its failure
					return (await first).rows;
				}
			};
			let result;
			try {
				result = await fn(inTx);
			} catch (e) {
				const tx = await opened?.catch(() => undefined);
				if (tx !== undefined) await connection.call({ op: 'rollback', tx }).catch(() => undefined);
				throw e;
			}
			if (opened) await connection.call({ op: 'commit', tx: await opened });
			return result;
		},
		close: async () => {
			closed = true;
			await (reopening ?? Promise.resolve()).catch(() => undefined);
			await current.terminate();
		}
	};
}
