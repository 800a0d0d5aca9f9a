import { describe, expect, it } from 'vitest';
import { estimateIndex, pointsFor, RULES_766, type IndexInputs } from './service-index';
import { emptyRow, type ThroughputRow } from './throughput';

/** A throughput total from the counts that matter here; the received side is not read by the estimate. */
function row(
	resolved: Partial<ThroughputRow['resolved']>,
	pending: Partial<ThroughputRow['pending']> = {}
): ThroughputRow {
	const r = emptyRow();
	Object.assign(r.resolved, resolved);
	Object.assign(r.pending, pending);
	return r;
}

function inputs(over: Partial<IndexInputs> = {}): IndexInputs {
	return {
		throughput: row(
			{ early: 150, onTime: 47, late: 2, rejected: 5, withdrawn: 1 },
			{ onTime: 29, overdue: 1, supplement: 1 }
		),
		payment: { withFee: 40, paidOnline: 30 },
		digitisation: { known: 200, digitised: 180 },
		satisfaction: { counted: 100, satisfied: 96 },
		...over
	};
}

const byId = (e: ReturnType<typeof estimateIndex>, id: string) => {
	const found = e.indicators.find((i) => i.id === id);
	if (!found) throw new Error(`no ${id}`);
	return found;
};

describe('pointsFor', () => {
	it('gives points in proportion, or full from a threshold and in proportion to it below', () => {
		expect(pointsFor(50, { max: 20, fullFrom: null })).toBe(10);
		expect(pointsFor(100, { max: 20, fullFrom: null })).toBe(20);
		expect(pointsFor(90, { max: 6, fullFrom: 90 })).toBe(6);
		expect(pointsFor(99, { max: 6, fullFrom: 90 })).toBe(6);
		expect(pointsFor(45, { max: 6, fullFrom: 90 })).toBe(3);
		expect(pointsFor(-5, { max: 6, fullFrom: 90 })).toBe(0);
	});
});

describe('the on-time indicator (20 points in proportion)', () => {
	it('counts finished early or on the day and still within the due date (a supplement pauses the clock) over all judged', () => {
		// In time: 150 + 47 + 29 + 1 = 227; overdue: 2 late + 1 overdue = 3; judged 230. 20 × 227 / 230 = 19.7391…
		const on = byId(estimateIndex(inputs()), 'on_time');
		expect(on.share).toBeCloseTo((100 * 227) / 230, 10);
		expect(on.points).toBeCloseTo(19.7391304, 6);
		// Each overdue dossier costs 20 / 230 = 0.0869…; three cost 0.26.
		expect(on.atStake).toBe('03 hồ sơ quá hạn: −0,26 điểm');
		expect(on.numbers).toEqual([
			{ label: 'Hồ sơ trước hạn, đúng hạn, trong hạn', value: '227' },
			{ label: 'Hồ sơ quá hạn', value: '3' },
			{ label: 'Hồ sơ được tính', value: '230' },
			{ label: 'Tỷ lệ', value: '98,7%' }
		]);
	});

	it('gives full points and nothing at stake when nothing is overdue, and no points when nothing was handled', () => {
		const full = byId(estimateIndex(inputs({ throughput: row({ onTime: 10 }) })), 'on_time');
		expect(full.points).toBe(20);
		expect(full.atStake).toBeNull();
		const none = byId(estimateIndex(inputs({ throughput: emptyRow() })), 'on_time');
		expect(none.share).toBeNull();
		expect(none.points).toBeNull();
		expect(none.atStake).toBeNull();
	});

	it('leaves refused and withdrawn dossiers out of both sides', () => {
		const a = byId(estimateIndex(inputs({ throughput: row({ onTime: 9, late: 1 }) })), 'on_time');
		const b = byId(
			estimateIndex(inputs({ throughput: row({ onTime: 9, late: 1, rejected: 7, withdrawn: 3 }) })),
			'on_time'
		);
		expect(a.points).toBe(18);
		expect(b.points).toBe(18);
	});
});

describe('satisfaction in handling (6 points, full from 90 %)', () => {
	it('takes the dissatisfied ratings from the dossiers in time, over the dossiers judged', () => {
		// (227 − 4) / 230 = 96.96 % ≥ 90 %: full points.
		const full = byId(estimateIndex(inputs()), 'handling_satisfaction');
		expect(full.points).toBe(6);
		expect(full.atStake).toBeNull();
		// 60 dissatisfied: (227 − 60) / 230 = 72.6 %: 6 × 72.6 / 90 = 4.8406…; 1.16 points short.
		const low = byId(
			estimateIndex(inputs({ satisfaction: { counted: 100, satisfied: 40 } })),
			'handling_satisfaction'
		);
		expect(low.points).toBeCloseTo((6 * ((100 * 167) / 230)) / 90, 10);
		expect(low.atStake).toBe('63 hồ sơ quá hạn và lượt không hài lòng: −1,16 điểm');
	});

	it('never goes below zero when there are more dissatisfied ratings than dossiers in time', () => {
		const e = estimateIndex(inputs({ satisfaction: { counted: 500, satisfied: 0 } }));
		expect(byId(e, 'handling_satisfaction').points).toBe(0);
	});
});

describe('online payment and digitisation', () => {
	it('count in proportion over the dossiers that carry the information, and say what is short', () => {
		const e = estimateIndex(inputs());
		const paid = byId(e, 'online_payment');
		expect(paid.points).toBe(4.5); // 6 × 30 / 40
		expect(paid.atStake).toBe('10 hồ sơ có phí chưa thanh toán trực tuyến: −1,5 điểm');
		const digitised = byId(e, 'digitised');
		expect(digitised.points).toBe(3.6); // 4 × 180 / 200
		expect(digitised.atStake).toBe('20 hồ sơ chưa số hóa: −0,4 điểm');
	});

	it('are not counted when the dossier files did not say (no fee or digitisation column)', () => {
		const e = estimateIndex(inputs({ payment: null, digitisation: null }));
		expect(byId(e, 'online_payment').points).toBeNull();
		expect(byId(e, 'digitised').numbers).toEqual([]);
		// Only what was counted adds to the total and to the maximum.
		expect(e.max).toBe(26);
	});
});

describe('the estimate as a whole', () => {
	it('adds the indicators it could count, names its rules, and lists what it does not estimate with why', () => {
		const e = estimateIndex(inputs());
		expect(e.max).toBe(36);
		expect(e.points).toBeCloseTo(19.7391304 + 6 + 4.5 + 3.6, 6);
		expect(e.rules.source).toContain('766/QĐ-TTg');
		expect(e.notEstimated.length).toBeGreaterThan(0);
		for (const n of e.notEstimated) expect(n.reason).not.toBe('');
		// Together the estimated and the not-estimated maxima are the decision's 100 points.
		const notMax = e.notEstimated.reduce((n, x) => n + (x.max ?? 0), 0);
		expect(e.max + notMax).toBe(100);
	});

	it('follows changed rules: a new weight or threshold changes the points, not the code', () => {
		const rules = {
			...RULES_766,
			version: 'test',
			indicators: { ...RULES_766.indicators, digitised: { max: 4, fullFrom: 80 } }
		};
		// 90 % digitised ≥ 80 %: full points under the written rule, 3.6 under the portal's straight line.
		expect(byId(estimateIndex(inputs(), rules), 'digitised').points).toBe(4);
		expect(estimateIndex(inputs(), rules).rules.version).toBe('test');
	});
});
