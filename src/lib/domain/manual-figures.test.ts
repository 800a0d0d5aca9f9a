import { describe, it, expect } from 'vitest';
import {
	brokenCells,
	checkManualEntry,
	readableFigure,
	sumRows,
	TOTAL_ROW,
	type ManualRow
} from './manual-figures';
import type { ThroughputRow } from './throughput';

/** A row as the printed table reads, columns (3) to (16); an empty cell is 0. */
function printed(...c: number[]): ThroughputRow {
	const [
		total,
		online,
		direct,
		carriedOver,
		resolved,
		early,
		onTime,
		late,
		rejected,
		withdrawn,
		pending,
		pendingOnTime,
		overdue,
		supplement
	] = c;
	return {
		received: { total, online, direct, carriedOver },
		resolved: { total: resolved, early, onTime, late, rejected, withdrawn },
		pending: { total: pending, onTime: pendingOnTime, overdue, supplement }
	};
}

describe('figures typed by hand are checked against the identities of the table', () => {
	it('seed 000: 1,069 received but 1,041 resolved and 284 pending, (3) = (7) + (13) is broken', () => {
		// Tiếp nhận 1069: trong kỳ 1048 (trực tuyến 1047, so 1 trực tiếp), kỳ trước 21; đã giải quyết 1041 (từ chối 01),
		// đang giải quyết 284 (0 bổ sung, 0 quá hạn). The report does not split early from on time: all on time.
		const rows: ManualRow[] = [
			{
				field: 'Tất cả lĩnh vực',
				row: printed(1069, 1047, 1, 21, 1041, 0, 1040, 0, 1, 0, 284, 284, 0, 0)
			}
		];
		const problems = checkManualEntry(rows);
		expect(problems).toEqual([
			{
				row: 'Tất cả lĩnh vực',
				identity: '(3) = (7) + (13)',
				left: 1069,
				right: 1325,
				message: expect.stringContaining('(1.069 ≠ 1.325)')
			}
		]);
		expect(problems[0].message).toBe(
			'Tất cả lĩnh vực, (3) = (7) + (13): Tổng tiếp nhận khác tổng đã giải quyết và đang giải quyết (1.069 ≠ 1.325)'
		);
	});

	it('seed 001: the land row breaks (7), and the printed total row’s early column is not the sum of the fields', () => {
		const fields: ManualRow[] = [
			{ field: 'Hộ tịch', row: printed(1894, 1892, 0, 2, 1890, 1862, 0, 0, 11, 17, 4, 0, 0, 4) },
			{
				field: 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)',
				row: printed(543, 543, 0, 0, 543, 543, 0, 0, 0, 0, 0, 0, 0, 0)
			},
			{ field: 'Đường thủy nội địa', row: printed(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0) },
			{ field: 'Hoạt động xây dựng', row: printed(13, 13, 0, 0, 11, 11, 0, 0, 0, 0, 2, 2, 0, 0) },
			{ field: 'Đất đai', row: printed(216, 172, 0, 44, 186, 186, 0, 1, 0, 4, 30, 25, 0, 5) },
			{ field: 'Người có công', row: printed(68, 65, 0, 3, 67, 67, 0, 0, 0, 0, 1, 1, 0, 0) },
			{
				field: 'Quy hoạch xây dựng, kiến trúc',
				row: printed(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
			},
			{
				field: 'Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã',
				row: printed(6, 6, 0, 0, 6, 6, 0, 0, 0, 0, 0, 0, 0, 0)
			},
			{ field: 'Bảo trợ xã hội', row: printed(271, 271, 0, 0, 252, 252, 0, 0, 0, 0, 19, 19, 0, 0) },
			{ field: 'Chứng thực', row: printed(3586, 3585, 0, 1, 3585, 3573, 0, 0, 7, 5, 1, 0, 0, 1) },
			{ field: 'Kinh doanh khí', row: printed(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) },
			{
				field: 'Lưu thông hàng hóa trong nước',
				row: printed(2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0)
			}
		];
		const total = printed(6600, 6550, 0, 50, 6543, 6498, 0, 1, 18, 26, 57, 47, 0, 10);
		const problems = checkManualEntry(fields, total);
		expect(problems.map((p) => [p.row, p.identity, p.left, p.right])).toEqual([
			['Đất đai', '(7) = (8) + (9) + (10) + (11) + (12)', 186, 191],
			[TOTAL_ROW, '(8): Tổng cộng = Σ lĩnh vực', 6498, 6503]
		]);
		expect(problems[1].message).toBe(
			'Tổng cộng, cột (8) Trước hạn: dòng tổng ghi 6.498, cộng các lĩnh vực được 6.503'
		);
		// Every other column of the printed total is the sum of its fields.
		expect({ ...sumRows(fields), resolved: { ...sumRows(fields).resolved, early: 6498 } }).toEqual(
			total
		);
	});

	it('seed 004: 921 received but 14 carried over and 879 new, (3) = (4) + (5) + (6) is broken', () => {
		// Trực tuyến 921/921; đúng hạn 919, đang giải quyết trong hạn 02.
		const problems = checkManualEntry([
			{ field: 'Tất cả lĩnh vực', row: printed(921, 879, 0, 14, 919, 0, 919, 0, 0, 0, 2, 2, 0, 0) }
		]);
		expect(problems.map((p) => [p.identity, p.left, p.right])).toEqual([
			['(3) = (4) + (5) + (6)', 921, 893]
		]);
	});

	it('figures that add up give no problem, with or without a total row', () => {
		const rows: ManualRow[] = [
			{ field: 'Hộ tịch', row: printed(10, 6, 2, 2, 8, 5, 1, 1, 1, 0, 2, 1, 0, 1) },
			{ field: 'Chứng thực', row: printed(5, 5, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0) }
		];
		expect(checkManualEntry(rows)).toEqual([]);
		expect(checkManualEntry(rows, sumRows(rows))).toEqual([]);
	});

	it('a typed total row’s own identities are checked too', () => {
		const rows: ManualRow[] = [
			{ field: 'Hộ tịch', row: printed(3, 3, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0) }
		];
		const total = printed(3, 3, 0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0);
		expect(checkManualEntry(rows, total).map((p) => [p.row, p.identity])).toEqual([
			[TOTAL_ROW, '(7) = (8) + (9) + (10) + (11) + (12)'],
			[TOTAL_ROW, '(8): Tổng cộng = Σ lĩnh vực']
		]);
	});
});

describe('the cells the form marks', () => {
	it('are the columns each broken identity names, in its row', () => {
		const cells = brokenCells([
			{ row: 'Hộ tịch', identity: '(7) = (8) + (9) + (10) + (11) + (12)' },
			{ row: 'Tổng cộng', identity: '(8): Tổng cộng = Σ lĩnh vực' }
		]);
		expect([...(cells.get('Hộ tịch') ?? [])]).toEqual([7, 8, 9, 10, 11, 12]);
		expect([...(cells.get('Tổng cộng') ?? [])]).toEqual([8]);
		expect(cells.has('Đất đai')).toBe(false);
	});
	it('and any cell whose text is not a count', () => {
		for (const ok of ['', '0', '12', '1.894', '1 894', ' 7 '])
			expect(readableFigure(ok), ok).toBe(true);
		for (const bad of ['12,5', 'abc', '-3', '1.89', '7a'])
			expect(readableFigure(bad), bad).toBe(false);
	});
});
