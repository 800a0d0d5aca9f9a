// Who owns DATA_DIR: one process at a time holds its lock file (the server, or a CLI command when no server runs),
// so two PGlite engines never open the same files. A lock whose process is gone is stale and is taken over.
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	fsyncSync,
	openSync,
	readFileSync,
	statSync,
	unlinkSync,
	writeSync
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StorageError } from './storage';

export type Owner = 'server' | 'cli';

export interface Holder {
	pid: number;
	owner: Owner;
	startedAt: string;
	host: string;
	/** The kernel's boot id and the process's start tick: a pid reused after a reboot or a crash is not the holder. */
	bootId?: string;
	procStart?: string;
	token: string;
}

export interface Lock {
	readonly dir: string;
	readonly holder: Holder;
	release(): void;
}

export class DataDirBusyError extends Error {
	constructor(
		readonly dir: string,
		readonly holder: Holder
	) {
		const what = holder.owner === 'server' ? 'a Sảnh số server' : 'a Sảnh số command';
		super(
			`DATA_DIR ${dir} is in use by ${what} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
				`Only one server may use a data directory: stop that one first, or give this one another DATA_DIR.`
		);
		this.name = 'DataDirBusyError';
	}
}

const LOCK_FILE = 'sanhso.lock';
// A takeover in progress; older than this, its taker died mid-way.
const TAKEOVER_STALE_MS = 10_000;

export const lockFile = (dir: string) => path.join(path.resolve(dir), LOCK_FILE);

function readText(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8').trim();
	} catch {
		return undefined;
	}
}

function procStart(pid: number | 'self'): string | undefined {
	const stat = readText(`/proc/${pid}/stat`);
	// Field 22 (starttime) follows the command name in parentheses, which may itself hold spaces.
	return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function self(owner: Owner): Holder {
	return {
		pid: process.pid,
		owner,
		startedAt: new Date().toISOString(),
		host: os.hostname(),
		bootId: readText('/proc/sys/kernel/random/boot_id'),
		procStart: procStart('self'),
		token: randomBytes(12).toString('hex')
	};
}

function parse(text: string | undefined): Holder | undefined {
	if (!text) return undefined;
	try {
		const h = JSON.parse(text) as Partial<Holder>;
		return typeof h.pid === 'number' && typeof h.token === 'string' ? (h as Holder) : undefined;
	} catch {
		return undefined;
	}
}

/** Whether the process named in a lock still runs. Another host's lock (a shared disk) is trusted as alive. */
export function isAlive(h: Holder): boolean {
	if (h.host !== os.hostname()) return true;
	if (h.bootId && h.bootId !== readText('/proc/sys/kernel/random/boot_id')) return false;
	try {
		process.kill(h.pid, 0);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
	}
	// The pid runs; it is the holder only if it started when the holder did (pids are reused).
	const start = procStart(h.pid);
	return !(h.procStart && start && start !== h.procStart);
}

/** The live holder of DATA_DIR's lock, if any. */
export function holderOf(dir: string): Holder | undefined {
	const h = parse(readText(lockFile(dir)));
	return h && isAlive(h) ? h : undefined;
}

function createExclusive(file: string, content: string): boolean {
	let fd: number;
	try {
		fd = openSync(file, 'wx', 0o600);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	}
	try {
		writeSync(fd, content);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	return true;
}

function unlinkQuietly(file: string): void {
	try {
		unlinkSync(file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
	}
}

/** Removes a stale lock under a second, short-lived lock, so that two processes taking it over cannot both win.
 * False when another process is taking it over right now. */
function takeOver(file: string, staleText: string): boolean {
	const takeover = `${file}.takeover`;
	try {
		if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) unlinkQuietly(takeover);
	} catch {
		// no takeover in progress
	}
	if (!createExclusive(takeover, String(process.pid))) return false;
	try {
		if (readText(file) === staleText) unlinkQuietly(file);
	} finally {
		unlinkQuietly(takeover);
	}
	return true;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes DATA_DIR's lock, or throws DataDirBusyError naming the live holder. Released on exit at the latest. */
export async function acquire(dir: string, owner: Owner): Promise<Lock> {
	const resolved = path.resolve(dir);
	const file = lockFile(resolved);
	const holder = self(owner);
	const content = JSON.stringify(holder);
	const unwritable = (e: unknown) =>
		new StorageError(
			`DATA_DIR ${resolved} cannot be created or written: ${e instanceof Error ? e.message : String(e)}`
		);
	await mkdir(resolved, { recursive: true }).catch((e: unknown) => {
		throw unwritable(e);
	});
	for (let attempt = 0; attempt < 200; attempt++) {
		let created: boolean;
		try {
			created = createExclusive(file, content);
		} catch (e) {
			throw unwritable(e);
		}
		if (created) {
			let held = true;
			const release = () => {
				if (!held) return;
				held = false;
				process.off('exit', release);
				// Only our own lock: never remove one that another process took over after us.
				if (parse(readText(file))?.token === holder.token) unlinkQuietly(file);
			};
			process.on('exit', release);
			return { dir: resolved, holder, release };
		}
		const text = readText(file);
		const current = parse(text);
		if (current && isAlive(current)) throw new DataDirBusyError(resolved, current);
		// Half-written by a process that is creating it right now: give it a moment. Unreadable and old: stale.
		if (!current && text !== undefined && Date.now() - statSync(file).mtimeMs < 2_000) {
			await pause(50);
			continue;
		}
		// Another process taking the stale lock over: look again once it is done.
		if (text !== undefined && !takeOver(file, text)) await pause(20);
	}
	throw new Error(`could not take the lock ${file}`);
}
