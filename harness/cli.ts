// The CLI against a test server's data directory, as an administrator runs it: while the server runs, the command
// goes through it; with the server stopped, it opens the data directory itself.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, type AppServer } from './app-server';

/** Runs the CLI on `dataDir` and returns its standard output; rejects on a non-zero exit (the error holds stderr).
 * `env` as the server's (a city's DATABASE_URL and CENTER_ID); none of the surrounding DATABASE_URL otherwise. */
export async function cli(
	dataDir: string,
	args: string[],
	input = '',
	env: Record<string, string> = {}
): Promise<string> {
	const child = promisify(execFile)(
		process.execPath,
		['scripts/vite-run.js', 'cli/index.ts', ...args],
		{
			cwd: ROOT,
			env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env }
		}
	);
	child.child.stdin?.end(input ? input + '\n' : '');
	return (await child).stdout;
}

export interface CliProcess {
	readonly pid: number | undefined;
	/** Resolves when the command has exited: its exit code (null when killed), standard output and error. */
	readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
	/** Kills this command only. */
	kill(): void;
}

/** Starts a CLI command on `dataDir` without waiting for it: a test can then do things while it runs, or kill it. */
export function startCli(dataDir: string, args: string[]): CliProcess {
	const child = spawn(process.execPath, ['scripts/vite-run.js', 'cli/index.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		child.once('exit', (code) => resolve({ code, stdout, stderr }));
		child.once('error', (e) => resolve({ code: null, stdout, stderr: stderr + e.message }));
	});
	return { pid: child.pid, exited, kill: () => void child.kill('SIGKILL') };
}

/** Runs one CLI command on a test server's data, running or not (`env`: CENTER_ID for another center of a city). */
export function cliOn(
	server: AppServer,
	args: string[],
	input = '',
	env: Record<string, string> = {}
): Promise<string> {
	return cli(server.dataDir, args, input, env);
}

/** A fresh six-digit pairing code from `device pair` (args: --name, --kind, ...); `env` names a city's database and
 * center (DATABASE_URL, CENTER_ID). */
export async function pairingCode(
	server: AppServer,
	args: string[],
	env: Record<string, string> = {}
): Promise<string> {
	const out = await cli(server.dataDir, ['device', 'pair', ...args], '', env);
	const code = out.match(/Pairing code: (\d{6})/)?.[1];
	if (!code) throw new Error(`no pairing code in: ${out}`);
	return code;
}

/** A pairing code for a counter tablet at `counter`, serving `field` by default. */
export function counterPairingCode(
	server: AppServer,
	name: string,
	counter = '3',
	field = 'Hộ tịch'
): Promise<string> {
	return pairingCode(server, [
		'--name',
		name,
		'--kind',
		'counter',
		'--counter',
		counter,
		'--field',
		field
	]);
}

/** The server's rating totals, as `ratings summary` prints them. */
export async function ratingTotals(
	server: AppServer
): Promise<{ stored: number; counted: number; flagged: number; byLevel: Record<string, number> }> {
	return JSON.parse(await cliOn(server, ['ratings', 'summary']));
}

/** Stops the server, runs fn (say, a restore into an emptied data directory), and starts the server again. */
export async function withServerStopped<T>(server: AppServer, fn: () => Promise<T>): Promise<T> {
	await server.stop();
	try {
		return await fn();
	} finally {
		await server.start();
	}
}
