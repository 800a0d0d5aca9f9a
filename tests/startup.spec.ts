// Starting the real server entry (scripts/server.js): a bad configuration stops it, naming the variable.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs the server entry until it exits (or 30 s pass) and returns its exit code and output. */
async function runServer(
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-startup-'));
	try {
		const child = spawn(process.execPath, ['scripts/server.js'], {
			cwd: ROOT,
			env: {
				PATH: process.env.PATH ?? '',
				DATA_DIR: dataDir,
				PORT: '0',
				HOST: '127.0.0.1',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
		clearTimeout(timer);
		return { code, output };
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}

test('a bad configuration value stops the server and names the variable', async () => {
	const { code, output } = await runServer({ QR_TARGET: 'phone', CENTER_LEVEL: 'huyen' });
	expect(code).toBe(1);
	expect(output).toContain('Invalid configuration');
	expect(output).toMatch(/QR_TARGET: .*'public'/);
	expect(output).toMatch(/CENTER_LEVEL: /);
});

test('an unreachable PostgreSQL stops the server with the reason', async () => {
	const { code, output } = await runServer({
		DATABASE_URL: 'postgres://nobody:x@127.0.0.1:9/none'
	});
	expect(code).toBe(1);
	expect(output).toMatch(/Start-up failed: .*(ECONNREFUSED|connect)/);
});
