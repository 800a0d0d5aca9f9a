// The dossier counts kept under their stamps (stamped.ts, migration 018): read once per version of a center's dossier
// data, and read again after every kind of change (an import, a re-import that edits, a deletion, figures typed by
// hand, an emptied table), so a report never shows counts of data that has since changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customPeriod } from '$lib/domain/periods';
import type { Db, Queryable } from '../db';
import * as dossiers from '../dossiers';
import { bootTest, engines } from '../testing';
import type { ThroughputRow } from '$lib/domain/throughput';
import { buildReport } from '.';
import type { Sources } from './engine';
import { stamped } from './stamped';

const PERIOD = customPeriod('2026-03-15', '2026-04-14');
const HEADER =
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';

/** Figures typed by hand: all received directly and resolved on time. */
const manualFigures = (received: number, resolved: number): ThroughputRow => ({
	received: { total: received, online: 0, direct: received, carriedOver: 0 },
	resolved: { total: resolved, early: 0, onTime: resolved, late: 0, rejected: 0, withdrawn: 0 },
	pending: { total: received - resolved, onTime: received - resolved, overdue: 0, supplement: 0 }
});

const file = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join('\n'));

describe.each(engines)('dossier counts kept under their stamps on %s', (engine) => {
	let db: Db;
	/** The database as the report engine reads it: no replica, so records and settings are one. */
	let sources: Sources;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		sources = { records: db, settings: db };
	});
	afterAll(() => db.close());

	/** The same database through another handle: another app instance, or this one after a restart (no memory). */
	const anotherInstance = (): Sources => {
		const handle: Queryable = { query: (sql, params) => db.query(sql, params) };
		return { records: handle, settings: handle };
	};

	/** What the report says of the period's dossiers: received, resolved, pending. */
	async function counted() {
		const total = (await buildReport('test', PERIOD))?.throughput.total;
		return total && [total.received.total, total.resolved.total, total.pending.total];
	}

	it('reads once per version of the data, and again after each change', async () => {
		let reads = 0;
		const read = async () =>
			(
				await stamped(
					sources,
					['test'],
					['probe'],
					async (ids) => new Map(ids.map((id) => [id, ++reads]))
				)
			)[0];
		expect([await read(), await read()]).toEqual([1, 1]);
		await dossiers.importFile(
			'test',
			file('HS-1,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,,dang_xu_ly'),
			'a.csv'
		);
		expect([await read(), await read()]).toEqual([2, 2]);
		await db.query(`UPDATE dossiers SET status = status WHERE center_id = 'khac'`);
		expect(await read()).toBe(2); // a statement that touched no dossier of the center
	});

	it('after one center’s change, counts that center again and only it', async () => {
		const asked: string[][] = [];
		const read = () =>
			stamped(sources, ['test', 'khac'], ['two'], async (ids) => {
				asked.push(ids);
				return new Map(ids.map((id) => [id, `${id} ${asked.length}`]));
			});
		expect(await read()).toEqual(['test 1', 'khac 1']);
		expect(await read()).toEqual(['test 1', 'khac 1']);
		await dossiers.importFile(
			'test',
			file('HS-9,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,,dang_xu_ly'),
			'c.csv'
		);
		expect(await read()).toEqual(['test 2', 'khac 1']);
		expect(asked).toEqual([['test', 'khac'], ['test']]);
	});

	it('a report follows every change of the dossiers and of the figures typed by hand', async () => {
		await db.query('TRUNCATE dossiers, manual_figures');
		expect(await counted()).toEqual([0, 0, 0]);
		const imported = await dossiers.importFile(
			'test',
			file(
				'HS-1,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,,dang_xu_ly',
				'HS-2,Hộ tịch,truc_tuyen,2026-03-17,2026-03-20,2026-03-19,da_tra_ket_qua'
			),
			'a.csv'
		);
		expect(imported.ok).toBe(true);
		expect(await counted()).toEqual([2, 1, 1]);
		expect(await counted()).toEqual([2, 1, 1]);
		// A re-import that finishes HS-1: an edit, not a new dossier.
		await dossiers.importFile(
			'test',
			file('HS-1,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,2026-03-18,da_tra_ket_qua'),
			'b.csv'
		);
		expect(await counted()).toEqual([2, 2, 0]);
		await db.query(`DELETE FROM dossiers WHERE code = 'HS-2'`);
		expect(await counted()).toEqual([1, 1, 0]);
		await dossiers.saveManualFigures('test', 'BHXH', PERIOD.from, PERIOD.to, [
			{ field: 'Bảo hiểm xã hội', row: manualFigures(10, 10) }
		]);
		expect(await counted()).toEqual([11, 11, 0]);
		await db.query('TRUNCATE manual_figures');
		expect(await counted()).toEqual([1, 1, 0]);
		await db.query('TRUNCATE dossiers');
		expect(await counted()).toEqual([0, 0, 0]);
	});

	it('what one instance counted, another (or the same after a restart) reads from the database', async () => {
		let reads = 0;
		const read = (from: Sources) =>
			stamped(from, ['test'], ['shared'], async (ids) => {
				reads++;
				return new Map(ids.map((id) => [id, { center: id, counts: [reads, 0.5, 'Hộ tịch'] }]));
			});
		expect(await read(sources)).toEqual([{ center: 'test', counts: [1, 0.5, 'Hộ tịch'] }]);
		expect(await read(anotherInstance())).toEqual([
			{ center: 'test', counts: [1, 0.5, 'Hộ tịch'] }
		]);
		expect(reads).toBe(1);
		// Changed data: the kept row's stamp is no longer the center's, so no instance reads it.
		await dossiers.importFile(
			'test',
			file('HS-30,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,,dang_xu_ly'),
			'd.csv'
		);
		expect(await read(anotherInstance())).toEqual([
			{ center: 'test', counts: [2, 0.5, 'Hộ tịch'] }
		]);
		expect(await read(anotherInstance())).toEqual([
			{ center: 'test', counts: [2, 0.5, 'Hộ tịch'] }
		]);
		expect(reads).toBe(2);
	});

	it('an import counts again at once the periods its center was viewed for, so the next view finds them', async () => {
		const before = await counted();
		await dossiers.importFile(
			'test',
			file('HS-40,Hộ tịch,truc_tiep,2026-03-20,2026-03-25,2026-03-24,da_tra_ket_qua'),
			'e.csv'
		);
		const kept = await db.query<{ current: boolean; value: { early: number }[] }>(
			`SELECT k.stamp = s.stamp AS current, k.value FROM kept_counts k JOIN dossier_stamps s USING (center_id)
			 WHERE k.center_id = 'test' AND k.key LIKE '["throughput",%' AND k.key LIKE $1`,
			[`%"${PERIOD.from}","${PERIOD.to}"%`]
		);
		expect(kept.map((k) => k.current)).toEqual([true]);
		expect(kept[0].value.reduce((n, r) => n + r.early, 0)).toBe(1);
		const after = await counted();
		expect(after?.[0]).toBe((before?.[0] ?? 0) + 1);
	});

	it('a kept row no one has read for a month is removed', async () => {
		await stamped(sources, ['test'], ['old'], async (ids) => new Map(ids.map((id) => [id, 1])));
		await db.query(`UPDATE kept_counts SET read_on = current_date - 40 WHERE key = '["old"]'`);
		await stamped(sources, ['test'], ['new'], async (ids) => new Map(ids.map((id) => [id, 2])));
		const keys = await db.query<{ key: string }>(
			`SELECT key FROM kept_counts WHERE key IN ('["old"]', '["new"]')`
		);
		expect(keys.map((k) => k.key)).toEqual(['["new"]']);
	});
});
