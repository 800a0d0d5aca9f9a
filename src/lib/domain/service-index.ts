// An estimate of a center's service index (Bộ chỉ số 766, Decision 766/QĐ-TTg of 23/6/2022) from its own records: the
// indicators its dossiers and ratings determine, each with its formula, the numbers it used, its points and the points
// at stake. Every other indicator is listed as not estimated, with why: the center does not hold the data (the
// province's publication dates, synchronisation with the national portal, feedback handling), or the rule's split is
// not published. Weights and thresholds are data (IndexRules), versioned with their source, so an admin can follow a
// change of the rules without a release. Pure: the server supplies the figures (engine.ts), pages and files print this.
import { formatCount, formatDecimal, formatInt, formatPercent } from './numbers';
import type { ThroughputRow } from './throughput';

/** The five groups of the decision, as the national portal shows them (online services split 12 + 10). */
export const INDEX_GROUPS = [
	{ id: 'cong_khai', name: 'Công khai, minh bạch', max: 18 },
	{ id: 'tien_do', name: 'Tiến độ, kết quả giải quyết', max: 20 },
	{ id: 'truc_tuyen', name: 'Dịch vụ công trực tuyến', max: 12 },
	{ id: 'thanh_toan', name: 'Thanh toán trực tuyến', max: 10 },
	{ id: 'so_hoa', name: 'Số hóa hồ sơ', max: 22 },
	{ id: 'hai_long', name: 'Mức độ hài lòng', max: 18 }
] as const;
export type IndexGroup = (typeof INDEX_GROUPS)[number]['id'];

/** The indicators this module can compute from a center's records. */
export const ESTIMATED = [
	'on_time',
	'handling_satisfaction',
	'online_payment',
	'digitised'
] as const;
export type EstimatedId = (typeof ESTIMATED)[number];

/** The group each estimated indicator scores in. */
export const ESTIMATED_GROUP: Record<EstimatedId, IndexGroup> = {
	on_time: 'tien_do',
	handling_satisfaction: 'hai_long',
	online_payment: 'thanh_toan',
	digitised: 'so_hoa'
};

/** Each estimated indicator's name, as the decision's scoring names it. */
export const INDICATOR_NAMES: Record<EstimatedId, string> = {
	on_time: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn',
	handling_satisfaction: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính',
	online_payment: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
	digitised: 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa'
};

/** The most an indicator can weigh: its group's points. */
export const groupMax = (id: EstimatedId): number =>
	INDEX_GROUPS.find((g) => g.id === ESTIMATED_GROUP[id])?.max ?? 0;

/** One indicator's weight: its maximum, and the share (%) from which it earns full points (null: in proportion). */
export interface IndicatorRule {
	max: number;
	fullFrom: number | null;
}

/** A version of the rules: who says so, and the weight of each indicator estimated. */
export interface IndexRules {
	version: string;
	/** The text the weights come from, named on every page that shows an estimate. */
	source: string;
	indicators: Record<EstimatedId, IndicatorRule>;
}

/**
 * The rules as Decision 766 and the national portal's published scoring stood in December 2026 (research/index766.md):
 * on-time handling 20 in proportion; satisfaction in handling 6, full from 90 %; dossiers paid online 6 in proportion;
 * digitised dossiers 4 in proportion (the portal's figures fit a straight line, its written rule says full from 80 %).
 */
export const RULES_766: IndexRules = {
	version: '766-2026-12',
	source:
		'Quyết định 766/QĐ-TTg ngày 23/6/2022 và cách Cổng Dịch vụ công quốc gia tính điểm (tổng hợp tháng 12/2026)',
	indicators: {
		on_time: { max: 20, fullFrom: null },
		handling_satisfaction: { max: 6, fullFrom: 90 },
		online_payment: { max: 6, fullFrom: null },
		digitised: { max: 4, fullFrom: null }
	}
};

/** What a center's records say about a period: the report's throughput total, payment, digitisation and ratings. */
export interface IndexInputs {
	throughput: ThroughputRow;
	payment: { withFee: number; paidOnline: number } | null;
	digitisation: { known: number; digitised: number } | null;
	satisfaction: { counted: number; satisfied: number };
}

export interface IndicatorEstimate {
	id: EstimatedId;
	group: IndexGroup;
	name: string;
	max: number;
	/** The formula in words, with the rule that turns its share into points. */
	formula: string;
	/** The numbers the formula used, as printed. */
	numbers: { label: string; value: string }[];
	/** The share (0–100), or null when there was nothing to count. */
	share: number | null;
	points: number | null;
	/** What keeps points from the maximum, e.g. "03 hồ sơ quá hạn: −0,26 điểm"; null when full or not counted. */
	atStake: string | null;
}

/** An indicator of the decision that a center's own records do not determine. */
export interface NotEstimated {
	group: IndexGroup;
	name: string;
	/** Its maximum where the rules publish one. */
	max: number | null;
	reason: string;
}

export interface IndexEstimate {
	rules: { version: string; source: string };
	indicators: IndicatorEstimate[];
	notEstimated: NotEstimated[];
	/** The points earned and the points possible over the indicators that could be counted. */
	points: number;
	max: number;
}

/** Points for a share (0–100) under a rule: in proportion, or full from `fullFrom` %. */
export function pointsFor(share: number, rule: IndicatorRule): number {
	const full = rule.fullFrom ?? 100;
	return rule.max * Math.min(1, Math.max(0, share) / full);
}

const points = (n: number) => formatDecimal(n, 2);
const ratioText = (rule: IndicatorRule) =>
	rule.fullFrom === null
		? `điểm theo tỷ lệ, tối đa ${formatInt(rule.max)}`
		: `đủ ${formatInt(rule.max)} điểm từ ${formatInt(rule.fullFrom)}%, dưới mức đó theo tỷ lệ`;

/** The share of `part` in `whole` as a percentage, null for nothing counted. */
const shareOf = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

interface Built {
	share: number | null;
	/** What the share is of: each item short of it costs max ÷ whole points when points are in proportion. */
	whole: number;
	numbers: [string, number][];
	/** How many items fell short, and what they are called, for the points at stake. */
	short: { n: number; what: string };
}

function indicator(
	id: EstimatedId,
	formula: string,
	rule: IndicatorRule,
	{ share, whole, numbers, short }: Built
): IndicatorEstimate {
	const earned = share === null ? null : pointsFor(share, rule);
	// In proportion, each item short costs the same; above a threshold, only the total lost can be said.
	const perItem = whole > 0 && rule.fullFrom === null ? rule.max / whole : null;
	const lost = earned === null ? 0 : rule.max - earned;
	const atStake =
		earned === null || lost < 0.005 || short.n === 0
			? null
			: `${formatCount(short.n)} ${short.what}: −${points(perItem === null ? lost : Math.min(lost, short.n * perItem))} điểm`;
	return {
		id,
		group: ESTIMATED_GROUP[id],
		name: INDICATOR_NAMES[id],
		max: rule.max,
		formula: `${formula}; ${ratioText(rule)}.`,
		numbers: [
			...numbers.map(([label, value]) => ({ label, value: formatInt(value) })),
			...(share === null ? [] : [{ label: 'Tỷ lệ', value: formatPercent(share) }])
		],
		share,
		points: earned,
		atStake
	};
}

/** A share of the dossiers whose file says: `part` of `whole`; nothing counted where the files did not say. */
function shareBuilt(
	figures: { part: number; whole: number } | null,
	partLabel: string,
	wholeLabel: string,
	what: string
): Built {
	if (!figures) return { share: null, whole: 0, numbers: [], short: { n: 0, what } };
	const { part, whole } = figures;
	return {
		share: shareOf(part, whole),
		whole,
		numbers: [
			[partLabel, part],
			[wholeLabel, whole]
		],
		short: { n: whole - part, what }
	};
}

/** Indicators of the decision the center's records cannot give, and why. */
export const NOT_ESTIMATED: NotEstimated[] = [
	{
		group: 'cong_khai',
		name: 'Công bố, công khai thủ tục hành chính đúng hạn và đầy đủ',
		max: 12,
		reason: 'Tính từ quyết định công bố của tỉnh và Cơ sở dữ liệu quốc gia về thủ tục hành chính.'
	},
	{
		group: 'cong_khai',
		name: 'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia',
		max: 6,
		reason: 'Trung tâm không giữ số liệu đồng bộ của Cổng Dịch vụ công quốc gia.'
	},
	{
		group: 'truc_tuyen',
		name: 'Dịch vụ công trực tuyến (thủ tục có dịch vụ, hồ sơ nộp trực tuyến)',
		max: 12,
		reason: 'Cách chia 12 điểm giữa các chỉ số của nhóm này chưa được công bố.'
	},
	{
		group: 'thanh_toan',
		name: 'Thủ tục có phí được tích hợp và có giao dịch thanh toán trực tuyến',
		max: 4,
		reason: 'Tính theo thủ tục trên Cổng Dịch vụ công quốc gia, không theo hồ sơ của trung tâm.'
	},
	{
		group: 'so_hoa',
		name: 'Cấp kết quả điện tử, tái sử dụng và chia sẻ dữ liệu số hóa, dữ liệu dân cư',
		max: 18,
		reason: 'Tệp hồ sơ của trung tâm không ghi kết quả điện tử và việc tái sử dụng dữ liệu.'
	},
	{
		group: 'hai_long',
		name: 'Xử lý phản ánh, kiến nghị đúng hạn và hài lòng',
		max: 12,
		reason: 'Phản ánh, kiến nghị được tiếp nhận và xử lý trên hệ thống khác.'
	}
];

/** The estimate of a center's indicators for a period, under `rules` (the current ones unless said). */
export function estimateIndex(inputs: IndexInputs, rules: IndexRules = RULES_766): IndexEstimate {
	const { resolved, pending } = inputs.throughput;
	const r = rules.indicators;
	// Handled within the due date: finished early or on the day, or still in progress within it (a dossier waiting on
	// the citizen's supplement is paused, not late). Refused and withdrawn dossiers are judged by the portal on dates
	// the file does not carry, so they are left out of both sides.
	const inTime = resolved.early + resolved.onTime + pending.onTime + pending.supplement;
	const overdue = resolved.late + pending.overdue;
	const judged = inTime + overdue;
	const onTime = indicator(
		'on_time',
		'Hồ sơ đã giải quyết và đang giải quyết trước hạn, đúng hạn, trong hạn ÷ hồ sơ tiếp nhận và xử lý trong kỳ',
		r.on_time,
		{
			share: shareOf(inTime, judged),
			whole: judged,
			numbers: [
				['Hồ sơ trước hạn, đúng hạn, trong hạn', inTime],
				['Hồ sơ quá hạn', overdue],
				['Hồ sơ được tính', judged]
			],
			short: { n: overdue, what: 'hồ sơ quá hạn' }
		}
	);

	// Satisfaction in handling: dossiers handled in time less the ratings that were not satisfied, over the same dossiers.
	const dissatisfied = inputs.satisfaction.counted - inputs.satisfaction.satisfied;
	const content = Math.max(0, inTime - dissatisfied);
	const handling = indicator(
		'handling_satisfaction',
		'(Hồ sơ trong hạn − lượt đánh giá không hài lòng) ÷ hồ sơ tiếp nhận và xử lý trong kỳ',
		r.handling_satisfaction,
		{
			share: shareOf(content, judged),
			whole: judged,
			numbers: [
				['Hồ sơ trong hạn', inTime],
				['Lượt đánh giá không hài lòng', dissatisfied],
				['Hồ sơ được tính', judged]
			],
			short: { n: overdue + dissatisfied, what: 'hồ sơ quá hạn và lượt không hài lòng' }
		}
	);

	const { payment, digitisation } = inputs;
	const paid = indicator(
		'online_payment',
		'Hồ sơ có phí được thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí',
		r.online_payment,
		shareBuilt(
			payment && { part: payment.paidOnline, whole: payment.withFee },
			'Hồ sơ thanh toán trực tuyến',
			'Hồ sơ có phí, lệ phí',
			'hồ sơ có phí chưa thanh toán trực tuyến'
		)
	);
	const digitised = indicator(
		'digitised',
		'Hồ sơ được số hóa ÷ hồ sơ có ghi thông tin số hóa',
		r.digitised,
		shareBuilt(
			digitisation && { part: digitisation.digitised, whole: digitisation.known },
			'Hồ sơ được số hóa',
			'Hồ sơ có ghi thông tin số hóa',
			'hồ sơ chưa số hóa'
		)
	);

	const indicators = [onTime, handling, paid, digitised];
	const counted = indicators.filter((i) => i.points !== null);
	return {
		rules: { version: rules.version, source: rules.source },
		indicators,
		notEstimated: NOT_ESTIMATED,
		points: counted.reduce((n, i) => n + (i.points ?? 0), 0),
		max: counted.reduce((n, i) => n + i.max, 0)
	};
}
