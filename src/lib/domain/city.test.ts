import { describe, expect, it } from 'vitest';
import { changeOf, NO_RATINGS_BIN, ranks, satisfactionBins, type CityKpi } from './city';

const kpi = (over: Partial<CityKpi> = {}): CityKpi => ({
	counted: 100,
	satisfactionRate: 95,
	received: 50,
	resolved: 40,
	onTimeRate: 90,
	overduePending: 2,
	onlineRate: 60,
	paymentRate: null,
	digitisationRate: 80,
	indexPoints: 25,
	...over
});

describe('the city ranking', () => {
	it('orders by the index estimate, then satisfaction; equal centers share a rank and the next rank is skipped', () => {
		const rows = [
			{ indexPoints: 20, satisfactionRate: 99 },
			{ indexPoints: 28, satisfactionRate: 90 },
			{ indexPoints: 28, satisfactionRate: 96 },
			{ indexPoints: 28, satisfactionRate: 90 },
			{ indexPoints: 12, satisfactionRate: null }
		];
		expect(ranks(rows)).toEqual([4, 2, 1, 2, 5]);
	});

	it('centers the table prints alike are tied, and a center with no ratings comes after any rate', () => {
		const rows = [
			{ indexPoints: 30.004, satisfactionRate: 97.51 },
			{ indexPoints: 29.996, satisfactionRate: 97.49 },
			{ indexPoints: 29.996, satisfactionRate: null },
			{ indexPoints: 29.996, satisfactionRate: 0 }
		];
		expect(ranks(rows)).toEqual([1, 1, 4, 3]);
	});
});

describe('the change against the period before', () => {
	it('is each figure now less the figure before, in points for rates', () => {
		const change = changeOf(
			kpi({ satisfactionRate: 96.5, received: 70, overduePending: 0, indexPoints: 27.5 }),
			kpi({ satisfactionRate: 98, received: 50, overduePending: 3, indexPoints: 25 })
		);
		expect(change).toEqual({
			counted: 0,
			satisfactionRate: -1.5,
			received: 20,
			resolved: 0,
			onTimeRate: 0,
			overduePending: -3,
			onlineRate: 0,
			paymentRate: null,
			digitisationRate: 0,
			indexPoints: 2.5
		});
	});

	it('has no change where either period had nothing to rate', () => {
		expect(
			changeOf(kpi({ satisfactionRate: null }), kpi({ onTimeRate: null })).satisfactionRate
		).toBeNull();
		expect(changeOf(kpi({ satisfactionRate: null }), kpi({ onTimeRate: null })).onTimeRate).toBe(
			null
		);
	});
});

describe('the histogram of centers by satisfaction rate', () => {
	it('puts each center in the bin of its rate, the lower bound in, and those with no ratings apart', () => {
		const bins = satisfactionBins([
			{ name: 'A', rate: 69.99 },
			{ name: 'B', rate: 70 },
			{ name: 'C', rate: 94.9 },
			{ name: 'D', rate: 95 },
			{ name: 'E', rate: 100 },
			{ name: 'F', rate: null }
		]);
		expect(bins.map((b) => [b.label, b.names])).toEqual([
			['Dưới 70%', ['A']],
			['70% – dưới 80%', ['B']],
			['80% – dưới 90%', []],
			['90% – dưới 95%', ['C']],
			['Từ 95% trở lên', ['D', 'E']],
			[NO_RATINGS_BIN, ['F']]
		]);
	});
});
