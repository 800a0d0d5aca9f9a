// Starts and stops the built server through its production entry (`node scripts/server.js`) on a free loopback port with its own data directory.
// No Playwright here, so the benchmarks can use it too; tests get it through the fixture in tests/support/server.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(ROOT, 'build/handler.js');
const ENTRY = path.join(ROOT, 'scripts/server.js');
const HOST = '127.0.0.1';
/** Answers 200 only once migrations and the demo import are done: the server's "ready" signal. */
const READY_PATH = '/api/v1/catalogue';

// The surrounding environment must not leak into a test server: a DATABASE_URL exported for the PostgreSQL
// server tests would make every browser test share one database.
const NOT_INHERITED = [
	'DATABASE_URL',
	'DATA_DIR',
	'PORT',
	'HOST',
	'ORIGIN',
	'PUBLIC_URL',
	'SOCKET_PATH',
	'LISTEN_PID',
	'LISTEN_FDS',
	'SANHSO_BUILD_DIR'
];

export interface AppServerOptions {
	/** Environment overrides (config.ts variables); DATA_DIR, PORT and HOST are set by the helper. */
	env?: Record<string, string>;
	/** Reuse an existing data directory instead of a fresh temporary one (it is then not deleted). */
	dataDir?: string;
	/** How long a start may take before it counts as failed. */
	readyTimeoutMs?: number;
	/** A word for the temporary directory's name, to find a log among several. */
	label?: string;
}

export type StopSignal = 'SIGTERM' | 'SIGKILL';

// Servers still running when this process ends (a crashed worker, Ctrl-C) are killed with it.
const live = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

export class AppServer {
	readonly url: string;
	/** stdout and stderr of every start, appended. */
	readonly logFile: string;
	private child: ChildProcess | undefined;
	private exited: Promise<void> = Promise.resolve();
	/** Set when a test failed while using this server: dispose() then keeps the log. */
	keepLogs = false;
	/** Another build served from the next start on (see serveBuild); build/ when undefined. */
	private buildDir: string | undefined;

	private constructor(
		readonly port: number,
		readonly dataDir: string,
		private readonly tempDir: string,
		private readonly env: Record<string, string>,
		private readonly readyTimeoutMs: number
	) {
		this.url = `http://${HOST}:${port}`;
		this.logFile = path.join(tempDir, 'server.log');
	}

	/** Creates a server with a free port and a fresh data directory, and starts it. */
	static async launch(options: AppServerOptions = {}): Promise<AppServer> {
		const server = await AppServer.create(options);
		try {
			await server.start();
		} catch (e) {
			await server.dispose();
			throw e;
		}
		return server;
	}

	/** Like launch(), without starting: for timing the first start yourself. */
	static async create(options: AppServerOptions = {}): Promise<AppServer> {
		if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first.`);
		const tempDir = await mkdtemp(path.join(os.tmpdir(), `sanh-so-${options.label ?? 'server'}-`));
		const dataDir = options.dataDir ?? path.join(tempDir, 'data');
		return new AppServer(
			await freePort(),
			dataDir,
			tempDir,
			options.env ?? {},
			options.readyTimeoutMs ?? 60_000
		);
	}

	/** From the next start on, serves `dir` (a copy of build/ inside the project) instead of build/, on the same port
	 * and data: a new app version for the devices already installed. `undefined` goes back to build/. */
	serveBuild(dir: string | undefined): void {
		this.buildDir = dir;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	/** The server process's id while it runs (the benchmarks read its memory from /proc). */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Starts the server (again: same port and data directory, so a browser's origin and service worker stay).
	 * Resolves with the milliseconds from spawn to the first 200 of the catalogue API. */
	async start(): Promise<number> {
		if (this.child) throw new Error(`server ${this.url} is already running`);
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !NOT_INHERITED.includes(k))
		);
		const log = openSync(this.logFile, 'a');
		const started = performance.now();
		let child: ChildProcess;
		try {
			child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ENTRY], {
				cwd: ROOT,
				env: {
					...inherited,
					// No ORIGIN: the entry itself tells the app each request came over plain http, as on a center's box,
					// so QR codes encode exactly this server's URL.
					...this.env,
					...(this.buildDir ? { SANHSO_BUILD_DIR: this.buildDir } : {}),
					DATA_DIR: this.dataDir,
					PORT: String(this.port),
					HOST
				},
				stdio: ['ignore', log, log]
			});
		} finally {
			closeSync(log);
		}
		this.child = child;
		live.add(child);
		let exitCode: number | string | null | undefined;
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				exitCode = code ?? signal;
				live.delete(child);
				if (this.child === child) this.child = undefined;
				resolve();
			});
		});
		const deadline = started + this.readyTimeoutMs;
		for (;;) {
			if (exitCode !== undefined)
				throw new Error(
					`server ${this.url} exited (${exitCode}) before it was ready.\n${this.logTail()}`
				);
			if (performance.now() > deadline) {
				await this.stop('SIGKILL');
				throw new Error(
					`server ${this.url} was not ready within ${this.readyTimeoutMs} ms.\n${this.logTail()}`
				);
			}
			if (await answers200(this.url + READY_PATH)) return performance.now() - started;
			await sleep(50);
		}
	}

	/** Stops the server and waits until its process is gone. SIGTERM lets it close cleanly (SIGKILL after 5 s);
	 * SIGKILL is a crash or a power cut. */
	async stop(signal: StopSignal = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child) return;
		child.kill(signal);
		const killed = await Promise.race([
			this.exited.then(() => true),
			sleep(5_000).then(() => false)
		]);
		if (!killed) {
			child.kill('SIGKILL');
			await this.exited;
		}
	}

	async restart(signal: StopSignal = 'SIGTERM'): Promise<number> {
		await this.stop(signal);
		return this.start();
	}

	/** Stops the server and removes its temporary directory (all but the log, named on stderr, when keepLogs is set). */
	async dispose(): Promise<void> {
		await this.stop('SIGKILL');
		// The temporary directory holds the log, and the data directory unless one was given.
		if (!this.keepLogs) {
			await rm(this.tempDir, { recursive: true, force: true });
			return;
		}
		if (this.dataDir.startsWith(this.tempDir + path.sep))
			await rm(this.dataDir, { recursive: true, force: true });
		console.error(`server log kept: ${this.logFile}`);
	}

	/** The whole log so far (for attaching to a failed test). */
	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	logTail(lines = 40): string {
		return this.log()
			.split('\n')
			.slice(-lines - 1)
			.join('\n');
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
		});
	});
}

async function answers200(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
		await response.arrayBuffer();
		return response.status === 200;
	} catch {
		return false;
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
