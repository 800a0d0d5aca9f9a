import { describe, expect, it } from 'vitest';
import {
	checkIdentities,
	emptyRow,
	rateRow,
	throughput,
	type DossierRecord,
	type ThroughputRow
} from './throughput';

const FROM = '2026-04-15';
const TO = '2026-05-14';

function dossier(over: Partial<DossierRecord> = {}): DossierRecord {
	return {
		field: 'Hộ tịch',
		channel: 'truc_tiep',
		receivedOn: '2026-04-20',
		dueOn: '2026-04-25',
		finishedOn: null,
		status: 'dang_xu_ly',
		...over
	};
}

/** The total row for these dossiers, with every column that is not zero. */
function nonZero(dossiers: DossierRecord[]): Record<string, number> {
	const { total } = throughput(dossiers, FROM, TO);
	const out: Record<string, number> = {};
	for (const [group, columns] of Object.entries(total))
		for (const [column, n] of Object.entries(columns as Record<string, number>))
			if (n !== 0) out[`${group}.${column}`] = n;
	return out;
}

describe('throughput columns', () => {
	it('(4) received online in the period', () => {
		expect(nonZero([dossier({ channel: 'truc_tuyen' })])).toEqual({
			'received.total': 1,
			'received.online': 1,
			'pending.total': 1,
			'pending.overdue': 1
		});
	});

	it('(5) received at the counter or by post in the period', () => {
		const got = nonZero([dossier({ channel: 'truc_tiep' }), dossier({ channel: 'buu_chinh' })]);
		expect(got['received.direct']).toBe(2);
		expect(got['received.online']).toBeUndefined();
	});

	it('(6) carried over: received before from and not finished before from, whatever its channel', () => {
		const got = nonZero([
			dossier({ receivedOn: '2026-04-01', channel: 'truc_tuyen', dueOn: '2026-05-30' }),
			dossier({
				receivedOn: '2026-04-01',
				finishedOn: '2026-04-15',
				dueOn: '2026-04-20',
				status: 'da_tra_ket_qua'
			})
		]);
		expect(got).toEqual({
			'received.total': 2,
			'received.carriedOver': 2,
			'resolved.total': 1,
			'resolved.early': 1,
			'pending.total': 1,
			'pending.onTime': 1
		});
	});

	it('a dossier received and finished before from belongs to no column', () => {
		expect(
			nonZero([
				dossier({ receivedOn: '2026-04-01', finishedOn: '2026-04-14', status: 'da_tra_ket_qua' })
			])
		).toEqual({});
	});

	it('(8) early, (9) on time, (10) late: the result date against the due date', () => {
		const got = nonZero([
			dossier({ finishedOn: '2026-04-24', status: 'da_tra_ket_qua' }),
			dossier({ finishedOn: '2026-04-25', status: 'da_tra_ket_qua' }),
			dossier({ finishedOn: '2026-04-26', status: 'da_tra_ket_qua' }),
			dossier({ finishedOn: '2026-04-26', dueOn: null, status: 'da_tra_ket_qua' })
		]);
		expect(got).toMatchObject({
			'resolved.total': 4,
			'resolved.early': 1,
			'resolved.onTime': 2,
			'resolved.late': 1
		});
	});

	it('(11) rejected and (12) withdrawn count as resolved whatever their dates', () => {
		const got = nonZero([
			dossier({ finishedOn: '2026-05-01', status: 'tu_choi' }),
			dossier({ finishedOn: '2026-05-01', status: 'rut' })
		]);
		expect(got).toEqual({
			'received.total': 2,
			'received.direct': 2,
			'resolved.total': 2,
			'resolved.rejected': 1,
			'resolved.withdrawn': 1
		});
	});

	it('(14) pending on time: the due date is on or after to; (15) overdue: before to', () => {
		const got = nonZero([
			dossier({ dueOn: '2026-05-14' }),
			dossier({ dueOn: '2026-05-20' }),
			dossier({ dueOn: '2026-05-13' }),
			dossier({ dueOn: null })
		]);
		expect(got).toMatchObject({ 'pending.total': 4, 'pending.onTime': 3, 'pending.overdue': 1 });
	});

	it('(16) supplement requested, whatever its due date', () => {
		const got = nonZero([dossier({ status: 'yeu_cau_bo_sung', dueOn: '2026-04-21' })]);
		expect(got).toMatchObject({ 'pending.total': 1, 'pending.supplement': 1 });
		expect(got['pending.overdue']).toBeUndefined();
	});
});

describe('throughput period edges', () => {
	it('finished after to: pending at to, judged by its due date', () => {
		const got = nonZero([
			dossier({ finishedOn: '2026-05-15', dueOn: '2026-05-20', status: 'da_tra_ket_qua' }),
			dossier({ finishedOn: '2026-05-20', dueOn: '2026-05-10', status: 'da_tra_ket_qua' })
		]);
		expect(got).toEqual({
			'received.total': 2,
			'received.direct': 2,
			'pending.total': 2,
			'pending.onTime': 1,
			'pending.overdue': 1
		});
	});

	it('finished on to itself is resolved', () => {
		expect(
			nonZero([dossier({ finishedOn: TO, dueOn: TO, status: 'da_tra_ket_qua' })])
		).toMatchObject({ 'resolved.onTime': 1 });
	});

	it('received after to is not in the period; received on to and on from are', () => {
		expect(nonZero([dossier({ receivedOn: '2026-05-15', dueOn: '2026-05-20' })])).toEqual({});
		expect(
			nonZero([
				dossier({ receivedOn: TO, dueOn: '2026-05-20' }),
				dossier({ receivedOn: FROM, dueOn: '2026-05-20' })
			])
		).toMatchObject({
			'received.total': 2,
			'received.direct': 2
		});
	});

	it('a due date equal to to keeps an unfinished dossier on time', () => {
		expect(nonZero([dossier({ dueOn: TO })])).toMatchObject({ 'pending.onTime': 1 });
	});
});

describe('the table', () => {
	it('rows per field in Vietnamese order, each with its identities holding, and a total that sums them', () => {
		const dossiers: DossierRecord[] = [];
		const fields = ['Đất đai', 'Chứng thực', 'Hộ tịch', 'Xây dựng'];
		let n = 0;
		for (const field of fields)
			for (let i = 0; i < 40; i++, n++)
				dossiers.push(
					dossier({
						field,
						channel: (['truc_tuyen', 'truc_tiep', 'buu_chinh'] as const)[n % 3],
						receivedOn: `2026-04-${String(1 + (n % 28)).padStart(2, '0')}`,
						dueOn: `2026-05-${String(1 + (n % 25)).padStart(2, '0')}`,
						finishedOn:
							n % 4 === 0 ? null : `2026-05-${String(1 + ((n * 7) % 28)).padStart(2, '0')}`,
						status:
							n % 4 === 0
								? n % 8 === 0
									? 'yeu_cau_bo_sung'
									: 'dang_xu_ly'
								: (['da_tra_ket_qua', 'tu_choi', 'rut', 'da_tra_ket_qua'] as const)[n % 4]
					})
				);
		const table = throughput(dossiers, FROM, TO);
		expect(table.rows.map((r) => r.field)).toEqual([
			'Chứng thực',
			'Đất đai',
			'Hộ tịch',
			'Xây dựng'
		]);
		const sum = emptyRow();
		for (const row of table.rows) {
			expect(checkIdentities(row)).toEqual([]);
			for (const g of ['received', 'resolved', 'pending'] as const)
				for (const [k, v] of Object.entries(row[g])) (sum[g] as Record<string, number>)[k] += v;
		}
		expect(table.total).toEqual(sum);
		expect(checkIdentities(table.total)).toEqual([]);
		expect(table.total.received.total).toBeGreaterThan(0);
	});

	it('the rate row gives each column as a share of received; nothing received gives zeros', () => {
		const row: ThroughputRow = {
			received: { total: 200, online: 150, direct: 40, carriedOver: 10 },
			resolved: { total: 180, early: 100, onTime: 70, late: 5, rejected: 3, withdrawn: 2 },
			pending: { total: 20, onTime: 15, overdue: 2, supplement: 3 }
		};
		const rates = rateRow(row);
		expect(rates.received).toEqual({ total: 100, online: 75, direct: 20, carriedOver: 5 });
		expect(rates.resolved.total).toBe(90);
		expect(rates.pending.supplement).toBe(1.5);
		expect(rateRow(emptyRow()).resolved.early).toBe(0);
	});

	it('a row typed in by hand with broken identities names each one', () => {
		const row: ThroughputRow = {
			received: { total: 100, online: 60, direct: 30, carriedOver: 5 },
			resolved: { total: 90, early: 80, onTime: 10, late: 0, rejected: 0, withdrawn: 0 },
			pending: { total: 12, onTime: 10, overdue: 1, supplement: 1 }
		};
		const broken = checkIdentities(row);
		expect(broken.map((b) => b.identity)).toEqual(['(3) = (4) + (5) + (6)', '(3) = (7) + (13)']);
		expect(broken[0].message).toBe(
			'Tổng tiếp nhận khác tổng trực tuyến, trực tiếp và kỳ trước chuyển sang: 100 ≠ 95'
		);
	});

	it('refuses a period that ends before it starts', () => {
		expect(() => throughput([], TO, FROM)).toThrow(RangeError);
	});
});
