// The report builder on a real database: the throughput query agrees with the domain's rules on random records, seed
// 001's table comes back to the unit from records made for it, figures typed by hand are added and checked, and the
// satisfaction and publicity parts count what they should, at the period's edges in the center's time zone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customPeriod, period } from '$lib/domain/periods';
import { recordsForRow, recordsOutside } from '$lib/domain/sample-dossiers';
import { seededRandom } from '$lib/domain/random';
import { SEED_001_ROWS, SEED_001_TOTAL } from '$lib/domain/report.fixture';
import { THROUGHPUT_COLUMNS } from '$lib/domain/report-tables';
import { throughput, type DossierRecord, type ThroughputRow } from '$lib/domain/throughput';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as center from '../center';
import { buildReport } from '.';

const CENTER = 'test';

/** Columns (3) … (16) of a row, in the table's order. */
const columns = (row: ThroughputRow) => THROUGHPUT_COLUMNS.map((c) => c.value(row));

function rowFrom(c: number[]): ThroughputRow {
	return {
		received: { total: c[0], online: c[1], direct: c[2], carriedOver: c[3] },
		resolved: {
			total: c[4],
			early: c[5],
			onTime: c[6],
			late: c[7],
			rejected: c[8],
			withdrawn: c[9]
		},
		pending: { total: c[10], onTime: c[11], overdue: c[12], supplement: c[13] }
	};
}

async function insertDossiers(db: Db, source: string, records: DossierRecord[]): Promise<void> {
	await db.query(
		`INSERT INTO dossier_sources (center_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		[CENTER, source]
	);
	const rows = records.map((r, i) => ({ code: `${source}-${i}`, ...r }));
	for (let i = 0; i < rows.length; i += 5000) {
		await db.query(
			`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status)
			 SELECT $1, $2, x.code, x."field", x.channel, x."receivedOn", x."dueOn", x."finishedOn", x.status
			 FROM json_to_recordset($3::json) AS x(code text, "field" text, channel text, "receivedOn" date, "dueOn" date, "finishedOn" date, status text)`,
			[CENTER, source, JSON.stringify(rows.slice(i, i + 5000))]
		);
	}
}

describe.each(engines)('the report builder on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine, { CENTER_ID: CENTER })));
	afterAll(() => db.close());

	it('the throughput query counts exactly as the domain rules do, for random records and periods', async () => {
		const random = seededRandom(4);
		const fields = ['Hộ tịch', 'Chứng thực', 'Đất đai'];
		const channels = ['truc_tuyen', 'truc_tiep', 'buu_chinh'] as const;
		const statuses = ['da_tra_ket_qua', 'tu_choi', 'rut', 'dang_xu_ly', 'yeu_cau_bo_sung'] as const;
		const day = (base: string, spread: number) => {
			const d = new Date(Date.parse(base) + Math.floor(random() * spread) * 86_400_000);
			return d.toISOString().slice(0, 10);
		};
		const records: DossierRecord[] = Array.from({ length: 3000 }, () => {
			const receivedOn = day('2026-01-01', 120);
			const status = statuses[Math.floor(random() * statuses.length)];
			const finished =
				status === 'dang_xu_ly' || status === 'yeu_cau_bo_sung'
					? random() < 0.1
						? day(receivedOn, 30)
						: null
					: day(receivedOn, 40);
			return {
				field: fields[Math.floor(random() * fields.length)],
				channel: channels[Math.floor(random() * channels.length)],
				receivedOn,
				dueOn: random() < 0.1 ? null : day(receivedOn, 25),
				finishedOn: finished,
				status
			};
		});
		await insertDossiers(db, 'ngẫu nhiên', records);
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 150 }),
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 60 }),
				async (start, length, asked) => {
					const from = new Date(Date.parse('2025-12-20') + start * 86_400_000)
						.toISOString()
						.slice(0, 10);
					const to = new Date(Date.parse(from) + length * 86_400_000).toISOString().slice(0, 10);
					const report = await buildReport(CENTER, customPeriod(from, to));
					const expected = throughput(records, from, to);
					expect(report?.throughput.total).toEqual(expected.total);
					expect(report?.throughput.rows).toEqual(expected.rows);
					// The same period still running, asked on a day inside it: only the pending split moves, and it
					// counts the pending dossiers due before that day, one by one here.
					const asOf = new Date(Date.parse(from) + Math.min(asked, length) * 86_400_000)
						.toISOString()
						.slice(0, 10);
					const running = await buildReport(CENTER, customPeriod(from, to), new Date(), asOf);
					const overdue = records.filter(
						(r) =>
							r.receivedOn <= to &&
							!(r.finishedOn !== null && r.finishedOn <= to) &&
							!(r.status === 'yeu_cau_bo_sung' && r.finishedOn === null) &&
							r.dueOn !== null &&
							r.dueOn < asOf
					).length;
					const { pending } = expected.total;
					expect(running?.throughput.total).toEqual({
						...expected.total,
						pending: { ...pending, overdue, onTime: pending.total - pending.supplement - overdue }
					});
				}
			),
			{ numRuns: 25, seed: 11 }
		);
		await db.query(`DELETE FROM dossiers WHERE source = 'ngẫu nhiên'`);
	});

	it("seed 001's table comes back to the unit from records made for it, total and rate row included", async () => {
		const half = period('half', 'chot-14', 2026, 1);
		expect([half.from, half.to]).toEqual(['2025-12-15', '2026-06-14']);
		const random = seededRandom(1);
		const records = SEED_001_ROWS.flatMap(([field, row]) => [
			...recordsForRow(field, row, half.from, half.to, random),
			...recordsOutside(field, 5, half.from, half.to, random)
		]);
		await insertDossiers(db, 'Một cửa thành phố', records);
		const report = await buildReport(CENTER, half);
		const byField = new Map(report?.throughput.rows.map((r) => [r.field, columns(r)]));
		// Fields with nothing received have no records, so no row: the report lists the fields that had dossiers.
		for (const [field, row] of SEED_001_ROWS)
			expect(byField.get(field) ?? columns(row).map(() => 0), field).toEqual(columns(row));
		expect(report?.throughput.total).toEqual(SEED_001_TOTAL);
		// The rate row: each column as a share of (3), as PRODUCT.md says. The seed prints 99,1% 98,5% 0,02% 0,27% 0,4%
		// 0,9% 0,7% 0,2% for these columns (its online "100%" counts against receipts in the period, not against (3)).
		const rate = columns(report?.throughput.rate ?? rowFrom([]));
		const printed = [100, 99.24, 0, 0.76, 99.14, 98.45, 0, 0.015, 0.27, 0.39, 0.86, 0.71, 0, 0.15];
		rate.forEach((r, i) => expect(r, `column (${i + 3})`).toBeCloseTo(printed[i], 1));
		expect(report?.throughput.sources).toEqual([
			{ name: 'Một cửa thành phố', kind: 'records', total: report?.throughput.total }
		]);
		expect(report?.checks.filter((c) => c.scope !== 'data')).toEqual([]);
		await db.query(`DELETE FROM dossiers WHERE source = 'Một cửa thành phố'`);
	});

	it('figures typed by hand for a source are added to their field and every broken identity is reported', async () => {
		const month = period('month', 'chot-14', 2026, 4);
		await insertDossiers(
			db,
			'Một cửa',
			recordsForRow(
				'Hộ tịch',
				rowFrom([10, 8, 1, 1, 9, 7, 1, 1, 0, 0, 1, 1, 0, 0]),
				month.from,
				month.to,
				seededRandom(2)
			)
		);
		await db.query(
			`INSERT INTO dossier_sources (center_id, name) VALUES ($1, 'BHXH cơ sở') ON CONFLICT DO NOTHING`,
			[CENTER]
		);
		// Seed 002's social insurance: 62 received, 60 resolved, 2 pending not yet due; and a slip: 2 ≠ 1 + 0 + 0.
		const typed = rowFrom([62, 62, 0, 0, 60, 0, 60, 0, 0, 0, 2, 1, 0, 0]);
		await db.query(
			`INSERT INTO manual_figures (center_id, source, period_from, period_to, field, figures) VALUES ($1, 'BHXH cơ sở', $2, $3, 'Bảo hiểm xã hội', $4)`,
			[CENTER, month.from, month.to, JSON.stringify(typed)]
		);
		const report = await buildReport(CENTER, month);
		expect(report?.throughput.rows.map((r) => [r.field, r.received.total])).toEqual([
			['Bảo hiểm xã hội', 62],
			['Hộ tịch', 10]
		]);
		expect(report?.throughput.total.received.total).toBe(72);
		expect(report?.throughput.sources.map((s) => [s.name, s.kind, s.total.received.total])).toEqual(
			[
				['BHXH cơ sở', 'manual', 62],
				['Một cửa', 'records', 10]
			]
		);
		expect(report?.checks).toEqual([
			expect.objectContaining({
				scope: 'manual',
				field: 'Bảo hiểm xã hội',
				source: 'BHXH cơ sở',
				identity: '(13) = (14) + (15) + (16)',
				left: 2,
				right: 1
			})
		]);
		// Another period does not take them: figures typed for one period cannot be split across others.
		const other = await buildReport(CENTER, period('month', 'chot-14', 2026, 5));
		expect(other?.throughput.sources.map((s) => s.name)).not.toContain('BHXH cơ sở');
		await db.query(`DELETE FROM manual_figures`);
		await db.query(`DELETE FROM dossiers`);
	});

	it('online payment and digitisation rates come from the dossiers that say so, and are absent when none does', async () => {
		const may = period('month', 'chot-14', 2026, 5);
		const none = await buildReport(CENTER, may);
		expect([none?.throughput.payment, none?.throughput.digitisation]).toEqual([null, null]);
		await db.query(
			`INSERT INTO dossier_sources (center_id, name) VALUES ($1, 'Một cửa') ON CONFLICT DO NOTHING`,
			[CENTER]
		);
		// Four dossiers in May: three with a fee (two paid online), one without; three digitised of the four known.
		await db.query(
			`INSERT INTO dossiers (center_id, source, code, field, channel, received_on, due_on, finished_on, status, has_fee, paid_online, digitized) VALUES
			 ($1, 'Một cửa', 'P1', 'Hộ tịch', 'truc_tuyen', '2026-05-02', '2026-05-06', '2026-05-03', 'da_tra_ket_qua', true, true, true),
			 ($1, 'Một cửa', 'P2', 'Hộ tịch', 'truc_tuyen', '2026-05-02', '2026-05-06', '2026-05-03', 'da_tra_ket_qua', true, true, true),
			 ($1, 'Một cửa', 'P3', 'Hộ tịch', 'truc_tiep', '2026-05-02', '2026-05-06', '2026-05-03', 'da_tra_ket_qua', true, false, true),
			 ($1, 'Một cửa', 'P4', 'Hộ tịch', 'truc_tiep', '2026-05-02', '2026-05-06', NULL, 'dang_xu_ly', false, NULL, false),
			 ($1, 'Một cửa', 'P5', 'Hộ tịch', 'truc_tiep', '2026-05-20', '2026-05-26', NULL, 'dang_xu_ly', true, true, true)`,
			[CENTER]
		);
		const report = await buildReport(CENTER, may);
		expect(report?.throughput.payment).toEqual({ withFee: 3, paidOnline: 2, rate: (100 * 2) / 3 });
		expect(report?.throughput.digitisation).toEqual({ known: 4, digitised: 3, rate: 75 });
		await db.query(`DELETE FROM dossiers`);
	});

	it('the previous period is summed apart and a period with no dossiers says so', async () => {
		const may = period('month', 'chot-14', 2026, 5);
		const april = period('month', 'chot-14', 2026, 4);
		await insertDossiers(db, 'Một cửa', [
			...recordsForRow(
				'Chứng thực',
				rowFrom([5, 5, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0]),
				april.from,
				april.to,
				seededRandom(3)
			)
		]);
		const report = await buildReport(CENTER, may);
		expect(report?.previous).toMatchObject({
			from: april.from,
			to: april.to,
			label: 'Tháng 4/2026',
			received: 5,
			resolved: 5,
			resolvedOnTime: 5
		});
		expect(report?.current).toMatchObject({ from: may.from, to: may.to, received: 0 });
		expect(report?.checks).toContainEqual(
			expect.objectContaining({ scope: 'data', identity: 'dossiers' })
		);
		await db.query(`DELETE FROM dossiers`);
	});

	describe('satisfaction and publicity', () => {
		const may = period('month', 'chot-14', 2026, 5); // 15/4 – 14/5/2026
		let device = '';

		beforeAll(async () => {
			device = randomUUID();
			await db.query(
				`INSERT INTO devices (id, center_id, name, kind, token_hash) VALUES ($1, $2, 'Quầy 1', 'counter', $3)`,
				[device, CENTER, randomUUID()]
			);
			const rate = (
				at: string,
				level: string,
				field: string | null,
				counter: string | null,
				extra: { flag?: string; reasons?: string[]; comment?: string } = {}
			) =>
				db.query(
					`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, comment, device_time, received_at, rated_at, flag, payload_hash)
					 VALUES ($1, $2, $3, $4, $5, $6, 3, $7, $8, $9, $9, $9, $10, 'x')`,
					[
						randomUUID(),
						CENTER,
						device,
						counter,
						field,
						level,
						extra.reasons ?? [],
						extra.comment ?? '',
						at,
						extra.flag ?? null
					]
				);
			// Edges in Asia/Ho_Chi_Minh (UTC+7): 00:10 local on 15/4 is in; 23:50 local on 14/5 is in; 00:10 on 15/5 is out.
			await rate('2026-04-14T17:10:00Z', 'rat_hai_long', 'Hộ tịch', '1');
			await rate('2026-05-14T16:50:00Z', 'hai_long', 'Hộ tịch', '1');
			await rate('2026-05-14T17:10:00Z', 'khong_hai_long', 'Hộ tịch', '1');
			await rate('2026-04-14T16:50:00Z', 'khong_hai_long', 'Hộ tịch', '1');
			for (let i = 0; i < 9; i++) await rate(`2026-05-02T0${i}:00:00Z`, 'hai_long', 'Đất đai', '2');
			await rate('2026-05-02T10:00:00Z', 'khong_hai_long', 'Đất đai', '2', {
				reasons: ['thoi_gian_cho', 'thai_do'],
				comment: 'Chờ lâu quá'
			});
			await rate('2026-05-03T10:00:00Z', 'khong_hai_long', 'Hộ tịch', '1', {
				reasons: ['thoi_gian_cho']
			});
			await rate('2026-05-03T10:00:01Z', 'khong_hai_long', 'Hộ tịch', '1', {
				flag: 'too_soon',
				reasons: ['thai_do'],
				comment: 'bấm lại'
			});
			await rate('2026-05-03T11:00:00Z', 'rat_hai_long', null, null, { flag: 'repeat_ticket' });
			await rate('2026-05-04T11:00:00Z', 'rat_hai_long', null, null);
			await db.query(
				`INSERT INTO procedures (center_id, code, name, field, levels, channels) VALUES
				 ($1, '1.001', 'Đăng ký khai sinh', 'Hộ tịch', '{xa}', '{truc_tuyen}'),
				 ($1, '2.002', 'Chứng thực bản sao', 'Chứng thực', '{xa,tinh}', '{truc_tiep}'),
				 ($1, '3.003', 'Thủ tục đã bãi bỏ', 'Hộ tịch', '{xa}', '{truc_tiep}')`,
				[CENTER]
			);
			await db.query(`UPDATE procedures SET abolished_at = now() WHERE code = '3.003'`);
			await db.query(
				`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES
				 ($1, 'server', '2026-05-01T03:00:00Z', 'scan', '1.001', 4),
				 ($1, $2, '2026-05-01T03:00:00Z', 'view', '1.001', 3),
				 ($1, $2, '2026-05-01T03:00:00Z', 'view', '2.002', 9),
				 ($1, $2, '2026-05-01T03:00:00Z', 'catalogue', '', 20),
				 ($1, 'server', '2026-05-14T17:00:00Z', 'scan', '2.002', 100)`,
				[CENTER, device]
			);
		});

		it('counts per level, per field against its target, per counter; flagged apart; reasons ranked; comments', async () => {
			const s = (await buildReport(CENTER, may))?.satisfaction;
			expect(s?.counted).toBe(14);
			expect(s?.satisfied).toBe(12);
			expect(s?.rate).toBeCloseTo((100 * 12) / 14, 6);
			expect(s?.target).toBe(95);
			expect(s?.met).toBe(false);
			expect(s?.levels.map((l) => [l.label, l.count])).toEqual([
				['Rất hài lòng', 2],
				['Hài lòng', 10],
				['Không hài lòng', 2]
			]);
			expect(s?.byField.map((f) => [f.name, f.counted, f.satisfied, f.target, f.met])).toEqual([
				['Đất đai', 10, 9, 90, true],
				['Hộ tịch', 3, 2, 95, false],
				['', 1, 1, 95, true]
			]);
			expect(s?.belowTarget).toEqual(['Hộ tịch']);
			expect(s?.byCounter.map((c) => [c.name, c.counted])).toEqual([
				['1', 3],
				['2', 10],
				['', 1]
			]);
			expect(s?.flagged).toEqual({ total: 2, tooSoon: 1, repeatTicket: 1, repeatDossier: 0 });
			expect(s?.reasons.map((r) => [r.label, r.count])).toEqual([
				['Thời gian chờ', 2],
				['Thái độ phục vụ', 1]
			]);
			expect(s?.comments).toEqual([
				{
					at: '2026-05-02 17:00',
					level: 'khong_hai_long',
					field: 'Đất đai',
					counter: '2',
					text: 'Chờ lâu quá'
				}
			]);
		});

		it('publicity: procedures posted per level now, scans and views in the period, the most looked-up first', async () => {
			const p = (await buildReport(CENTER, may))?.publicity;
			expect(p?.posted.total).toBe(2);
			expect(p?.posted.byLevel.map((l) => [l.level, l.count])).toEqual([
				['bo', 0],
				['tinh', 1],
				['xa', 2],
				['khac', 0]
			]);
			expect([p?.qrScans, p?.procedureViews, p?.catalogueViews]).toEqual([4, 12, 20]);
			expect(p?.top).toEqual([
				{ code: '2.002', name: 'Chứng thực bản sao', scans: 0, views: 9 },
				{ code: '1.001', name: 'Đăng ký khai sinh', scans: 4, views: 3 }
			]);
		});

		it('an unknown center has no report', async () => {
			expect(await buildReport('nowhere', may)).toBeUndefined();
		});

		it('is issued by the center as saved in settings, under its governing body, dated at its place', async () => {
			const before = await center.get(CENTER);
			if (!before) throw new Error('no center');
			await center.update(CENTER, {
				...before,
				name: 'Trung tâm Phục vụ hành chính công phường An Phú',
				governingBody: 'UBND phường An Phú',
				placeName: 'An Phú'
			});
			expect((await buildReport(CENTER, may))?.center).toEqual({
				id: CENTER,
				name: 'Trung tâm Phục vụ hành chính công phường An Phú',
				governingBody: 'UBND phường An Phú',
				placeName: 'An Phú',
				// The document settings' defaults (migration 011) until an admin sets them.
				reportSymbol: 'BC-TTPVHCC',
				recipients: ['Lưu: VT'],
				signerTitle: ['GIÁM ĐỐC'],
				signerName: ''
			});
			await center.update(CENTER, before);
		});
	});
});
