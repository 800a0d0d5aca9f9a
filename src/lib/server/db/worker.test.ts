import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBackground, openPgliteWorker, type PgliteDb } from './worker';

let db: PgliteDb;
beforeAll(async () => {
	db = await openPgliteWorker(undefined);
});
afterAll(() => db.close());

// About a tenth of a second of work for PGlite.
const SLOW = 'SELECT count(*) AS n FROM generate_series(1, 300000) g WHERE g % 7 = 0';

describe('PGlite in a worker', () => {
	it("serves a request's own statement before the report statements queued ahead of it", async () => {
		const finished: string[] = [];
		const reports = Array.from({ length: 6 }, (_, i) =>
			inBackground(() => db.query(SLOW)).then(() => finished.push(`report ${i}`))
		);
		// Queued after all six, it overtakes all but the one PGlite is running.
		const sync = db.query('SELECT 1').then(() => finished.push('sync'));
		await Promise.all([...reports, sync]);
		expect(finished.indexOf('sync')).toBeLessThanOrEqual(1);
		expect(finished.filter((f) => f.startsWith('report'))).toEqual([
			'report 0',
			'report 1',
			'report 2',
			'report 3',
			'report 4',
			'report 5'
		]);
	});

	it('a transaction holds the database from begin to end: nothing else runs in between', async () => {
		const order: string[] = [];
		const tx = db.transaction(async (q) => {
			order.push('tx begins');
			await q.query(SLOW);
			await q.query('SELECT 1');
			order.push('tx ends');
		});
		const other = db.query('SELECT 2').then(() => order.push('other'));
		await Promise.all([tx, other]);
		expect(order).toEqual(['tx begins', 'tx ends', 'other']);
	});

	it('a failed statement or transaction gives the database back to the next', async () => {
		await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
		await expect(
			db.transaction(async (q) => {
				await q.query('SELECT * FROM no_such_table');
			})
		).rejects.toThrow(/no_such_table/);
		expect(await db.query<{ n: number }>('SELECT 3 AS n')).toEqual([{ n: 3 }]);
	});

	it('the statement a transaction begins with is part of it: undone with it, kept with it', async () => {
		await db.query('CREATE TABLE taps (n int)');
		const tap = 'INSERT INTO taps VALUES ($1)';
		await expect(
			db.transaction(async (q) => {
				await q.query(tap, [1]);
				await q.query('SELECT * FROM no_such_table');
			})
		).rejects.toThrow(/no_such_table/);
		await db.transaction(async (q) => {
			await q.query(tap, [2]);
			await q.query(tap, [3]);
		});
		expect(await db.query('SELECT n FROM taps ORDER BY n')).toEqual([{ n: 2 }, { n: 3 }]);
	});
});
