// The backup folder: daily backups written once a day, rotation that keeps BACKUP_KEEP of our own files and touches
// nothing else, the status the settings page shows (stale after two days, a failure until the next success), and
// downloads that only ever name our own files.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import { log } from '../log';
import { bootTest, engines, testConfig } from '../testing';
import { backupNow, fileFor, fileName, startAutomaticBackups, status } from './automatic';
import { readBackup } from './format';

const T = Date.parse('2026-04-01T18:00:00Z');
const DAY = 86_400_000;

describe.each(engines)('automatic backups on %s', (engine) => {
	let db: Db;
	let root: string;
	let n = 0;
	/** A backup folder of its own for each test. */
	const folder = async () => {
		const dir = path.join(root, `b${n++}`);
		await mkdir(dir);
		return dir;
	};

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		root = await mkdtemp(path.join(os.tmpdir(), 'sanhso-automatic-'));
	});
	afterAll(async () => {
		await db.close();
		await rm(root, { recursive: true, force: true });
	});

	it('keeps the newest BACKUP_KEEP backups and never touches another file in the folder', async () => {
		const dir = await folder();
		const cfg = testConfig({ BACKUP_DIR: dir, BACKUP_KEEP: '3' });
		const theirs = [
			'ghi-chu.txt',
			'sanhso-backup-cu.ndjson.gz',
			'sanhso-backup-20260101-000000Z.ndjson.gz.bak'
		];
		for (const name of theirs) await writeFile(path.join(dir, name), 'của người khác');
		const stale = '.sanhso-backup-20260301-000000Z.ndjson.gz.999.tmp';
		await writeFile(path.join(dir, stale), 'half a backup a crash left');
		for (let day = 0; day < 5; day++) await backupNow(cfg, { db, now: new Date(T + day * DAY) });
		const kept = [2, 3, 4].map((day) => fileName(new Date(T + day * DAY)));
		expect((await readdir(dir)).sort()).toEqual([...theirs, ...kept].sort());
		for (const name of kept)
			await expect(readBackup(path.join(dir, name))).resolves.toMatchObject({ engine });
	});

	it('the schedule writes a backup soon after start, then not again until a day has passed', async () => {
		const dir = await folder();
		const stop = startAutomaticBackups(testConfig({ BACKUP_DIR: dir }), {
			firstMs: 0,
			everyMs: 50
		});
		try {
			await vi.waitFor(async () => expect(await readdir(dir)).toHaveLength(1), {
				timeout: 20_000,
				interval: 50
			});
			await new Promise((r) => setTimeout(r, 500));
			expect(await readdir(dir)).toHaveLength(1);
		} finally {
			stop();
		}
	});

	it('the settings page is told the newest backup, and warned when it is more than two days old', async () => {
		const dir = await folder();
		const cfg = testConfig({ BACKUP_DIR: dir });
		expect(await status(cfg, new Date(T))).toMatchObject({
			files: [],
			stale: true,
			failure: null,
			automatic: true,
			keep: 14
		});
		const written = await backupNow(cfg, { db, now: new Date(T) });
		const fresh = await status(cfg, new Date(T + DAY));
		expect(fresh).toMatchObject({
			stale: false,
			failure: null,
			files: [{ name: written?.name, createdAt: new Date(T).toISOString() }]
		});
		expect(fresh.files[0].bytes).toBeGreaterThan(100);
		expect((await status(cfg, new Date(T + 2 * DAY + 60_000))).stale).toBe(true);
	});

	it('a failed backup is logged and shown until a backup succeeds', async () => {
		const blocker = path.join(root, `blocker-${engine}`);
		await writeFile(blocker, 'a file where the folder should be');
		const cfg = testConfig({ BACKUP_DIR: path.join(blocker, 'backups') });
		const logged = vi.spyOn(log, 'error');
		await expect(backupNow(cfg, { db, now: new Date(T) })).rejects.toThrow();
		expect(logged).toHaveBeenCalledWith(
			'backup_failed',
			expect.objectContaining({ message: expect.stringMatching(/ENOTDIR/) })
		);
		logged.mockRestore();
		const shown = await status(cfg, new Date(T + 60_000));
		expect(shown.failure).toMatchObject({
			at: new Date(T).toISOString(),
			message: expect.stringMatching(/ENOTDIR/)
		});
		expect(shown.stale).toBe(true);
		const dir = await folder();
		const good = testConfig({ BACKUP_DIR: dir });
		await backupNow(good, { db, now: new Date(T + 120_000) });
		expect((await status(good, new Date(T + 180_000))).failure).toBeNull();
	});

	it('a download names only one of our backups in the folder: no other file, no path', async () => {
		const dir = await folder();
		const cfg = testConfig({ BACKUP_DIR: dir });
		const written = await backupNow(cfg, { db, now: new Date(T) });
		expect(await fileFor(cfg, written?.name ?? '')).toEqual({
			path: path.join(dir, fileName(new Date(T))),
			bytes: written?.bytes
		});
		await writeFile(path.join(dir, 'ghi-chu.txt'), 'x');
		const refused = [
			'ghi-chu.txt',
			'../automatic.test.ts',
			`../${path.basename(dir)}/${written?.name}`,
			`${written?.name}/..`,
			path.join(dir, written?.name ?? ''),
			`${written?.name}\0`,
			fileName(new Date(T + DAY)) // our name, but no such file
		];
		for (const name of refused) expect(await fileFor(cfg, name), name).toBeNull();
	});
});

describe('where automatic backups go', () => {
	it('into DATA_DIR/backups on the embedded database; on PostgreSQL only where BACKUP_DIR says', async () => {
		expect((await status(testConfig({ DATA_DIR: '/srv/sanhso' }))).dir).toBe('/srv/sanhso/backups');
		expect((await status(testConfig({ DATABASE_URL: 'postgres://x/y' }))).automatic).toBe(false);
		expect(
			(await status(testConfig({ DATABASE_URL: 'postgres://x/y', BACKUP_DIR: '/srv/b' }))).automatic
		).toBe(true);
	});
});
