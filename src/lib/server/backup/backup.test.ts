// Backups on a real database: a center's data backed up, the database wiped, restored, and the report, the device list,
// a sign-in and every row are as before; a damaged file or a database holding data is refused and changes nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customPeriod } from '$lib/domain/periods';
import { boot } from '../boot';
import type { Db } from '../db';
import { useDatabase } from '../db';
import * as auth from '../auth';
import * as sessions from '../auth/sessions';
import * as catalogue from '../catalogue';
import * as devices from '../devices';
import { buildReport } from '../reports';
import { bootTest, engines, freshDatabase, testConfig, type Engine } from '../testing';
import { BackupFileError, restore, RestoreRefused, writeBackup } from '.';
import { everyRow, FROM, makeCenterData, PASSWORD, TO, type Made } from './testing';

const CENTER = 'test';
const NOW = new Date('2026-04-20T03:00:00Z');

/** What a manager would notice: the report as the API gives it, and the device list. */
async function visible() {
	const report = await buildReport(CENTER, customPeriod(FROM, TO), NOW);
	const list = await devices.list(CENTER);
	return JSON.parse(JSON.stringify({ report, list }));
}

/** An empty installation: a fresh database migrated by start-up, with only the configured center in it. */
async function emptyInstallation(engine: Engine): Promise<Db> {
	return boot(testConfig({ CENTER_ID: CENTER }), await freshDatabase(engine));
}

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'sanhso-backup-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The backup as text lines, changed by `edit`, written back as a new gzip file. */
async function edited(
	file: string,
	name: string,
	edit: (lines: string[]) => string[]
): Promise<string> {
	const lines = gunzipSync(await readFile(file))
		.toString('utf8')
		.split('\n');
	const out = path.join(dir, name);
	await writeFile(out, gzipSync(edit(lines).join('\n')));
	return out;
}

describe.each(engines)('a backup and its restore on %s', (engine) => {
	let source: Db;
	let target: Db;
	let made: Made;
	let file: string;
	let before: { rows: Record<string, string[]>; seen: unknown };

	beforeAll(async () => {
		({ db: source } = await bootTest(engine, { CENTER_ID: CENTER }));
		made = await makeCenterData(CENTER);
		file = path.join(dir, `${engine}.ndjson.gz`);
		await writeBackup(source, file, NOW);
		before = { rows: await everyRow(source), seen: await visible() };
		await source.close();
		target = await emptyInstallation(engine);
	});
	afterAll(() => target.close());

	it('made data in every table, so the comparison below means something', () => {
		const empty = Object.entries(before.rows)
			.filter(([, rows]) => rows.length === 0)
			.map(([name]) => name);
		expect(empty).toEqual([]);
		expect(before.rows.ratings).toHaveLength(4);
	});

	it('a wiped database restored from the backup gives the same report, device list, sign-in and rows', async () => {
		const restored = await restore(target, file);
		expect(restored.centers).toEqual([CENTER]);
		expect(await everyRow(target)).toEqual(before.rows);
		expect(await visible()).toEqual(before.seen);
		const session = await sessions.resolve(made.sessionToken);
		expect(session).toMatchObject({ username: 'quantri', role: 'admin', centerId: CENTER });
		const login = await auth.login({ username: 'quantri', password: PASSWORD }, '10.0.0.9');
		expect(login.ok && login.user).toEqual(session);
	});

	it('counts made after a restore are summed once: triggers were off for the restore and are on again', async () => {
		const [code] = (await catalogue.active(CENTER)).map((p) => p.code);
		const daySum = async () =>
			(
				await target.query<{ n: number }>(
					`SELECT COALESCE(sum(count), 0)::int AS n FROM counter_days WHERE kind = 'scan' AND key = $1`,
					[code]
				)
			)[0].n;
		const restoredSum = await daySum();
		expect(restoredSum).toBe(await catalogue.scanCount(CENTER, code));
		await catalogue.countScan(CENTER, code, new Date('2026-04-02T03:00:00Z'));
		expect(await daySum()).toBe(restoredSum + 1);
	});

	it('a damaged or truncated file is refused whole and changes nothing', async () => {
		const rows = await everyRow(target);
		const bytes = await readFile(file);
		const truncated = path.join(dir, `${engine}-truncated.gz`);
		await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
		const flipped = path.join(dir, `${engine}-flipped.gz`);
		const copy = Buffer.from(bytes);
		copy[Math.floor(copy.length / 2)] ^= 0xff;
		await writeFile(flipped, copy);
		const notGzip = path.join(dir, `${engine}-text.gz`);
		await writeFile(notGzip, 'ma_ho_so,linh_vuc\nHS-1,Hộ tịch\n');
		const missingPage = await edited(file, `${engine}-missing-page.gz`, (lines) =>
			lines.filter((l) => !l.startsWith('{"table":"ratings"'))
		);
		const noEnd = await edited(file, `${engine}-no-end.gz`, (lines) =>
			lines.filter((l) => !l.startsWith('{"end"'))
		);
		for (const bad of [truncated, flipped, notGzip, missingPage, noEnd]) {
			await expect(restore(target, bad, { force: true }), path.basename(bad)).rejects.toThrow(
				BackupFileError
			);
		}
		expect(await everyRow(target)).toEqual(rows);
	});

	it('a file whose rows fail to load half-way is rolled back: the tables emptied for it are as before', async () => {
		const rows = await everyRow(target);
		// Intact and counted right, but the last table's row breaks a NOT NULL column: found only while inserting.
		const broken = await edited(file, `${engine}-not-null.gz`, (lines) =>
			lines.map((l) =>
				l.startsWith('{"table":"ratings"') ? l.replace(/"level":"[a-z_]+"/, '"level":null') : l
			)
		);
		await expect(restore(target, broken, { force: true })).rejects.toThrow(/null/);
		expect(await everyRow(target)).toEqual(rows);
	});

	it('a database that already holds data is left alone without --force, and replaced with it', async () => {
		await catalogue.countScan(CENTER, 'X', new Date('2026-04-03T03:00:00Z'));
		const rows = await everyRow(target);
		await expect(restore(target, file)).rejects.toThrow(RestoreRefused);
		await expect(restore(target, file)).rejects.toThrow(/already holds data.*--force/);
		expect(await everyRow(target)).toEqual(rows);
		await restore(target, file, { force: true });
		expect(await everyRow(target)).toEqual(before.rows);
	});

	it('a backup made with other migrations is refused, naming why', async () => {
		const header = (edit: (migrations: string[]) => string[]) => (lines: string[]) => {
			const h = JSON.parse(lines[0]);
			return [JSON.stringify({ ...h, migrations: edit(h.migrations) }), ...lines.slice(1)];
		};
		const older = await edited(
			file,
			`${engine}-older.gz`,
			header((m) => m.slice(0, -1))
		);
		const newer = await edited(
			file,
			`${engine}-newer.gz`,
			header((m) => [...m, '999_future.sql'])
		);
		await expect(restore(target, older, { force: true })).rejects.toThrow(
			/differs from this database/
		);
		await expect(restore(target, newer, { force: true })).rejects.toThrow(
			/newer version.*999_future\.sql/
		);
		expect(await everyRow(target)).toEqual(before.rows);
	});
});

describe.each(engines)('sequences after a restore on %s', (engine) => {
	const PROBE = `CREATE TABLE backup_probe (
		id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL, twice integer GENERATED ALWAYS AS (id * 2) STORED)`;

	it('an identity column goes on after the highest restored value; generated columns are computed again', async () => {
		const { db: source } = await bootTest(engine, { CENTER_ID: CENTER });
		await source.exec(`${PROBE}; INSERT INTO backup_probe (note) VALUES ('một'), ('hai'), ('ba');`);
		const file = path.join(dir, `${engine}-identity.ndjson.gz`);
		await writeBackup(source, file, NOW);
		await source.close();
		const target = await emptyInstallation(engine);
		try {
			await target.exec(PROBE);
			await restore(target, file);
			const [next] = await target.query<{ id: number; twice: number }>(
				`INSERT INTO backup_probe (note) VALUES ('bốn') RETURNING id, twice`
			);
			expect(next).toEqual({ id: 4, twice: 8 });
		} finally {
			await target.close();
		}
	});
});

// Only where CI (or a developer) gives a PostgreSQL server in TEST_DATABASE_URL: the move needs both engines.
describe.runIf(engines.includes('postgres'))('moving a center from PGlite to PostgreSQL', () => {
	it('a PGlite backup restores into PostgreSQL with the same report and devices', async () => {
		const { db: source } = await bootTest('pglite', { CENTER_ID: CENTER });
		await makeCenterData(CENTER);
		const seen = await visible();
		const file = path.join(dir, 'moving.ndjson.gz');
		await writeBackup(source, file, NOW);
		await source.close();
		const target = await emptyInstallation('postgres');
		try {
			useDatabase(target);
			const restored = await restore(target, file);
			expect(restored.header.engine).toBe('pglite');
			expect(await visible()).toEqual(seen);
		} finally {
			await target.close();
		}
	});
});
