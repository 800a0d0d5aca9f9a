// The dashboard's Chart.js charts: only the parts they use are registered, and each builder turns Dashboard figures
// into a chart configuration plus the legend the page writes in HTML (text a reader can zoom, and a canvas whose only
// coloured pixels are data). The city's charts (city/charts.ts) are built on the same axes and colours.
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	type ChartConfiguration,
	type ChartDataset
} from 'chart.js';
import type { DayFigures, Dashboard, NamedRate, WeekFigures } from '$lib/domain/dashboard';
import { formatInt, formatRate } from '$lib/domain/numbers';
import { viDate } from '$lib/domain/periods';
import { UNNAMED } from '$lib/domain/report-text';

Chart.register(
	BarController,
	BarElement,
	LineController,
	LineElement,
	PointElement,
	CategoryScale,
	LinearScale,
	Tooltip
);

export { Chart };

export type DashChart = ChartConfiguration<'bar' | 'line', (number | null)[], string>;
export type Dataset = ChartDataset<'bar' | 'line', (number | null)[]>;

export interface LegendItem {
	label: string;
	color: string;
	/** How the legend swatch is drawn: a filled box, a line, or a dashed line. */
	shape: 'box' | 'line' | 'dash';
}

export interface Built {
	config: DashChart;
	legend: LegendItem[];
}

export const COLORS = {
	counted: '#5b8fc7',
	rate: '#1b6e20',
	target: '#a4161a',
	met: '#0b4f8a',
	below: '#c26a00',
	received: '#0b4f8a',
	resolved: '#1b6e20',
	scans: '#0b4f8a',
	views: '#6aa84f'
};

const INK = '#14171a';
const GRID = '#d5dbe1';
const shortDate = (date: string) => viDate(date).slice(0, 5);
const weekLabel = (w: WeekFigures) => `${shortDate(w.from)}–${shortDate(w.to)}`;

type Scales = NonNullable<DashChart['options']>['scales'];

export function base(scales: Scales, horizontal = false): DashChart['options'] {
	const reduce =
		typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
	return {
		responsive: true,
		maintainAspectRatio: false,
		animation: reduce ? false : { duration: 300 },
		indexAxis: horizontal ? 'y' : 'x',
		interaction: { mode: 'index', intersect: false },
		plugins: {
			tooltip: {
				callbacks: {
					label: (item) => {
						const v = item.parsed[horizontal ? 'x' : 'y'];
						const rate = item.dataset.yAxisID === 'rate' || item.dataset.xAxisID === 'rate';
						return `${item.dataset.label}: ${rate ? formatRate(v) : formatInt(v ?? 0)}`;
					}
				}
			}
		},
		scales
	};
}

export const rateAxis = (position: 'left' | 'bottom' = 'left') => ({
	position,
	min: 0,
	max: 100,
	title: { display: true, text: 'Tỷ lệ hài lòng (%)', color: INK },
	ticks: { color: INK, callback: (v: string | number) => `${v}%` },
	grid: { color: GRID }
});
export const countAxis = (
	text: string,
	position: 'left' | 'right' | 'bottom' = 'right',
	grid = false
) => ({
	position,
	beginAtZero: true,
	title: { display: true, text, color: INK },
	ticks: { color: INK, precision: 0, callback: (v: string | number) => formatInt(Number(v)) },
	grid: { display: grid, color: GRID }
});
export const categoryAxis = () => ({
	ticks: { color: INK, autoSkip: true },
	grid: { display: false }
});

/** The satisfaction rate over time, a line drawn over the bars on the rate axis (gaps where nothing was counted). */
export function rateLine(data: (number | null)[]): Dataset {
	return {
		type: 'line',
		label: 'Tỷ lệ hài lòng (%)',
		data,
		yAxisID: 'rate',
		borderColor: COLORS.rate,
		backgroundColor: COLORS.rate,
		borderWidth: 3,
		pointRadius: 3,
		spanGaps: true,
		order: 1
	};
}

/**
 * Satisfaction over time (days or weeks): the rate as a line, the counted ratings as bars, the target dashed. The bars
 * keep to the lower half (grace), so the rate line above them stays readable.
 */
export function satisfactionOverTime(points: (DayFigures | WeekFigures)[], target: number): Built {
	const labels = points.map((p) => ('date' in p ? shortDate(p.date) : weekLabel(p)));
	const datasets: Dataset[] = [
		rateLine(points.map((p) => p.rate)),
		{
			type: 'line',
			label: `Chỉ tiêu ${formatRate(target)}`,
			data: points.map(() => target),
			yAxisID: 'rate',
			borderColor: COLORS.target,
			borderDash: [8, 5],
			borderWidth: 2,
			pointRadius: 0,
			order: 2
		},
		{
			type: 'bar',
			label: 'Lượt đánh giá được tính',
			data: points.map((p) => p.counted),
			yAxisID: 'count',
			backgroundColor: COLORS.counted,
			order: 3
		}
	];
	return {
		config: {
			type: 'bar',
			data: { labels, datasets },
			options: base({
				x: categoryAxis(),
				rate: rateAxis(),
				count: { ...countAxis('Lượt đánh giá'), grace: '100%' }
			})
		},
		legend: [
			{ label: 'Tỷ lệ hài lòng (%)', color: COLORS.rate, shape: 'line' },
			{ label: `Chỉ tiêu ${formatRate(target)}`, color: COLORS.target, shape: 'dash' },
			{ label: 'Lượt đánh giá được tính', color: COLORS.counted, shape: 'box' }
		]
	};
}

/** Satisfaction per field or counter: one bar each (darker when on target), and each one's target marked on it. */
export function satisfactionByGroup(groups: NamedRate[]): Built {
	const datasets: Dataset[] = [
		{
			type: 'line',
			label: 'Chỉ tiêu',
			data: groups.map((g) => g.target),
			yAxisID: 'rate',
			showLine: false,
			pointStyle: 'line',
			pointRadius: 18,
			pointBorderWidth: 3,
			borderColor: COLORS.target,
			backgroundColor: COLORS.target,
			order: 1
		},
		{
			type: 'bar',
			label: 'Tỷ lệ hài lòng (%)',
			data: groups.map((g) => g.rate),
			yAxisID: 'rate',
			backgroundColor: groups.map((g) => (g.met === false ? COLORS.below : COLORS.met)),
			order: 2
		}
	];
	return {
		config: {
			type: 'bar',
			data: { labels: groups.map((g) => g.name || UNNAMED), datasets },
			options: base({ x: categoryAxis(), rate: rateAxis() })
		},
		legend: [
			{ label: 'Đạt chỉ tiêu', color: COLORS.met, shape: 'box' },
			{ label: 'Dưới chỉ tiêu', color: COLORS.below, shape: 'box' },
			{ label: 'Chỉ tiêu', color: COLORS.target, shape: 'line' }
		]
	};
}

/** Dossiers received (new) and finished on each day. */
export function dossiersPerDay(days: DayFigures[]): Built {
	const datasets: Dataset[] = [
		{
			type: 'line',
			label: 'Tiếp nhận',
			data: days.map((d) => d.received),
			yAxisID: 'count',
			borderColor: COLORS.received,
			backgroundColor: COLORS.received,
			borderWidth: 3,
			pointRadius: 2
		},
		{
			type: 'line',
			label: 'Giải quyết xong',
			data: days.map((d) => d.resolved),
			yAxisID: 'count',
			borderColor: COLORS.resolved,
			backgroundColor: COLORS.resolved,
			borderDash: [8, 5],
			borderWidth: 3,
			pointRadius: 2
		}
	];
	return {
		config: {
			type: 'line',
			data: { labels: days.map((d) => shortDate(d.date)), datasets },
			options: base({ x: categoryAxis(), count: countAxis('Hồ sơ', 'left', true) })
		},
		legend: [
			{ label: 'Tiếp nhận', color: COLORS.received, shape: 'line' },
			{ label: 'Giải quyết xong', color: COLORS.resolved, shape: 'dash' }
		]
	};
}

/** The most looked-up procedures, as horizontal bars: QR scans and kiosk views stacked. */
export function topProcedures(top: Dashboard['top']): Built {
	const labels = top.map((p) => (p.name.length > 48 ? `${p.name.slice(0, 47)}…` : p.name));
	const datasets: Dataset[] = [
		{
			type: 'bar',
			label: 'Lượt quét mã QR',
			data: top.map((p) => p.scans),
			xAxisID: 'count',
			backgroundColor: COLORS.scans,
			stack: 'n'
		},
		{
			type: 'bar',
			label: 'Lượt xem trên ki-ốt',
			data: top.map((p) => p.views),
			xAxisID: 'count',
			backgroundColor: COLORS.views,
			stack: 'n'
		}
	];
	const count = { ...countAxis('Lượt', 'bottom', true), stacked: true };
	return {
		config: {
			type: 'bar',
			data: { labels, datasets },
			options: base({ count, y: { ...categoryAxis(), stacked: true } }, true)
		},
		legend: [
			{ label: 'Lượt quét mã QR', color: COLORS.scans, shape: 'box' },
			{ label: 'Lượt xem trên ki-ốt', color: COLORS.views, shape: 'box' }
		]
	};
}
