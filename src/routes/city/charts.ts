// The city's two charts, drawn like the dashboard's (admin/charts.ts: its registered parts, axes and colours): the
// centers by satisfaction rate, and the city's last 12 report months.
import type { CityMonth } from '$lib/domain/city';
import {
	base,
	categoryAxis,
	COLORS,
	countAxis,
	rateAxis,
	rateLine,
	type Built,
	type Dataset
} from '../admin/charts';

/** How many centers in each bin of satisfaction rate: one bar a bin. */
export function centersBySatisfaction(bins: { label: string; names: string[] }[]): Built {
	const datasets: Dataset[] = [
		{
			type: 'bar',
			label: 'Số trung tâm',
			data: bins.map((b) => b.names.length),
			yAxisID: 'count',
			backgroundColor: COLORS.met
		}
	];
	return {
		config: {
			type: 'bar',
			data: { labels: bins.map((b) => b.label), datasets },
			options: base({ x: categoryAxis(), count: countAxis('Số trung tâm', 'left', true) })
		},
		legend: [{ label: 'Số trung tâm', color: COLORS.met, shape: 'box' }]
	};
}

/** The city's months: dossiers received and resolved as bars, the satisfaction rate as a line. */
export function cityMonths(months: CityMonth[]): Built {
	const datasets: Dataset[] = [
		rateLine(months.map((m) => m.satisfactionRate)),
		{
			type: 'bar',
			label: 'Hồ sơ tiếp nhận',
			data: months.map((m) => m.received),
			yAxisID: 'count',
			backgroundColor: COLORS.counted,
			order: 2
		},
		{
			type: 'bar',
			label: 'Hồ sơ đã giải quyết',
			data: months.map((m) => m.resolved),
			yAxisID: 'count',
			backgroundColor: COLORS.views,
			order: 3
		}
	];
	return {
		config: {
			type: 'bar',
			data: { labels: months.map((m) => m.label.replace('Tháng ', 'T')), datasets },
			options: base({ x: categoryAxis(), rate: rateAxis(), count: countAxis('Hồ sơ') })
		},
		legend: [
			{ label: 'Tỷ lệ hài lòng (%)', color: COLORS.rate, shape: 'line' },
			{ label: 'Hồ sơ tiếp nhận', color: COLORS.counted, shape: 'box' },
			{ label: 'Hồ sơ đã giải quyết', color: COLORS.views, shape: 'box' }
		]
	};
}
