// Reports, the dashboard and the city table read their records from READ_DATABASE_URL's replica; a device's sync
// still writes to the primary, settings are read from the primary, and the replica's connections refuse any write.
// The "replica" is a second schema holding one more rating and one more dossier than the primary, as a copy would
// never do: whichever figure a page shows says where it was read. PostgreSQL only (runs with TEST_DATABASE_URL).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customPeriod } from '$lib/domain/periods';
import { atLocal } from '$lib/domain/vn-time';
import { boot } from '../boot';
import { db, readDb, useReadDatabase, type Db } from '../db';
import { pairTestDevice } from '../devices/testing';
import { ingest } from '../sync';
import { rating } from '../sync/testing';
import { bootTest, engines, freshPostgres, testConfig } from '../testing';
import { cityTable } from './city';
import { dashboard } from './dashboard';
import { prepareCenter } from './records-testing';
import { buildReport } from '.';

const CENTER = 'test';
const NOVEMBER = customPeriod('2026-11-01', '2026-11-30');
const LATER = new Date('2026-12-02T03:00:00Z');
const counted = async () => (await buildReport(CENTER, NOVEMBER, LATER))?.satisfaction.counted;

/** The center's ratings and dossiers in November: `ratings` satisfied ratings, `dossiers` dossiers received online. */
async function storeNovember(database: Db, ratings: number, dossiers: number): Promise<void> {
	await prepareCenter(database, CENTER);
	for (let i = 0; i < ratings; i++) {
		const at = atLocal(`2026-11-${10 + i} 09:00`);
		await database.query(
			`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, device_time, received_at, rated_at, late, payload_hash)
			 VALUES ($1, $2, $3, '1', 'Hộ tịch', 'hai_long', 3, $4, $4, $4, false, 'h')`,
			[randomUUID(), CENTER, `dev-${CENTER}`, at]
		);
	}
	for (let i = 0; i < dossiers; i++)
		await database.query(
			`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, status)
			 VALUES ($1, 'Một cửa', $2, 'Hộ tịch', 'truc_tuyen', '2026-11-12', 'dang_xu_ly')`,
			[CENTER, `HS-${i}`]
		);
}

describe.runIf(engines.includes('postgres'))(
	'reports on a read replica (PostgreSQL, with TEST_DATABASE_URL)',
	() => {
		let primary: Db & { url: string };
		let replica: Db & { url: string };

		beforeAll(async () => {
			// The replica first: booting it migrates it and makes the center, as replication would have.
			replica = await freshPostgres();
			await boot(testConfig(), replica);
			await storeNovember(replica, 5, 2);
			primary = await freshPostgres();
			await boot(
				testConfig({ DATABASE_URL: primary.url, READ_DATABASE_URL: replica.url }),
				primary
			);
			await storeNovember(primary, 1, 1);
		});
		afterAll(async () => {
			await useReadDatabase(undefined);
			await primary.close();
			await replica.close();
		});

		it("the report, the dashboard and the city table show the replica's figures", async () => {
			const report = await buildReport(CENTER, NOVEMBER, LATER);
			expect(report?.satisfaction.counted).toBe(5);
			expect(report?.throughput.total.received.total).toBe(2);
			const board = await dashboard(CENTER, NOVEMBER.from, NOVEMBER.to, LATER);
			expect(board.satisfaction.counted).toBe(5);
			expect(board.dossiers.received).toBe(2);
			expect(board.days.reduce((n, d) => n + d.counted, 0)).toBe(5);
			const city = await cityTable([CENTER], NOVEMBER, { now: LATER });
			expect(city.rows[0].counts.satisfaction.counted).toBe(5);
			expect(city.total.kpi.received).toBe(2);
		});

		it("a device's sync lands in the primary; the replica (and so the report) has not got it yet", async () => {
			const { device } = await pairTestDevice('Quầy 3', { now: LATER });
			const at = atLocal('2026-11-20 10:00').getTime();
			const answer = await ingest(
				device,
				{
					sentAt: LATER.getTime(),
					device: { appVersion: 'test', backlog: 1, persistent: true },
					ratings: [rating({ ratedAt: at })],
					counts: []
				},
				LATER
			);
			expect(answer.acked).toHaveLength(1);
			const ratingsIn = async (database: Db) =>
				(await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ratings`))[0].n;
			expect(await ratingsIn(primary)).toBe(2);
			expect(await ratingsIn(replica)).toBe(5);
			expect(await counted()).toBe(5);
		});

		it("the rules a report applies are the primary's, as an admin has just saved them", async () => {
			await primary.query(`UPDATE centers SET satisfaction_target = 77 WHERE id = $1`, [CENTER]);
			const report = await buildReport(CENTER, NOVEMBER, LATER);
			expect(report?.satisfaction.target).toBe(77);
			const city = await cityTable([CENTER], NOVEMBER, { now: LATER });
			expect(city.rows[0].satisfaction.target).toBe(77);
		});

		it('a write through the read handle fails, in a statement or in a transaction', async () => {
			const read = await readDb();
			expect(read).not.toBe(await db());
			await expect(
				read.query(`INSERT INTO centers (id, name) VALUES ('lac', 'Lạc chỗ')`)
			).rejects.toThrow(/read-only transaction/);
			await expect(
				read.transaction((tx) => tx.query(`DELETE FROM ratings WHERE center_id = $1`, [CENTER]))
			).rejects.toThrow(/read-only transaction/);
			expect(await replica.query(`SELECT id FROM centers WHERE id = 'lac'`)).toEqual([]);
			expect(await counted()).toBe(5);
		});

		it('a replica out of reach fails the report alone, and is opened again once back', async () => {
			await useReadDatabase('postgres://sanhso@127.0.0.1:1/none');
			await expect(counted()).rejects.toThrow();
			const { device } = await pairTestDevice('Quầy 4', { now: LATER });
			const answer = await ingest(
				device,
				{
					sentAt: LATER.getTime(),
					device: { appVersion: 'test', backlog: 1, persistent: true },
					ratings: [rating({ ratedAt: atLocal('2026-11-21 10:00').getTime() })],
					counts: []
				},
				LATER
			);
			expect(answer.acked).toHaveLength(1);
			await useReadDatabase(replica.url);
			expect(await counted()).toBe(5);
		});

		it('without READ_DATABASE_URL every read is the primary’s', async () => {
			await useReadDatabase(undefined);
			expect(await readDb()).toBe(await db());
			expect(await counted()).toBe(3);
		});
	}
);

describe('reads on the embedded database', () => {
	it('go to the one database: PGlite has no replica', async () => {
		const { db: database } = await bootTest('pglite');
		try {
			expect(await readDb()).toBe(database);
		} finally {
			await database.close();
		}
	});
});
