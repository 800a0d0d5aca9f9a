// The CLI against a test server's data directory. PGlite is one process: the server is stopped around each use.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, type AppServer } from './app-server';

/** Runs the CLI on `dataDir`; the server on it must be stopped (see withServerStopped). */
export async function cli(dataDir: string, args: string[], input = ''): Promise<string> {
	const child = promisify(execFile)(process.execPath, ['scripts/vite-run.js', 'cli/index.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
	});
	child.child.stdin?.end(input ? input + '\n' : '');
	return (await child).stdout;
}

/** Stops the server, runs fn, and starts the server again on the same data, whatever fn did. */
export async function withServerStopped<T>(server: AppServer, fn: () => Promise<T>): Promise<T> {
	await server.stop();
	try {
		return await fn();
	} finally {
		await server.start();
	}
}

/** Runs one CLI command with the server stopped around it. */
export function cliStopped(server: AppServer, args: string[], input = ''): Promise<string> {
	return withServerStopped(server, () => cli(server.dataDir, args, input));
}

/** A fresh six-digit pairing code from `device pair` (args: --name, --kind, ...). */
export async function pairingCode(server: AppServer, args: string[]): Promise<string> {
	const out = await cliStopped(server, ['device', 'pair', ...args]);
	const code = out.match(/Pairing code: (\d{6})/)?.[1];
	if (!code) throw new Error(`no pairing code in: ${out}`);
	return code;
}

/** The server's rating totals, as `ratings summary` prints them. */
export async function ratingTotals(server: AppServer): Promise<{ stored: number; counted: number; flagged: number; byLevel: Record<string, number> }> {
	return JSON.parse(await cliStopped(server, ['ratings', 'summary']));
}
