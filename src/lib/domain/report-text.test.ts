import { describe, expect, it } from 'vitest';
import { customPeriod, previousPeriod } from './periods';
import { SEED_001_TOTAL, seed001Report } from './report.fixture';
import type { Report } from './report';
import {
	checksText,
	comparisonText,
	publicityText,
	reportClosing,
	reportHeading,
	reportSections,
	satisfactionText,
	throughputText
} from './report-text';
import { emptyRow, rateRow } from './throughput';

describe('the seed 001 fixture', () => {
	it('sums to seed 001 total row once the land row reads 181 early', () => {
		expect(seed001Report().throughput.total).toEqual(SEED_001_TOTAL);
	});
});

describe('reportHeading', () => {
	it("names the center, the period's name and its dates as seed 001 does", () => {
		expect(reportHeading(seed001Report())).toEqual({
			governingBody: 'UBND xã An Phú',
			organisation: 'Trung tâm Phục vụ hành chính công xã An Phú',
			number: 'Số:        /BC-TTPVHCC',
			dateLine: 'An Phú, ngày 15 tháng 6 năm 2026',
			title: 'BÁO CÁO',
			subject:
				'Kết quả tiếp nhận, giải quyết thủ tục hành chính, mức độ hài lòng và công khai thủ tục hành chính 6 tháng đầu năm 2026',
			period: 'Số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026',
			generated: 'Số liệu tổng hợp tự động lúc 10:05 ngày 15/6/2026.'
		});
	});

	it("dates the report on the local day it was made, at the center's place, or without a place when none is set", () => {
		const base = seed001Report();
		// 18:30 UTC on 31 January is already 1 February in Việt Nam.
		const late = seed001Report({ generatedAt: '2026-01-31T18:30:00.000Z' });
		expect(reportHeading(late).dateLine).toBe('An Phú, ngày 01 tháng 02 năm 2026');
		const nowhere = seed001Report({ center: { ...base.center, placeName: '', governingBody: '' } });
		expect(reportHeading(nowhere)).toMatchObject({
			dateLine: 'Ngày 15 tháng 6 năm 2026',
			governingBody: ''
		});
	});

	it('does not repeat the dates of a custom period in the subject', () => {
		const p = customPeriod('2026-05-15', '2026-06-14');
		const heading = reportHeading(seed001Report({ period: p }));
		expect(heading.subject).not.toContain('Từ ngày');
		expect(heading.period).toBe('Số liệu tính từ ngày 15/5/2026 đến ngày 14/6/2026');
	});
});

describe('reportClosing', () => {
	it('ends as the seeds do: the closing sentence with ./., Nơi nhận with dashes and semicolons, the last with a full stop, the title in capitals', () => {
		expect(reportClosing(seed001Report())).toEqual({
			summary:
				'Trên đây là báo cáo kết quả tiếp nhận, giải quyết thủ tục hành chính, mức độ hài lòng và công khai thủ tục hành chính 6 tháng đầu năm 2026 của Trung tâm Phục vụ hành chính công xã An Phú./.',
			recipients: [
				'- Như trên;',
				'- CT, các PCT UBND xã (b/c);',
				'- Văn phòng HĐND và UBND xã;',
				'- Lưu: VT, TTPVHCC.'
			],
			signerTitle: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
			signerName: 'Ngô Thanh Phương'
		});
	});
});

describe('throughputText on seed 001 figures', () => {
	it('writes the seeds sentences with Vietnamese numbers, the late field named, payment and digitisation', () => {
		expect(throughputText(seed001Report())).toEqual({
			id: 'throughput',
			title: 'Kết quả tiếp nhận và giải quyết thủ tục hành chính',
			paragraphs: [
				'- Tổng số hồ sơ tiếp nhận là 6.600 hồ sơ, trong đó: tiếp nhận trong kỳ 6.550; kỳ trước chuyển sang 50 hồ sơ.',
				'+ Tiếp nhận trực tuyến 6.550 hồ sơ; trực tiếp, qua dịch vụ bưu chính 0 hồ sơ; tỷ lệ tiếp nhận trực tuyến đạt 100% (6.550/6.550 hồ sơ tiếp nhận trong kỳ).',
				'- Đã giải quyết 6.543 hồ sơ (tỷ lệ 99,1%), trong đó: trước hạn 6.498 hồ sơ (98,5%); đúng hạn 0 hồ sơ (0%); quá hạn 01 hồ sơ (0,02%); từ chối giải quyết 18 hồ sơ (0,3%); rút 26 hồ sơ (0,4%).',
				'+ Tỷ lệ giải quyết trước hạn, đúng hạn đạt 99,98% (6.498/6.499 hồ sơ, không tính hồ sơ từ chối và rút).',
				'+ Hồ sơ giải quyết quá hạn thuộc lĩnh vực: Đất đai (01 hồ sơ).',
				'- Đang giải quyết 57 hồ sơ (tỷ lệ 0,9%), trong đó: trong hạn 47 hồ sơ (0,7%); quá hạn 0 hồ sơ (0%); yêu cầu bổ sung 10 hồ sơ (0,2%).',
				'- Tỷ lệ thanh toán phí, lệ phí trực tuyến đạt 100% (733/733 hồ sơ có phí, lệ phí).',
				'- Tỷ lệ số hóa hồ sơ đạt 100% (6.600/6.600 hồ sơ).',
				'- Số liệu tổng hợp từ: dữ liệu hồ sơ của Hệ thống giải quyết TTHC thành phố (6.600 hồ sơ tiếp nhận).',
				'(Có bảng kết quả từng lĩnh vực cụ thể kèm theo)'
			]
		});
	});

	it('leaves out payment and digitisation when no dossier says anything about them', () => {
		const base = seed001Report();
		const text = throughputText(
			seed001Report({ throughput: { ...base.throughput, payment: null, digitisation: null } })
		).paragraphs.join('\n');
		expect(text).not.toContain('thanh toán');
		expect(text).not.toContain('số hóa');
	});

	it('says plainly when nothing was received', () => {
		const base = seed001Report();
		const empty = {
			...base.throughput,
			rows: [],
			total: emptyRow(),
			rate: rateRow(emptyRow()),
			sources: [],
			payment: null,
			digitisation: null
		};
		expect(throughputText(seed001Report({ throughput: empty })).paragraphs).toEqual([
			'- Trong kỳ không có hồ sơ tiếp nhận hoặc chuyển sang.'
		]);
	});
});

describe('satisfactionText', () => {
	it('counts ratings per level, holds the rate against the target, names fields and counters below it, ranks reasons, counts flagged apart', () => {
		expect(satisfactionText(seed001Report()).paragraphs).toEqual([
			'- Trong kỳ ghi nhận 1.250 lượt đánh giá mức độ hài lòng, trong đó: Rất hài lòng 900 lượt (72%); Hài lòng 291 lượt (23,3%); Bình thường 34 lượt (2,7%); Không hài lòng 20 lượt (1,6%); Rất không hài lòng 05 lượt (0,4%).',
			'- Tỷ lệ hài lòng (mức rất hài lòng và hài lòng) đạt 95,3% (1.191/1.250 lượt), đạt chỉ tiêu 95%.',
			'+ Lĩnh vực chưa đạt chỉ tiêu: Đất đai 81,3% (chỉ tiêu 90%); Hộ tịch 94,7% (chỉ tiêu 95%).',
			'+ Quầy chưa đạt chỉ tiêu: Quầy 3 87,3% (chỉ tiêu 95%).',
			'- Lý do không hài lòng, theo số lượt nêu: Thời gian chờ 30 lượt; Thời gian giải quyết 18 lượt; Thái độ phục vụ 06 lượt; Hướng dẫn chưa rõ 04 lượt.',
			'- Ngoài ra, 12 lượt đánh giá bị đánh dấu nghi trùng lặp, không tính vào kết quả: 09 lượt gửi quá sát lượt trước trên cùng thiết bị; 03 lượt trùng số phiếu.'
		]);
	});

	it('keeps two decimals for a near miss that would otherwise print as the target', () => {
		const base = seed001Report();
		const s = {
			...base.satisfaction,
			counted: 1250,
			satisfied: 1187,
			rate: 94.96,
			met: false,
			belowTarget: [],
			byCounter: [],
			reasons: [],
			flagged: { total: 0, tooSoon: 0, repeatTicket: 0, repeatDossier: 0 }
		};
		const byField = s.byField.map((g) => ({ ...g, met: true }));
		expect(
			satisfactionText(seed001Report({ satisfaction: { ...s, byField } })).paragraphs.slice(1)
		).toEqual([
			'- Tỷ lệ hài lòng (mức rất hài lòng và hài lòng) đạt 94,96% (1.187/1.250 lượt), chưa đạt chỉ tiêu 95%.',
			'+ Tất cả các lĩnh vực có đánh giá đều đạt chỉ tiêu.'
		]);
	});

	it('says so when no rating was counted, and still reports the flagged ones', () => {
		const base = seed001Report();
		const none: Report['satisfaction'] = {
			...base.satisfaction,
			counted: 0,
			satisfied: 0,
			rate: null,
			met: null,
			byField: [],
			byCounter: [],
			belowTarget: [],
			reasons: [],
			levels: base.satisfaction.levels.map((l) => ({ ...l, count: 0, share: 0 })),
			flagged: { total: 2, tooSoon: 0, repeatTicket: 0, repeatDossier: 2 }
		};
		expect(satisfactionText(seed001Report({ satisfaction: none })).paragraphs).toEqual([
			'- Trong kỳ chưa có lượt đánh giá mức độ hài lòng nào được tính.',
			'- Ngoài ra, 02 lượt đánh giá bị đánh dấu nghi trùng lặp, không tính vào kết quả: 02 lượt trùng mã hồ sơ.'
		]);
	});
});

describe('publicityText', () => {
	it('gives procedures posted per level (levels with none left out), scans, views and the top procedures', () => {
		expect(publicityText(seed001Report())).toEqual({
			id: 'publicity',
			title: 'Công khai, niêm yết thủ tục hành chính',
			paragraphs: [
				'- Công khai, niêm yết 589 thủ tục hành chính, trong đó: cấp bộ 17 thủ tục; cấp tỉnh 194 thủ tục; cấp xã 378 thủ tục.',
				'- Trong kỳ có 1.234 lượt quét mã QR, 5.678 lượt xem thủ tục và 910 lượt mở danh mục thủ tục.',
				'- Các thủ tục được tra cứu nhiều nhất: Đăng ký khai sinh (460 lượt); Chứng thực bản sao từ bản chính giấy tờ, văn bản (348 lượt); Đăng ký kết hôn (09 lượt).'
			]
		});
	});
});

describe('comparisonText', () => {
	it('says tăng / giảm by how much against the previous period, rates in percentage points', () => {
		expect(comparisonText(seed001Report()).paragraphs).toEqual([
			'- Kỳ trước: 6 tháng cuối năm 2025, từ ngày 15/6/2025 đến ngày 14/12/2025.',
			'+ Hồ sơ tiếp nhận: 6.600 hồ sơ, tăng 120 hồ sơ (1,9%) so với kỳ trước (6.480 hồ sơ).',
			'+ Hồ sơ đã giải quyết: 6.543 hồ sơ, tăng 143 hồ sơ (2,2%) so với kỳ trước (6.400 hồ sơ).',
			'+ Hồ sơ giải quyết trước hạn, đúng hạn: 6.498 hồ sơ, tăng 108 hồ sơ (1,7%) so với kỳ trước (6.390 hồ sơ).',
			'+ Hồ sơ đang giải quyết: 57 hồ sơ, giảm 23 hồ sơ (28,8%) so với kỳ trước (80 hồ sơ).',
			'+ Lượt đánh giá được tính: 1.250 lượt, tăng 150 lượt (13,6%) so với kỳ trước (1.100 lượt).',
			'+ Tỷ lệ hài lòng: 95,3%, tăng 1,2 điểm phần trăm so với kỳ trước (94,1%).',
			'+ Lượt quét mã QR: 1.234 lượt, giảm 66 lượt (5,1%) so với kỳ trước (1.300 lượt).'
		]);
	});

	it('handles an unchanged figure, a previous period with nothing, and a custom previous period', () => {
		const base = seed001Report();
		const period = customPeriod('2026-05-15', '2026-06-13');
		const before = previousPeriod(period);
		const previous = {
			...base.current,
			from: before.from,
			to: before.to,
			label: before.label,
			received: 0,
			qrScans: base.current.qrScans,
			satisfactionRate: null
		};
		const text = comparisonText(seed001Report({ period, previous })).paragraphs;
		expect(text[0]).toBe('- Kỳ trước: từ ngày 15/4/2026 đến ngày 14/5/2026.');
		expect(text[1]).toBe(
			'+ Hồ sơ tiếp nhận: 6.600 hồ sơ, tăng 6.600 hồ sơ so với kỳ trước (0 hồ sơ).'
		);
		expect(text[6]).toBe('+ Tỷ lệ hài lòng: 95,3% (kỳ trước chưa có đánh giá).');
		expect(text[7]).toBe('+ Lượt quét mã QR: 1.234 lượt, không đổi so với kỳ trước.');
	});
});

describe('checksText and reportSections', () => {
	it('adds the notes on the data only when there are some, each with its source and field', () => {
		expect(reportSections(seed001Report()).map((s) => s.id)).toEqual([
			'throughput',
			'satisfaction',
			'publicity',
			'comparison'
		]);
		expect(checksText(seed001Report())).toBeNull();
		const checks: Report['checks'] = [
			{
				scope: 'manual',
				source: 'BHXH',
				field: 'Đất đai',
				identity: '(7) = (8) + (9) + (10) + (11) + (12)',
				left: 186,
				right: 191,
				message:
					'Tổng đã giải quyết khác tổng trước hạn, đúng hạn, quá hạn, từ chối và rút: 186 ≠ 191'
			},
			{ scope: 'data', identity: '', message: '3 hồ sơ không có hạn trả kết quả' }
		];
		const report = seed001Report({ checks });
		expect(reportSections(report).map((s) => s.id)).toEqual([
			'throughput',
			'satisfaction',
			'publicity',
			'comparison',
			'checks'
		]);
		expect(checksText(report)?.paragraphs).toEqual([
			'- BHXH, Đất đai: Tổng đã giải quyết khác tổng trước hạn, đúng hạn, quá hạn, từ chối và rút: 186 ≠ 191',
			'- 3 hồ sơ không có hạn trả kết quả'
		]);
	});
});
