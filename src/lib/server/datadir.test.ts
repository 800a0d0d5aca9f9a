import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { transformWithEsbuild } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquire, DataDirBusyError, holderOf, lockFile } from './datadir';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-lock-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', '0']);
	await new Promise((resolve) => child.on('exit', resolve));
	return child.pid ?? 999_999;
}

describe('the DATA_DIR lock', () => {
	it('is held by one owner; a second is refused naming the directory and the holder', async () => {
		const lock = await acquire(dir, 'server');
		const refused = await acquire(dir, 'server').catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(DataDirBusyError);
		expect((refused as Error).message).toContain(dir);
		expect((refused as Error).message).toContain(`pid ${process.pid}`);
		expect(holderOf(dir)?.pid).toBe(process.pid);
		lock.release();
		expect(existsSync(lockFile(dir))).toBe(false);
		expect(holderOf(dir)).toBeUndefined();
	});

	it('a lock left by a process that is gone is taken over', async () => {
		const pid = await deadPid();
		writeFileSync(
			lockFile(dir),
			JSON.stringify({
				pid,
				owner: 'server',
				startedAt: '2026-01-01T00:00:00Z',
				host: os.hostname(),
				token: 'old'
			})
		);
		expect(holderOf(dir)).toBeUndefined();
		const lock = await acquire(dir, 'server');
		expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
		lock.release();
	});

	it('a live pid that started after the lock was written is a reused pid, not the holder', async () => {
		writeFileSync(
			lockFile(dir),
			JSON.stringify({
				pid: process.pid,
				owner: 'server',
				startedAt: '2026-01-01T00:00:00Z',
				host: os.hostname(),
				procStart: '1',
				token: 'old'
			})
		);
		const lock = await acquire(dir, 'cli');
		expect(lock.holder.owner).toBe('cli');
		lock.release();
	});

	it('of several processes taking over one stale lock at once, exactly one wins', async () => {
		const pid = await deadPid();
		writeFileSync(
			lockFile(dir),
			JSON.stringify({
				pid,
				owner: 'server',
				startedAt: '2026-01-01T00:00:00Z',
				host: os.hostname(),
				token: 'old'
			})
		);
		// Real processes (a lock is per process): this very module, compiled to JavaScript, in six of them at once.
		const module = path.join(dir, 'datadir.mjs');
		for (const name of ['datadir', 'storage']) {
			const compiled = await transformWithEsbuild(
				readFileSync(path.resolve(`src/lib/server/${name}.ts`), 'utf8'),
				`${name}.ts`
			);
			writeFileSync(
				path.join(dir, `${name}.mjs`),
				compiled.code.replace(`from "./storage"`, `from "./storage.mjs"`)
			);
		}
		const race = `
			const { acquire } = await import(${JSON.stringify(module)});
			try { await acquire(${JSON.stringify(path.join(dir, 'data'))}, 'server'); console.log('won'); await new Promise((r) => setTimeout(r, 2000)); }
			catch (e) { console.log(e.name === 'DataDirBusyError' ? 'busy' : 'error ' + e.message); }`;
		mkdirSync(path.join(dir, 'data'));
		renameSync(lockFile(dir), lockFile(path.join(dir, 'data')));
		const outcomes = await Promise.all(
			Array.from({ length: 6 }, () => {
				const child = spawn(process.execPath, ['--input-type=module', '-e', race], {
					stdio: ['ignore', 'pipe', 'inherit']
				});
				let out = '';
				child.stdout.on('data', (d) => (out += d));
				return new Promise<string>((resolve) => child.on('exit', () => resolve(out.trim())));
			})
		);
		expect(outcomes.sort()).toEqual(['busy', 'busy', 'busy', 'busy', 'busy', 'won']);
	});
});
