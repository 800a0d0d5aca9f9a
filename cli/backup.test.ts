import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boot } from '$lib/server/boot';
import { bootTest, engines, freshDatabase, testConfig } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import type { Config } from '$lib/server/config';
import * as catalogue from '$lib/server/catalogue';
import { cliRunner } from './testing';

describe.each(engines)('backup and restore on the command line, %s', (engine) => {
	let db: Db;
	let cfg: Config;
	let dir: string;
	const run = cliRunner(async () => ({ db, cfg }));
	const scans = async () =>
		(await db.query<{ n: number }>('SELECT COALESCE(sum(count), 0)::int AS n FROM counters'))[0].n;

	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'sanhso-cli-backup-'));
		({ db, cfg } = await bootTest(engine, {
			BACKUP_DIR: path.join(dir, 'backups'),
			BACKUP_KEEP: '2'
		}));
		await catalogue.countScan(cfg.CENTER_ID, '1.000001', new Date('2026-04-01T02:00:00Z'));
	});
	afterAll(async () => {
		await db.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('backup --out writes a checked file and never overwrites one', async () => {
		const out = path.join(dir, 'truoc-nang-cap.ndjson.gz');
		const first = await run(['backup', '--out', out]);
		expect(first).toMatchObject({ exit: 0, err: '' });
		expect(first.out).toMatch(
			/^Backup written: .*truoc-nang-cap\.ndjson\.gz \(\d+\.\d MB, \d+ rows in \d+ tables\)\.$/
		);
		const again = await run(['backup', '--out', out]);
		expect(again.exit).toBe(1);
		expect(again.err).toContain('already exists; nothing was written');
	});

	it('backup with no --out goes into the backup folder, which keeps BACKUP_KEEP', async () => {
		for (let i = 0; i < 3; i++) {
			const result = await run(['backup']);
			expect(result.exit).toBe(0);
			expect(result.out).toContain(path.join(dir, 'backups', 'sanhso-backup-'));
			await new Promise((r) => setTimeout(r, 1100)); // names are to the second
		}
		expect(await readdir(path.join(dir, 'backups'))).toHaveLength(2);
	});

	it('restore refuses a database holding data without --force, changing nothing; with --force it replaces it', async () => {
		const out = path.join(dir, 'truoc-nang-cap.ndjson.gz');
		await catalogue.countScan(cfg.CENTER_ID, '1.000001', new Date('2026-04-01T03:00:00Z'));
		const refused = await run(['restore', out]);
		expect(refused.exit).toBe(1);
		expect(refused.err).toMatch(
			/already holds data \(.*counters 2.*\)\. Nothing was changed; add --force/
		);
		expect(await scans()).toBe(2);
		const forced = await run(['restore', out, '--force']);
		expect(forced.exit).toBe(0);
		expect(forced.out).toMatch(/Restored \d+ rows in \d+ tables\./);
		expect(await scans()).toBe(1);
	});

	it('restore refuses what is not a backup, a missing file, and no file', async () => {
		const text = path.join(dir, 'ho-so.csv');
		await writeFile(text, 'ma_ho_so\nHS-1\n');
		expect(await run(['restore', text, '--force'])).toMatchObject({
			exit: 1,
			err: expect.stringContaining('is not a Sảnh số backup')
		});
		expect(await run(['restore', path.join(dir, 'khong-co.gz')])).toMatchObject({
			exit: 1,
			err: expect.stringContaining('does not exist')
		});
		expect((await run(['restore'])).exit).toBe(2);
		expect(await scans()).toBe(1);
	});

	it('restore into an empty installation needs no --force, and warns when CENTER_ID is not the restored center', async () => {
		const out = path.join(dir, 'truoc-nang-cap.ndjson.gz');
		const other = testConfig({ CENTER_ID: 'phuong-khac' });
		const empty = await boot(other, await freshDatabase(engine));
		try {
			const result = await cliRunner(async () => ({ db: empty, cfg: other }))(['restore', out]);
			expect(result.exit).toBe(0);
			expect(result.err).toContain(
				`the backup holds center(s) ${cfg.CENTER_ID}, but CENTER_ID is phuong-khac`
			);
		} finally {
			await empty.close();
		}
	});
});
