import { describe, expect, it } from 'vitest';
import { seed001Report, PRINTED } from './report.fixture';
import type { ReportSection } from './report-text';
import {
	formatBodyValues,
	formatValue,
	partTables,
	publicityTables,
	satisfactionTables,
	THROUGHPUT_COLUMNS,
	THROUGHPUT_HEAD,
	throughputBody
} from './report-tables';

describe('the throughput table layout', () => {
	it('covers the 3 × 16 header grid exactly once with its merged cells', () => {
		const seen = new Map<string, string>();
		for (const h of THROUGHPUT_HEAD)
			for (let r = h.row; r < h.row + h.rowSpan; r++)
				for (let c = h.col; c < h.col + h.colSpan; c++) {
					expect(seen.has(`${r},${c}`)).toBe(false);
					seen.set(`${r},${c}`, h.text);
				}
		expect(seen.size).toBe(3 * 16);
	});

	it('numbers its figure columns (3) to (16)', () => {
		expect(THROUGHPUT_COLUMNS.map((c) => c.no)).toEqual([
			3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
		]);
	});

	it('gives a numbered row per field in the report order, then the total and the rate', () => {
		const body = throughputBody(seed001Report());
		expect(body.map((r) => r.no)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
			'11',
			'12',
			'',
			''
		]);
		expect(body.slice(0, 3).map((r) => r.label)).toEqual([
			'Bảo trợ xã hội',
			'Chứng thực',
			'Đất đai'
		]);
		expect(formatBodyValues(body[12])).toEqual(PRINTED.total.slice(1));
		expect(formatBodyValues(body[13])).toEqual(PRINTED.rates.slice(1));
	});
});

describe('the satisfaction and publicity tables', () => {
	it('print counts, rates, targets and đạt / chưa đạt, with a dash where nothing was counted', () => {
		const base = seed001Report();
		const byCounter = [
			...base.satisfaction.byCounter,
			{ name: '', counted: 0, satisfied: 0, rate: null, target: 95, met: null }
		];
		const [levels, fields, counters, reasons] = satisfactionTables(
			seed001Report({ satisfaction: { ...base.satisfaction, byCounter } })
		);
		expect(levels.rows.map((r) => r.map(formatValue))).toEqual([
			['Rất hài lòng', '900', '72%'],
			['Hài lòng', '291', '23,3%'],
			['Bình thường', '34', '2,7%'],
			['Không hài lòng', '20', '1,6%'],
			['Rất không hài lòng', '5', '0,4%'],
			['Tổng cộng', '1.250', '100%']
		]);
		expect(fields.rows.at(-1)?.map(formatValue)).toEqual([
			'',
			'Chung',
			'1.250',
			'1.191',
			'95,3%',
			'95%',
			'Đạt'
		]);
		expect(counters.rows.at(-1)?.map(formatValue)).toEqual([
			'4',
			'Chưa xác định',
			'0',
			'0',
			'—',
			'95%',
			'—'
		]);
		expect(reasons.rows[0].map(formatValue)).toEqual(['1', 'Thời gian chờ', '30']);
	});

	it('give procedures posted per level with a total, look-ups, and the top procedures', () => {
		const [posted, lookups, top] = publicityTables(seed001Report());
		expect(posted.rows.at(-1)).toEqual(['Tổng cộng', 589]);
		expect(lookups.rows).toEqual([
			['Quét mã QR', 1234],
			['Xem chi tiết thủ tục', 5678],
			['Mở danh mục thủ tục', 910]
		]);
		expect(top.rows[0]).toEqual(['1', '1.001193', 'Đăng ký khai sinh', 120, 340, 460]);
	});

	it('go under the satisfaction and publicity prose, and no part else has small tables', () => {
		const report = seed001Report();
		expect(partTables(report, 'satisfaction').map((t) => t.id)).toEqual([
			'levels',
			'fields',
			'counters',
			'reasons'
		]);
		expect(partTables(report, 'publicity').map((t) => t.id)).toEqual(['posted', 'lookups', 'top']);
		const others: ReportSection['id'][] = ['throughput', 'comparison', 'checks'];
		expect(others.flatMap((id) => partTables(report, id))).toEqual([]);
	});
});
