// The running server's database as CLI commands reach it (DATA_DIR/admin.json, src/lib/server/db/remote.ts), for
// checks a test makes many times where a CLI process would cost seconds each: which rating ids the server holds (and
// the comments, byte for byte),
// whether a long transaction (an import's) is holding the embedded database right now, and whether a CLI process
// has connected to the server yet.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connectAdmin, endpointFile } from '../../src/lib/server/db/remote';
import type { Db } from '../../src/lib/server/db/client';

/** A server that has just become ready answers at once; one that is still writing its endpoint file, a moment later. */
const CONNECT_TRIES = 50;

async function connect(dataDir: string): Promise<Db> {
	for (let i = 0; i < CONNECT_TRIES; i++) {
		const db = await connectAdmin(dataDir);
		if (db) return db;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no server answers on ${endpointFile(dataDir)}`);
}

/**
 * Whether process `pid` holds an open TCP connection to the server's endpoint for CLI commands: the moment a command
 * starts using the running server, rather than opening DATA_DIR itself. Read from /proc (Linux); undefined elsewhere.
 */
export function connectedToServer(pid: number, dataDir: string): boolean | undefined {
	try {
		const { port } = JSON.parse(readFileSync(endpointFile(dataDir), 'utf8')) as { port: number };
		const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
		// Columns: sl, local address, remote address, state (01 = established), …, inode (the tenth).
		const inodes = new Set(
			['/proc/net/tcp', '/proc/net/tcp6']
				.flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
				.map((line) => line.trim().split(/\s+/))
				.filter((cols) => cols[2]?.endsWith(`:${hexPort}`) && cols[3] === '01')
				.map((cols) => `socket:[${cols[9]}]`)
		);
		return readdirSync(`/proc/${pid}/fd`).some((fd) => {
			try {
				return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
			} catch {
				return false; // closed meanwhile
			}
		});
	} catch {
		return undefined;
	}
}

/** A connection that may die with its server: closing it never waits on a socket that is already gone. */
async function closeQuietly(db: Db): Promise<void> {
	await Promise.race([db.close().catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
}

/** Every rating id the server holds (lower case, as it stores them). */
export async function heldRatingIds(dataDir: string): Promise<Set<string>> {
	const db = await connect(dataDir);
	try {
		const rows = await db.query<{ id: string }>('SELECT id::text AS id FROM ratings');
		return new Set(rows.map((r) => r.id));
	} finally {
		await closeQuietly(db);
	}
}

/** The comments of a device's ratings as the server stored them, oldest first, byte for byte (no normalising on the way). */
export async function storedComments(dataDir: string, deviceName: string): Promise<string[]> {
	const db = await connect(dataDir);
	try {
		const rows = await db.query<{ comment: string }>(
			`SELECT r.comment FROM ratings r JOIN devices d ON d.id = r.device_id WHERE d.name = $1 ORDER BY r.id`,
			[deviceName]
		);
		return rows.map((r) => r.comment);
	} finally {
		await closeQuietly(db);
	}
}

/**
 * Asks `SELECT 1` over and over. PGlite runs one transaction at a time and makes every other query wait for it, so a
 * question left unanswered for long means a long transaction holds the database: `blockedMs()` says for how long.
 */
export class BusyProbe {
	private askedAt: number | undefined;
	private stopped = false;
	/** The connection failed: blockedMs() says nothing any more. */
	gone = false;
	private readonly done: Promise<void>;

	private constructor(private readonly db: Db) {
		this.done = this.loop();
	}

	static async connect(dataDir: string): Promise<BusyProbe> {
		return new BusyProbe(await connect(dataDir));
	}

	private async loop(): Promise<void> {
		while (!this.stopped) {
			this.askedAt = performance.now();
			try {
				await this.db.query('SELECT 1');
			} catch {
				this.gone = true;
				break; // the server is gone
			}
			this.askedAt = undefined;
			await new Promise((r) => setTimeout(r, 20));
		}
		this.askedAt = undefined;
	}

	/** How long the current question has waited; 0 when none is waiting. */
	blockedMs(): number {
		return this.askedAt === undefined ? 0 : performance.now() - this.askedAt;
	}

	async close(): Promise<void> {
		this.stopped = true;
		await closeQuietly(this.db);
		await Promise.race([this.done, new Promise((r) => setTimeout(r, 500))]);
	}
}

/** One query on the running server's database, for a test to read back what a page wrote. */
export async function queryServer<T>(
	dataDir: string,
	sql: string,
	params: unknown[] = []
): Promise<T[]> {
	const db = await connect(dataDir);
	try {
		return await db.query<T>(sql, params);
	} finally {
		await closeQuietly(db);
	}
}
