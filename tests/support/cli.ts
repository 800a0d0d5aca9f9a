// The CLI against a test server's data directory, as an administrator runs it: while the server runs, the command
// goes through it; with the server stopped, it opens the data directory itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, type AppServer } from './app-server';

/** Runs the CLI on `dataDir` and returns its standard output; rejects on a non-zero exit (the error holds stderr). */
export async function cli(dataDir: string, args: string[], input = ''): Promise<string> {
	const child = promisify(execFile)(process.execPath, ['scripts/vite-run.js', 'cli/index.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
	});
	child.child.stdin?.end(input ? input + '\n' : '');
	return (await child).stdout;
}

/** Runs one CLI command on a test server's data, running or not. */
export function cliOn(server: AppServer, args: string[], input = ''): Promise<string> {
	return cli(server.dataDir, args, input);
}

/** A fresh six-digit pairing code from `device pair` (args: --name, --kind, ...). */
export async function pairingCode(server: AppServer, args: string[]): Promise<string> {
	const out = await cliOn(server, ['device', 'pair', ...args]);
	const code = out.match(/Pairing code: (\d{6})/)?.[1];
	if (!code) throw new Error(`no pairing code in: ${out}`);
	return code;
}

/** The server's rating totals, as `ratings summary` prints them. */
export async function ratingTotals(server: AppServer): Promise<{ stored: number; counted: number; flagged: number; byLevel: Record<string, number> }> {
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
