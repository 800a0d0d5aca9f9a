import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLocal } from '$lib/domain/vn-time';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { dashboard } from './dashboard';
import { buildReport } from '.';
import { saveManualFigures } from '../dossiers';
import { customPeriod } from '$lib/domain/periods';
import { sourcesNote } from '$lib/domain/dashboard';

// Tháng 11/2026 in the seeds' style: 15/10/2026 – 14/11/2026.
const FROM = '2026-10-15';
const TO = '2026-11-14';
/** After the period: it is closed. */
const LATER = new Date('2026-12-01T03:00:00Z');
const LATER_2027 = new Date('2027-03-01T03:00:00Z');

const local = atLocal;

interface RatingSpec {
	at: string;
	level: string;
	field?: string | null;
	counter?: string | null;
	flag?: string | null;
	center?: string;
}

async function addRating(db: Db, r: RatingSpec): Promise<void> {
	const at = local(r.at);
	const center = r.center ?? 'test';
	await db.query(
		`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, device_time, received_at, rated_at, flag, payload_hash)
		 VALUES ($1, $2, $3, $4, $5, $6, 3, $7, $7, $7, $8, 'h')`,
		[
			randomUUID(),
			center,
			`dev-${center}`,
			r.counter ?? null,
			r.field ?? null,
			r.level,
			at,
			r.flag ?? null
		]
	);
}

interface DossierSpec {
	code: string;
	received: string;
	due?: string | null;
	finished?: string | null;
	status: string;
}

async function addDossier(db: Db, d: DossierSpec): Promise<void> {
	await db.query(
		`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status)
		 VALUES ('test', 'mot-cua', $1, 'Hộ tịch', 'truc_tuyen', $2, $3, $4, $5)`,
		[d.code, d.received, d.due ?? null, d.finished ?? null, d.status]
	);
}

async function addCount(
	db: Db,
	source: string,
	hourUtc: string,
	kind: string,
	key: string,
	count: number
): Promise<void> {
	await db.query(
		`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES ('test', $1, $2, $3, $4, $5)`,
		[source, new Date(hourUtc), kind, key, count]
	);
}

describe.each(engines)('dashboard on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await db.query(`INSERT INTO centers (id, name) VALUES ('other', 'Trung tâm khác')`);
		for (const center of ['test', 'other'])
			await db.query(
				`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ($1, $2, 'Quầy', 'counter', $1)`,
				[`dev-${center}`, center]
			);

		const ratings: RatingSpec[] = [
			{ at: '2026-11-03 09:15', level: 'rat_hai_long', field: 'Hộ tịch', counter: 'Quầy 1' },
			{ at: '2026-11-03 09:40', level: 'hai_long', field: 'Hộ tịch', counter: 'Quầy 1' },
			// The last evening of the period is in it; the first minutes after it are not.
			{ at: '2026-11-14 23:30', level: 'khong_hai_long', field: 'Hộ tịch', counter: 'Quầy 10' },
			{ at: '2026-11-15 00:30', level: 'hai_long', field: 'Hộ tịch', counter: 'Quầy 1' },
			{ at: '2026-10-15 00:00', level: 'hai_long', field: 'Đất đai', counter: 'Quầy 2' },
			{ at: '2026-10-14 23:59', level: 'hai_long', field: 'Đất đai', counter: 'Quầy 2' },
			{ at: '2026-11-03 14:05', level: 'khong_hai_long', field: 'Đất đai', counter: 'Quầy 2' },
			{
				at: '2026-11-03 14:05',
				level: 'hai_long',
				field: 'Đất đai',
				counter: 'Quầy 2',
				flag: 'too_soon'
			},
			{ at: '2026-11-04 10:00', level: 'rat_hai_long' },
			{
				at: '2026-11-03 09:00',
				level: 'khong_hai_long',
				field: 'Hộ tịch',
				counter: 'Quầy 1',
				center: 'other'
			}
		];
		for (const r of ratings) await addRating(db, r);

		await db.query(`INSERT INTO dossier_sources (center_id, name) VALUES ('test', 'mot-cua')`);
		const dossiers: DossierSpec[] = [
			{
				code: 'A',
				received: '2026-10-20',
				due: '2026-10-25',
				finished: '2026-10-24',
				status: 'da_tra_ket_qua'
			},
			{
				code: 'B',
				received: '2026-10-20',
				due: '2026-10-25',
				finished: '2026-10-25',
				status: 'da_tra_ket_qua'
			},
			{
				code: 'C',
				received: '2026-10-21',
				due: '2026-10-25',
				finished: '2026-10-28',
				status: 'da_tra_ket_qua'
			},
			{ code: 'D', received: '2026-10-22', finished: '2026-10-23', status: 'tu_choi' },
			{ code: 'E', received: '2026-10-22', finished: '2026-10-22', status: 'rut' },
			{ code: 'F', received: '2026-10-01', due: '2026-10-10', status: 'dang_xu_ly' },
			{
				code: 'G',
				received: '2026-10-01',
				due: '2026-10-10',
				finished: '2026-10-10',
				status: 'da_tra_ket_qua'
			},
			{ code: 'H', received: '2026-11-10', due: '2026-11-20', status: 'dang_xu_ly' },
			{ code: 'I', received: '2026-11-01', due: '2026-11-05', status: 'yeu_cau_bo_sung' },
			{ code: 'J', received: '2026-11-15', due: '2026-11-20', status: 'dang_xu_ly' },
			{
				code: 'K',
				received: '2026-11-12',
				due: '2026-11-13',
				finished: '2026-11-16',
				status: 'da_tra_ket_qua'
			}
		];
		for (const d of dossiers) await addDossier(db, d);

		await db.query(`INSERT INTO procedures (center_id, code, name, field, levels, channels) VALUES
			('test', '1.000001', 'Đăng ký khai sinh', 'Hộ tịch', '{xa}', '{truc_tiep}'),
			('test', '1.000002', 'Chứng thực bản sao', 'Chứng thực', '{xa}', '{truc_tiep}')`);
		await addCount(db, 'server', '2026-11-03T02:00:00Z', 'scan', '1.000001', 3);
		await addCount(db, 'device:k1', '2026-11-03T02:00:00Z', 'view', '1.000001', 5);
		await addCount(db, 'device:k1', '2026-11-03T02:00:00Z', 'view', '1.000002', 2);
		// 23:00 local on the last day is in; midnight after it is not.
		await addCount(db, 'server', '2026-11-14T16:00:00Z', 'scan', '1.000002', 1);
		await addCount(db, 'server', '2026-11-14T17:00:00Z', 'scan', '1.000002', 100);
		await addCount(db, 'device:k1', '2026-11-03T02:00:00Z', 'view', '9.999', 1);
		await addCount(db, 'device:k1', '2026-11-03T02:00:00Z', 'qr', '1.000001', 50);
	});
	afterAll(() => db.close());

	it('satisfaction counts unflagged ratings of the center inside the local dates, flagged ones apart', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.center.name).toBeTruthy();
		expect(d.satisfaction).toEqual({
			counted: 6,
			satisfied: 4,
			rate: (100 * 4) / 6,
			target: 95,
			met: false,
			flagged: 1,
			late: 0
		});
	});

	it('each field is held against its own target and those under it are listed, lowest first', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.fields).toEqual([
			{ name: '', counted: 1, satisfied: 1, rate: 100, target: 95, met: true },
			{ name: 'Đất đai', counted: 2, satisfied: 1, rate: 50, target: 90, met: false },
			{ name: 'Hộ tịch', counted: 3, satisfied: 2, rate: (100 * 2) / 3, target: 95, met: false }
		]);
		expect(d.belowTarget).toEqual([
			{ name: 'Đất đai', rate: 50, target: 90 },
			{ name: 'Hộ tịch', rate: (100 * 2) / 3, target: 95 }
		]);
	});

	it('counters come in natural order against the overall target', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.counters.map((c) => [c.name, c.counted, c.satisfied, c.met])).toEqual([
			['', 1, 1, true],
			['Quầy 1', 2, 2, true],
			['Quầy 2', 2, 1, false],
			['Quầy 10', 1, 0, false]
		]);
	});

	it('every day of the period is there, and weeks run Monday to Sunday clipped to the period', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.days).toHaveLength(31);
		expect(d.days[0]).toEqual({
			date: FROM,
			counted: 1,
			satisfied: 1,
			rate: 100,
			received: 0,
			resolved: 0
		});
		expect(d.days.at(-1)).toEqual({
			date: TO,
			counted: 1,
			satisfied: 0,
			rate: 0,
			received: 0,
			resolved: 0
		});
		expect(d.days.find((x) => x.date === '2026-11-03')).toMatchObject({ counted: 3, satisfied: 2 });
		expect(d.days.find((x) => x.date === '2026-10-16')).toMatchObject({
			counted: 0,
			satisfied: 0,
			rate: null
		});
		expect(d.weeks.map((w) => [w.from, w.to, w.counted, w.satisfied])).toEqual([
			['2026-10-15', '2026-10-18', 1, 1],
			['2026-10-19', '2026-10-25', 0, 0],
			['2026-10-26', '2026-11-01', 0, 0],
			['2026-11-02', '2026-11-08', 4, 3],
			['2026-11-09', '2026-11-14', 1, 0]
		]);
	});

	it('the heat map counts counted ratings by local weekday and hour', async () => {
		const { heat } = await dashboard('test', FROM, TO, LATER);
		const cells = heat.flatMap((row, dow) =>
			row.flatMap((n, hour) => (n > 0 ? [[dow, hour, n]] : []))
		);
		// 03/11 is a Tuesday (1), 04/11 a Wednesday (2), 15/10 a Thursday (3), 14/11 a Saturday (5).
		expect(cells).toEqual([
			[1, 9, 2],
			[1, 14, 1],
			[2, 10, 1],
			[3, 0, 1],
			[5, 23, 1]
		]);
	});

	it('dossiers follow the report table: carried over counted, early, on time, late, refused, withdrawn, overdue', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.dossiers).toEqual({
			received: 9,
			resolved: 5,
			early: 1,
			onTime: 1,
			late: 1,
			rejected: 1,
			withdrawn: 1,
			onTimeRate: (100 * 2) / 3,
			onTimeTarget: 100,
			onTimeMet: false,
			pending: 4,
			overduePending: 2,
			overdueTarget: 0,
			overdueMet: false,
			sources: { records: true, manual: [] }
		});
		const perDay = d.days
			.filter((x) => x.received > 0 || x.resolved > 0)
			.map((x) => [x.date, x.received, x.resolved]);
		expect(perDay).toEqual([
			['2026-10-20', 2, 0],
			['2026-10-21', 1, 0],
			['2026-10-22', 2, 1],
			['2026-10-23', 0, 1],
			['2026-10-24', 0, 1],
			['2026-10-25', 0, 1],
			['2026-10-28', 0, 1],
			['2026-11-01', 1, 0],
			['2026-11-10', 1, 0],
			['2026-11-12', 1, 0]
		]);
	});

	it('while the period runs, a pending dossier is overdue only once its due date is before today', async () => {
		// 11/11/2026 local: F (due 10/10) is overdue, K (due 13/11) not yet.
		const d = await dashboard('test', FROM, TO, local('2026-11-11 09:00'));
		expect(d.dossiers).toMatchObject({ pending: 4, overduePending: 1, overdueMet: false });
		expect(d.generatedAt).toBe('2026-11-11T02:00:00.000Z');
	});

	it('QR scans sum every hour of the local dates; the top catalogue procedures add scans and views, with their names', async () => {
		const d = await dashboard('test', FROM, TO, LATER);
		expect(d.qrScans).toBe(4);
		expect(d.top).toEqual([
			{ code: '1.000001', name: 'Đăng ký khai sinh', scans: 3, views: 5 },
			{ code: '1.000002', name: 'Chứng thực bản sao', scans: 1, views: 2 }
		]);
	});

	it('a period with nothing in it gives zeros, no rates and a target met for overdue dossiers', async () => {
		const d = await dashboard('test', '2025-01-01', '2025-01-07', LATER);
		expect(d.satisfaction).toEqual({
			counted: 0,
			satisfied: 0,
			rate: null,
			target: 95,
			met: null,
			flagged: 0,
			late: 0
		});
		expect(d.dossiers).toMatchObject({
			received: 0,
			resolved: 0,
			onTimeRate: null,
			onTimeMet: null,
			overduePending: 0,
			overdueMet: true
		});
		expect(d.days.map((x) => x.counted + x.received + x.resolved)).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(d.weeks).toHaveLength(2);
		expect(d.fields).toEqual([]);
		expect(d.top).toEqual([]);
		expect(d.qrScans).toBe(0);
		expect(d.heat.flat().every((n) => n === 0)).toBe(true);
	});

	it('the center’s satisfied levels, overall target and field rules are what the figures use; bad rules are skipped', async () => {
		await db.query(
			`UPDATE centers SET satisfied_levels = ARRAY['rat_hai_long'], satisfaction_target = 40,
			 field_targets = '[{"match": "ho tich", "target": 30}, {"match": 5}, "x"]' WHERE id = 'test'`
		);
		try {
			const d = await dashboard('test', FROM, TO, LATER);
			expect(d.satisfaction).toMatchObject({ counted: 6, satisfied: 2, target: 40, met: false });
			expect(d.fields.map((f) => [f.name, f.satisfied, f.target, f.met])).toEqual([
				['', 1, 40, true],
				['Đất đai', 0, 40, false],
				['Hộ tịch', 1, 30, true]
			]);
			expect(d.belowTarget.map((f) => f.name)).toEqual(['Đất đai']);
		} finally {
			await db.query(
				`UPDATE centers SET satisfied_levels = ARRAY['rat_hai_long', 'hai_long'], satisfaction_target = 95,
				 field_targets = DEFAULT WHERE id = 'test'`
			);
		}
	});

	it('refuses a period that ends before it starts', async () => {
		await expect(dashboard('test', TO, FROM)).rejects.toThrow(RangeError);
	});

	it('figures typed by hand for exactly the period count as the report counts them, and the sources are named', async () => {
		// Tháng 2/2027 (15/1 – 14/2), apart from the other tests' dates.
		const [from, to] = ['2027-01-15', '2027-02-14'];
		await addDossier(db, {
			code: 'M1',
			received: '2027-01-20',
			due: '2027-01-25',
			finished: '2027-01-22',
			status: 'da_tra_ket_qua'
		});
		const row = (n: number) => ({
			received: { total: n, online: n, direct: 0, carriedOver: 0 },
			resolved: { total: n, early: 0, onTime: 0, late: n, rejected: 0, withdrawn: 0 },
			pending: { total: 0, onTime: 0, overdue: 0, supplement: 0 }
		});
		// Dossiers still pending from the other tests' month are carried over into this one: count from what records give.
		const before = (await dashboard('test', from, to, LATER_2027)).dossiers;
		expect(before.sources).toEqual({ records: true, manual: [] });
		await saveManualFigures('test', 'BHXH cơ sở', from, to, [{ field: 'Bảo hiểm', row: row(4) }]);
		// A month inside it is another period: its figures are not this one's.
		await saveManualFigures('test', 'Đất đai chi nhánh', from, '2027-01-31', [
			{ field: 'Đất đai', row: row(50) }
		]);
		const d = await dashboard('test', from, to, LATER_2027);
		const report = await buildReport('test', customPeriod(from, to), LATER_2027);
		expect(d.dossiers).toMatchObject({
			received: before.received + 4,
			resolved: before.resolved + 4,
			early: before.early,
			late: before.late + 4,
			pending: before.pending
		});
		const good = before.early + before.onTime;
		expect(d.dossiers.onTimeRate).toBe((100 * good) / (good + before.late + 4));
		expect(before.early).toBe(1);
		expect(d.dossiers.received).toBe(report?.throughput.total.received.total);
		expect(d.dossiers.sources).toEqual({ records: true, manual: ['BHXH cơ sở'] });
		expect(sourcesNote(d.dossiers.sources)).toBe(
			'Từ hồ sơ đã ghi và số liệu nhập tay (BHXH cơ sở).'
		);
		// The day chart is of records only: hand-typed figures have no days.
		expect(d.days.reduce((n, x) => n + x.received, 0)).toBe(1);
		expect(before.received).toBeGreaterThan(1);
	});
});
