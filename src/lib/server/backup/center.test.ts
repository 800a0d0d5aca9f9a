// A center moved from its own box (PGlite) into a city's deployment that already serves another center: every row of
// the center arrives as it was, its report and device list read the same before and after, the other center is
// untouched, and every refusal (a taken user name, a center holding data, a damaged or wrong file) changes nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customPeriod } from '$lib/domain/periods';
import { boot } from '../boot';
import type { Db } from '../db';
import * as devices from '../devices';
import { buildReport } from '../reports';
import { bootTest, engines, freshDatabase, testConfig } from '../testing';
import { quote } from './catalog';
import { carriedRows, CenterMoveRefused, exportCenter, importCenter } from './center';
import { BackupFileError, restore, RestoreRefused, writeBackup } from '.';
import { everyRow, FROM, makeCenterData, TO } from './testing';

const MOVED = 'test';
const CITY = 'khac';
const NOW = new Date('2026-04-20T03:00:00Z');

/** What a manager would notice: the center's report as the API gives it, and its device list. */
async function visible(centerId: string) {
	const report = await buildReport(centerId, customPeriod(FROM, TO), NOW);
	const list = await devices.list(centerId);
	return JSON.parse(JSON.stringify({ report, list }));
}

/** A center's rows of every table a move carries, as JSON text in UTC, sorted. */
async function centerRows(db: Db, centerId: string): Promise<Record<string, string[]>> {
	return db.transaction(async (tx) => {
		await tx.query(`SET LOCAL TIME ZONE 'UTC'`);
		const out: Record<string, string[]> = {};
		for (const { table, where } of (await carriedRows(tx, centerId)).tables)
			out[table.name] = (
				await tx.query<{ j: string }>(
					`SELECT row_to_json(x)::text AS j FROM ${quote(table.name)} x WHERE ${where} ORDER BY 1`
				)
			).map((r) => r.j);
		return out;
	});
}

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'sanhso-center-move-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(engines)('a center moved from its PGlite box into a city on %s', (engine) => {
	let city: Db;
	let file: string;
	let box: { rows: Record<string, string[]>; seen: unknown; sessions: number };

	beforeAll(async () => {
		const { db: source } = await bootTest('pglite', { CENTER_ID: MOVED });
		await makeCenterData(MOVED);
		file = path.join(dir, `${engine}.center.ndjson.gz`);
		await exportCenter(source, MOVED, file, NOW);
		const [{ n }] = await source.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
		box = { rows: await centerRows(source, MOVED), seen: await visible(MOVED), sessions: n };
		await source.close();
		// The city: its own center with a full set of data (the same user names as the box's, as every box has).
		city = await boot(testConfig({ CENTER_ID: CITY }), await freshDatabase(engine));
		await makeCenterData(CITY);
	});
	afterAll(() => city.close());

	it('exported every table a move carries with rows in it, sessions left behind', () => {
		const empty = Object.entries(box.rows)
			.filter(([, rows]) => rows.length === 0)
			.map(([name]) => name);
		expect(empty).toEqual([]);
		expect(box.rows.ratings).toHaveLength(4);
		expect(box.rows).not.toHaveProperty('sessions');
		expect(box.sessions).toBeGreaterThan(0);
	});

	it('refuses an account whose user name the city already has, and changes nothing', async () => {
		const before = await everyRow(city);
		await expect(importCenter(city, file)).rejects.toThrow(/user name .*--without-users/);
		expect(await everyRow(city)).toEqual(before);
	});

	it('moves the center whole: its rows and report are the box’s, the other center is untouched', async () => {
		await city.query(`UPDATE users SET username = 'khac-' || username WHERE center_id = $1`, [
			CITY
		]);
		const other = { rows: await centerRows(city, CITY), seen: await visible(CITY) };
		const imported = await importCenter(city, file);
		expect(imported.center).toBe(MOVED);
		expect(await centerRows(city, MOVED)).toEqual(box.rows);
		expect(await visible(MOVED)).toEqual(box.seen);
		expect(await centerRows(city, CITY)).toEqual(other.rows);
		expect(await visible(CITY)).toEqual(other.seen);
		const [{ n }] = await city.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.center_id = $1`,
			[MOVED]
		);
		expect(n).toBe(0);
	});

	it('refuses a second import over the center’s data; --replace loads it again, every rating once', async () => {
		const before = await everyRow(city);
		await expect(importCenter(city, file)).rejects.toThrow(/already holds data .*--replace/);
		expect(await everyRow(city)).toEqual(before);
		await importCenter(city, file, { replace: true });
		expect(await centerRows(city, MOVED)).toEqual(box.rows);
		expect(await visible(MOVED)).toEqual(box.seen);
	});

	it('--without-users keeps the accounts the city made and loads everything else', async () => {
		await city.query(`UPDATE users SET username = 'city-' || username WHERE center_id = $1`, [
			MOVED
		]);
		const accounts = (await centerRows(city, MOVED)).users;
		await importCenter(city, file, { replace: true, withoutUsers: true });
		const rows = await centerRows(city, MOVED);
		expect(rows.users).toEqual(accounts);
		expect({ ...rows, users: [] }).toEqual({ ...box.rows, users: [] });
	});

	it('refuses a host name another center answers on', async () => {
		await city.query(`DELETE FROM center_hosts WHERE center_id = $1`, [MOVED]);
		await city.query(`INSERT INTO center_hosts (host, center_id) VALUES ($1, $2)`, [
			`${MOVED}.hcmc.gov.vn`,
			CITY
		]);
		const before = await everyRow(city);
		const refused = importCenter(city, file, { replace: true, withoutUsers: true });
		await expect(refused).rejects.toThrow(CenterMoveRefused);
		await expect(refused).rejects.toThrow(/host name/);
		expect(await everyRow(city)).toEqual(before);
		await city.query(`DELETE FROM center_hosts WHERE host = $1`, [`${MOVED}.hcmc.gov.vn`]);
	});

	it('refuses a file whose sums are not its ratings’ (edited by hand), changing nothing', async () => {
		const before = await everyRow(city);
		const lines = gunzipSync(await readFile(file))
			.toString('utf8')
			.split('\n');
		const at = lines.findIndex((l) => l.startsWith('{"table":"rating_days"'));
		expect(at).toBeGreaterThan(0);
		lines[at] = lines[at].replace(/"n":(\d+)/, (_, n: string) => `"n":${Number(n) + 1}`);
		const edited = path.join(dir, `${engine}.edited.gz`);
		await writeFile(edited, gzipSync(lines.join('\n')));
		await expect(importCenter(city, edited, { replace: true, withoutUsers: true })).rejects.toThrow(
			/rating_days: 2 sums .* differ/
		);
		expect(await everyRow(city)).toEqual(before);
	});

	it('refuses a damaged file, a whole backup, and a restore of a center’s export, changing nothing', async () => {
		const before = await everyRow(city);
		const bytes = await readFile(file);
		const cut = path.join(dir, `${engine}.cut.gz`);
		await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
		await expect(importCenter(city, cut, { replace: true })).rejects.toThrow(BackupFileError);
		const whole = path.join(dir, `${engine}.whole.gz`);
		await writeBackup(city, whole, NOW);
		await expect(importCenter(city, whole, { replace: true })).rejects.toThrow(
			/whole database.*restore/
		);
		await expect(restore(city, file, { force: true })).rejects.toThrow(RestoreRefused);
		await expect(restore(city, file, { force: true })).rejects.toThrow(/center import/);
		await expect(exportCenter(city, 'khong-co', path.join(dir, 'x.gz'))).rejects.toThrow(
			/no center khong-co/
		);
		expect(await everyRow(city)).toEqual(before);
	});
});
