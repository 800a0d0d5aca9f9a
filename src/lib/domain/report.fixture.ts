// A realistic Report for tests: seed 001's throughput table (An Phú, 6 tháng đầu năm 2026), with its land row
// corrected to 181 early so every identity holds, and plausible satisfaction and publicity figures beside it.
import { period, previousPeriod } from './periods';
import type { Report, ThroughputRow } from './report';
import { addRow, emptyRow, rateRow } from './throughput';

type Four = [number, number, number, number];
type Six = [number, number, number, number, number, number];

function row(
	[total, online, direct, carriedOver]: Four,
	[rt, early, onTime, late, rejected, withdrawn]: Six,
	[pt, pOnTime, overdue, supplement]: Four
): ThroughputRow {
	return {
		received: { total, online, direct, carriedOver },
		resolved: { total: rt, early, onTime, late, rejected, withdrawn },
		pending: { total: pt, onTime: pOnTime, overdue, supplement }
	};
}

const Z4: Four = [0, 0, 0, 0];
const Z6: Six = [0, 0, 0, 0, 0, 0];

/** Seed 001's rows, in the seed's order (the report sorts them). */
export const SEED_001_ROWS: [string, ThroughputRow][] = [
	['Hộ tịch', row([1894, 1892, 0, 2], [1890, 1862, 0, 0, 11, 17], [4, 0, 0, 4])],
	[
		'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)',
		row([543, 543, 0, 0], [543, 543, 0, 0, 0, 0], Z4)
	],
	['Đường thủy nội địa', row([1, 1, 0, 0], [1, 1, 0, 0, 0, 0], Z4)],
	['Hoạt động xây dựng', row([13, 13, 0, 0], [11, 11, 0, 0, 0, 0], [2, 2, 0, 0])],
	// The seed prints 186 early here, which breaks (7) = (8) + … + (12) and its own total row; 181 mends both.
	['Đất đai', row([216, 172, 0, 44], [186, 181, 0, 1, 0, 4], [30, 25, 0, 5])],
	['Người có công', row([68, 65, 0, 3], [67, 67, 0, 0, 0, 0], [1, 1, 0, 0])],
	['Quy hoạch xây dựng, kiến trúc', row(Z4, Z6, Z4)],
	[
		'Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã',
		row([6, 6, 0, 0], [6, 6, 0, 0, 0, 0], Z4)
	],
	['Bảo trợ xã hội', row([271, 271, 0, 0], [252, 252, 0, 0, 0, 0], [19, 19, 0, 0])],
	['Chứng thực', row([3586, 3585, 0, 1], [3585, 3573, 0, 0, 7, 5], [1, 0, 0, 1])],
	['Kinh doanh khí', row(Z4, Z6, Z4)],
	['Lưu thông hàng hóa trong nước', row([2, 2, 0, 0], [2, 2, 0, 0, 0, 0], Z4)]
];

/** Seed 001's "Tổng cộng" row, as printed. */
export const SEED_001_TOTAL = row([6600, 6550, 0, 50], [6543, 6498, 0, 1, 18, 26], [57, 47, 0, 10]);

/**
 * Seed 001's table as every format prints it (the page, the DOCX, the helpers): the Đất đai row (third in Vietnamese
 * order), the total and the rates, Vietnamese number style.
 */
export const PRINTED = {
	land: [
		'3',
		'Đất đai',
		'216',
		'172',
		'0',
		'44',
		'186',
		'181',
		'0',
		'1',
		'0',
		'4',
		'30',
		'25',
		'0',
		'5'
	],
	total: [
		'Tổng cộng',
		'6.600',
		'6.550',
		'0',
		'50',
		'6.543',
		'6.498',
		'0',
		'1',
		'18',
		'26',
		'57',
		'47',
		'0',
		'10'
	],
	rates: [
		'Tỷ lệ',
		'100%',
		'99,2%',
		'0%',
		'0,8%',
		'99,1%',
		'98,5%',
		'0%',
		'0,02%',
		'0,3%',
		'0,4%',
		'0,9%',
		'0,7%',
		'0%',
		'0,2%'
	]
};

export function seed001Report(over: Partial<Report> = {}): Report {
	const half = period('half', 'chot-14', 2026, 1);
	const before = previousPeriod(half);
	const collator = new Intl.Collator('vi');
	const rows = [...SEED_001_ROWS]
		.sort(([a], [b]) => collator.compare(a, b))
		.map(([field, r]) => ({ field, ...r }));
	const total = rows.reduce(addRow, emptyRow());
	return {
		center: {
			id: 'an-phu',
			name: 'Trung tâm Phục vụ hành chính công xã An Phú',
			governingBody: 'UBND xã An Phú',
			placeName: 'An Phú',
			reportSymbol: 'BC-TTPVHCC',
			recipients: [
				'Như trên',
				'CT, các PCT UBND xã (b/c)',
				'Văn phòng HĐND và UBND xã',
				'Lưu: VT, TTPVHCC'
			],
			signerTitle: ['KT. GIÁM ĐỐC', 'Phó Giám đốc'],
			signerName: 'Ngô Thanh Phương'
		},
		period: { kind: half.kind, style: half.style, from: half.from, to: half.to, label: half.label },
		generatedAt: '2026-06-15T03:05:00.000Z',
		throughput: {
			rows,
			total,
			rate: rateRow(total),
			sources: [{ name: 'Hệ thống giải quyết TTHC thành phố', kind: 'records', total }],
			payment: { withFee: 733, paidOnline: 733, rate: 100 },
			digitisation: { known: 6600, digitised: 6600, rate: 100 }
		},
		satisfaction: {
			scale: 5,
			satisfiedLevels: ['rat_hai_long', 'hai_long'],
			counted: 1250,
			satisfied: 1191,
			rate: (100 * 1191) / 1250,
			target: 95,
			met: true,
			levels: [
				{ level: 'rat_hai_long', label: 'Rất hài lòng', count: 900, share: 72 },
				{ level: 'hai_long', label: 'Hài lòng', count: 291, share: 23.28 },
				{ level: 'binh_thuong', label: 'Bình thường', count: 34, share: 2.72 },
				{ level: 'khong_hai_long', label: 'Không hài lòng', count: 20, share: 1.6 },
				{ level: 'rat_khong_hai_long', label: 'Rất không hài lòng', count: 5, share: 0.4 }
			],
			byField: [
				{ name: 'Bảo trợ xã hội', counted: 20, satisfied: 19, rate: 95, target: 95, met: true },
				{
					name: 'Chứng thực',
					counted: 700,
					satisfied: 690,
					rate: (100 * 690) / 700,
					target: 95,
					met: true
				},
				{
					name: 'Đất đai',
					counted: 150,
					satisfied: 122,
					rate: (100 * 122) / 150,
					target: 90,
					met: false
				},
				{
					name: 'Hộ tịch',
					counted: 380,
					satisfied: 360,
					rate: (100 * 360) / 380,
					target: 95,
					met: false
				}
			],
			byCounter: [
				{
					name: 'Quầy 1',
					counted: 600,
					satisfied: 580,
					rate: (100 * 580) / 600,
					target: 95,
					met: true
				},
				{ name: 'Quầy 2', counted: 500, satisfied: 480, rate: 96, target: 95, met: true },
				{
					name: 'Quầy 3',
					counted: 150,
					satisfied: 131,
					rate: (100 * 131) / 150,
					target: 95,
					met: false
				}
			],
			belowTarget: ['Đất đai', 'Hộ tịch'],
			reasons: [
				{ reason: 'thoi_gian_cho', label: 'Thời gian chờ', count: 30 },
				{ reason: 'thoi_gian_giai_quyet', label: 'Thời gian giải quyết', count: 18 },
				{ reason: 'thai_do', label: 'Thái độ phục vụ', count: 6 },
				{ reason: 'huong_dan', label: 'Hướng dẫn chưa rõ', count: 4 }
			],
			comments: [
				{
					at: '2026-06-12T02:10:00.000Z',
					level: 'khong_hai_long',
					field: 'Đất đai',
					counter: 'Quầy 3',
					text: 'Chờ lâu quá'
				},
				{
					at: '2026-06-10T08:00:00.000Z',
					level: 'rat_hai_long',
					field: 'Hộ tịch',
					counter: 'Quầy 1',
					text: 'Cán bộ hướng dẫn tận tình'
				}
			],
			flagged: { total: 12, tooSoon: 9, repeatTicket: 3, repeatDossier: 0 },
			late: 0
		},
		publicity: {
			posted: {
				total: 589,
				byLevel: [
					{ level: 'bo', label: 'Cấp bộ', count: 17 },
					{ level: 'tinh', label: 'Cấp tỉnh', count: 194 },
					{ level: 'xa', label: 'Cấp xã', count: 378 },
					{ level: 'khac', label: 'Cơ quan khác', count: 0 }
				]
			},
			qrScans: 1234,
			procedureViews: 5678,
			catalogueViews: 910,
			top: [
				{ code: '1.001193', name: 'Đăng ký khai sinh', scans: 120, views: 340 },
				{
					code: '2.000815',
					name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
					scans: 98,
					views: 250
				},
				{ code: '1.000894', name: 'Đăng ký kết hôn', scans: 4, views: 5 }
			]
		},
		checks: [],
		previous: {
			from: before.from,
			to: before.to,
			label: before.label,
			received: 6480,
			resolved: 6400,
			resolvedOnTime: 6390,
			pending: 80,
			counted: 1100,
			satisfactionRate: 94.1,
			qrScans: 1300
		},
		current: {
			from: half.from,
			to: half.to,
			label: half.label,
			received: 6600,
			resolved: 6543,
			resolvedOnTime: 6498,
			pending: 57,
			counted: 1250,
			satisfactionRate: (100 * 1191) / 1250,
			qrScans: 1234
		},
		index: null,
		...over
	};
}
