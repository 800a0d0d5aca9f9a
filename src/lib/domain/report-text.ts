// The report's prose, in the seed reports' words and number style, from a Report: one function per part, each
// returning { title, paragraphs }, so the admin page, the print view and the DOCX print the same sentences.
// Bullets follow the seeds: '- ' for a point, '+ ' for a detail of the point above.
import {
	formatCount,
	formatDate,
	formatDecimal,
	formatDocumentDate,
	formatInstant,
	formatInt,
	formatPercent
} from './numbers';
import { localDate } from './vn-time';
import type { PeriodSummary, Report, SatisfactionGroup, ThroughputRow } from './report';

export interface ReportSection {
	id: 'throughput' | 'satisfaction' | 'publicity' | 'comparison' | 'index' | 'checks';
	title: string;
	paragraphs: string[];
}

export interface ReportHeading {
	/** The body the center answers to, printed above it ("UBND phường An Phú"); may be empty. */
	governingBody: string;
	/** The center, as the report's issuer. */
	organisation: string;
	/** "Số:        /BC-TTPVHCC": the number is left blank for the clerk who registers the signed report. */
	number: string;
	/** "An Phú, ngày 15 tháng 6 năm 2026": where and on which local day the report was made. */
	dateLine: string;
	title: string;
	/** What the report is about, with the period's name ("… 6 tháng đầu năm 2026"). */
	subject: string;
	/** "Số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026". */
	period: string;
	/** When the figures were computed. */
	generated: string;
}

/** Where a group (field, counter) has no name. */
export const UNNAMED = 'Chưa xác định';

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const listWords = (words: string[]) =>
	words.length < 2
		? words.join('')
		: `${words.slice(0, -1).join(', ')} và ${words[words.length - 1]}`;
const dates = (from: string, to: string) =>
	`từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;

/** Room to write the number in by hand ("Số:   15/BC-…"): spaces every format keeps (Word with xml:space, HTML with pre). */
export const NUMBER_BLANK = ' '.repeat(8);

/** The end of the document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the closing sentence, Nơi nhận, the signer. */
export interface ReportClosing {
	/** "Trên đây là báo cáo … ./.": the seeds' last sentence, with the mark that ends an official text. */
	summary: string;
	/** "- Như trên;" … "- Lưu: VT." as printed: a dash before each, ";" after each but the last, which takes ".". */
	recipients: string[];
	/** The signer's title in capitals, a line each ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). */
	signerTitle: string[];
	signerName: string;
}

export function reportClosing(report: Report): ReportClosing {
	const { name, recipients, signerTitle, signerName } = report.center;
	const last = recipients.length - 1;
	return {
		summary: `Trên đây là báo cáo ${lowerFirst(reportHeading(report).subject)} của ${name}./.`,
		recipients: recipients.map((r, i) => `- ${r}${i === last ? '.' : ';'}`),
		signerTitle: signerTitle.map((t) => t.toLocaleUpperCase('vi')),
		signerName
	};
}

export function reportHeading(report: Report): ReportHeading {
	const { period } = report;
	const subject =
		'Kết quả tiếp nhận, giải quyết thủ tục hành chính, mức độ hài lòng và công khai thủ tục hành chính';
	const day = formatDocumentDate(localDate(new Date(report.generatedAt)));
	const place = report.center.placeName;
	return {
		governingBody: report.center.governingBody,
		organisation: report.center.name,
		number: `Số:${NUMBER_BLANK}/${report.center.reportSymbol}`,
		dateLine: place ? `${place}, ${day}` : upperFirst(day),
		title: 'BÁO CÁO',
		// A custom period's label is its dates, which the next line already gives.
		subject: period.kind === 'custom' ? subject : `${subject} ${lowerFirst(period.label)}`,
		period: `Số liệu tính ${dates(period.from, period.to)}`,
		generated: `Số liệu tổng hợp tự động lúc ${formatInstant(report.generatedAt)}.`
	};
}

/** "6.498 hồ sơ (98,5%)": a count in prose with its share of received (3). */
const counted = (n: number, share: number) => `${formatCount(n)} hồ sơ (${formatPercent(share)})`;

/** "Đất đai (01 hồ sơ); Hộ tịch (02 hồ sơ)": the fields where `count` is not zero. */
function fieldsWith(
	rows: Report['throughput']['rows'],
	count: (row: ThroughputRow) => number
): string {
	return rows
		.filter((row) => count(row) > 0)
		.map((row) => `${row.field || UNNAMED} (${formatCount(count(row))} hồ sơ)`)
		.join('; ');
}

export function throughputText(report: Report): ReportSection {
	const { rows, total, rate, payment, digitisation, sources } = report.throughput;
	const { received: r, resolved: s, pending: p } = total;
	const title = 'Kết quả tiếp nhận và giải quyết thủ tục hành chính';
	if (r.total === 0)
		return {
			id: 'throughput',
			title,
			paragraphs: ['- Trong kỳ không có hồ sơ tiếp nhận hoặc chuyển sang.']
		};

	const inPeriod = r.online + r.direct;
	const paragraphs = [
		`- Tổng số hồ sơ tiếp nhận là ${formatInt(r.total)} hồ sơ, trong đó: tiếp nhận trong kỳ ${formatCount(inPeriod)}; kỳ trước chuyển sang ${formatCount(r.carriedOver)} hồ sơ.`,
		inPeriod === 0
			? '+ Trong kỳ không tiếp nhận hồ sơ mới.'
			: `+ Tiếp nhận trực tuyến ${formatCount(r.online)} hồ sơ; trực tiếp, qua dịch vụ bưu chính ${formatCount(r.direct)} hồ sơ; ` +
				`tỷ lệ tiếp nhận trực tuyến đạt ${formatPercent((100 * r.online) / inPeriod)} (${formatInt(r.online)}/${formatInt(inPeriod)} hồ sơ tiếp nhận trong kỳ).`,
		`- Đã giải quyết ${formatCount(s.total)} hồ sơ (tỷ lệ ${formatPercent(rate.resolved.total)}), trong đó: ` +
			`trước hạn ${counted(s.early, rate.resolved.early)}; đúng hạn ${counted(s.onTime, rate.resolved.onTime)}; ` +
			`quá hạn ${counted(s.late, rate.resolved.late)}; từ chối giải quyết ${counted(s.rejected, rate.resolved.rejected)}; ` +
			`rút ${counted(s.withdrawn, rate.resolved.withdrawn)}.`
	];
	// The share that matters for on-time work leaves out refusals and withdrawals, which have no deadline to keep.
	const judged = s.early + s.onTime + s.late;
	if (judged > 0)
		paragraphs.push(
			`+ Tỷ lệ giải quyết trước hạn, đúng hạn đạt ${formatPercent((100 * (s.early + s.onTime)) / judged)} ` +
				`(${formatInt(s.early + s.onTime)}/${formatInt(judged)} hồ sơ, không tính hồ sơ từ chối và rút).`
		);
	const late = fieldsWith(rows, (row) => row.resolved.late);
	if (late) paragraphs.push(`+ Hồ sơ giải quyết quá hạn thuộc lĩnh vực: ${late}.`);
	paragraphs.push(
		`- Đang giải quyết ${formatCount(p.total)} hồ sơ (tỷ lệ ${formatPercent(rate.pending.total)}), trong đó: ` +
			`trong hạn ${counted(p.onTime, rate.pending.onTime)}; quá hạn ${counted(p.overdue, rate.pending.overdue)}; ` +
			`yêu cầu bổ sung ${counted(p.supplement, rate.pending.supplement)}.`
	);
	const overdue = fieldsWith(rows, (row) => row.pending.overdue);
	if (overdue) paragraphs.push(`+ Hồ sơ đang giải quyết quá hạn thuộc lĩnh vực: ${overdue}.`);
	if (payment && payment.withFee > 0)
		paragraphs.push(
			`- Tỷ lệ thanh toán phí, lệ phí trực tuyến đạt ${formatPercent(payment.rate)} (${formatInt(payment.paidOnline)}/${formatInt(payment.withFee)} hồ sơ có phí, lệ phí).`
		);
	if (digitisation && digitisation.known > 0)
		paragraphs.push(
			`- Tỷ lệ số hóa hồ sơ đạt ${formatPercent(digitisation.rate)} (${formatInt(digitisation.digitised)}/${formatInt(digitisation.known)} hồ sơ).`
		);
	if (sources.length)
		paragraphs.push(
			`- Số liệu tổng hợp từ: ${sources
				.map(
					(src) =>
						`${src.kind === 'manual' ? 'số liệu nhập tay' : 'dữ liệu hồ sơ'} của ${src.name} (${formatCount(src.total.received.total)} hồ sơ tiếp nhận)`
				)
				.join('; ')}.`
		);
	if (rows.length) paragraphs.push('(Có bảng kết quả từng lĩnh vực cụ thể kèm theo)');
	return { id: 'throughput', title, paragraphs };
}

/** A rate beside its target: 94,96% would print '95%' and read as met, so a near miss keeps two decimals. */
function rateBeside(rate: number, target: number): string {
	const text = formatPercent(rate);
	return text === formatPercent(target) && rate !== target ? `${formatDecimal(rate, 2)}%` : text;
}

/** "Đất đai 85,7% (chỉ tiêu 90%)". */
const groupRate = (g: SatisfactionGroup) =>
	`${g.name || UNNAMED} ${g.rate === null ? '—' : rateBeside(g.rate, g.target)} (chỉ tiêu ${formatPercent(g.target)})`;

export function satisfactionText(report: Report): ReportSection {
	const s = report.satisfaction;
	const title = 'Mức độ hài lòng của người dân, doanh nghiệp';
	const paragraphs: string[] = [];
	if (s.counted === 0 || s.rate === null)
		paragraphs.push('- Trong kỳ chưa có lượt đánh giá mức độ hài lòng nào được tính.');
	else {
		const levels = s.levels.map(
			(l) => `${l.label} ${formatCount(l.count)} lượt (${formatPercent(l.share)})`
		);
		paragraphs.push(
			`- Trong kỳ ghi nhận ${formatCount(s.counted)} lượt đánh giá mức độ hài lòng, trong đó: ${levels.join('; ')}.`
		);
		const satisfiedWords = s.levels
			.filter((l) => s.satisfiedLevels.includes(l.level))
			.map((l) => l.label.toLocaleLowerCase('vi'));
		paragraphs.push(
			`- Tỷ lệ hài lòng (mức ${listWords(satisfiedWords)}) đạt ${rateBeside(s.rate, s.target)} (${formatInt(s.satisfied)}/${formatInt(s.counted)} lượt), ` +
				`${s.met ? 'đạt' : 'chưa đạt'} chỉ tiêu ${formatPercent(s.target)}.`
		);
		const below = s.byField.filter((g) => s.belowTarget.includes(g.name));
		if (below.length)
			paragraphs.push(`+ Lĩnh vực chưa đạt chỉ tiêu: ${below.map(groupRate).join('; ')}.`);
		else if (s.byField.some((g) => g.counted > 0))
			paragraphs.push('+ Tất cả các lĩnh vực có đánh giá đều đạt chỉ tiêu.');
		const counters = s.byCounter.filter((g) => g.met === false);
		if (counters.length)
			paragraphs.push(`+ Quầy chưa đạt chỉ tiêu: ${counters.map(groupRate).join('; ')}.`);
		if (s.reasons.length)
			paragraphs.push(
				`- Lý do không hài lòng, theo số lượt nêu: ${s.reasons.map((r) => `${r.label} ${formatCount(r.count)} lượt`).join('; ')}.`
			);
	}
	const f = s.flagged;
	if (f.total > 0) {
		const why = [
			[f.tooSoon, 'gửi quá sát lượt trước trên cùng thiết bị'],
			[f.repeatTicket, 'trùng số phiếu'],
			[f.repeatDossier, 'trùng mã hồ sơ']
		] as const;
		const parts = why.filter(([n]) => n > 0).map(([n, words]) => `${formatCount(n)} lượt ${words}`);
		paragraphs.push(
			`- Ngoài ra, ${formatCount(f.total)} lượt đánh giá bị đánh dấu nghi trùng lặp, không tính vào kết quả: ${parts.join('; ')}.`
		);
	}
	if (s.late > 0)
		paragraphs.push(
			`- Có ${formatCount(s.late)} lượt đánh giá của kỳ này được thiết bị gửi đến sau hạn báo cáo tháng (kỳ có thể đã được báo cáo trước khi nhận).`
		);
	return { id: 'satisfaction', title, paragraphs };
}

export function publicityText(report: Report): ReportSection {
	const u = report.publicity;
	const levels = u.posted.byLevel
		.filter((l) => l.count > 0)
		.map((l) => `${lowerFirst(l.label)} ${formatCount(l.count)} thủ tục`);
	const paragraphs = [
		u.posted.total === 0
			? '- Chưa có thủ tục hành chính nào được niêm yết.'
			: `- Công khai, niêm yết ${formatCount(u.posted.total)} thủ tục hành chính${levels.length ? `, trong đó: ${levels.join('; ')}` : ''}.`,
		`- Trong kỳ có ${formatCount(u.qrScans)} lượt quét mã QR, ${formatCount(u.procedureViews)} lượt xem thủ tục và ${formatCount(u.catalogueViews)} lượt mở danh mục thủ tục.`
	];
	if (u.top.length)
		paragraphs.push(
			`- Các thủ tục được tra cứu nhiều nhất: ${u.top
				.slice(0, 5)
				.map((t) => `${t.name} (${formatCount(t.scans + t.views)} lượt)`)
				.join('; ')}.`
		);
	return { id: 'publicity', title: 'Công khai, niêm yết thủ tục hành chính', paragraphs };
}

/** "6.600 hồ sơ, tăng 120 hồ sơ (1,9%) so với kỳ trước (6.480 hồ sơ)". */
function countChange(now: number, before: number, unit: string): string {
	const diff = now - before;
	if (diff === 0) return `${formatCount(now)} ${unit}, không đổi so với kỳ trước`;
	const relative = before > 0 ? ` (${formatDecimal((100 * Math.abs(diff)) / before, 1)}%)` : '';
	return `${formatCount(now)} ${unit}, ${diff > 0 ? 'tăng' : 'giảm'} ${formatCount(Math.abs(diff))} ${unit}${relative} so với kỳ trước (${formatCount(before)} ${unit})`;
}

/** A rate's change in percentage points. */
function rateChange(now: number | null, before: number | null): string {
	if (now === null)
		return before === null
			? 'cả hai kỳ đều chưa có đánh giá'
			: `kỳ này chưa có đánh giá (kỳ trước ${formatPercent(before)})`;
	if (before === null) return `${formatPercent(now)} (kỳ trước chưa có đánh giá)`;
	const points = formatDecimal(Math.abs(now - before), 1);
	if (points === '0') return `${formatPercent(now)}, không đổi so với kỳ trước`;
	return `${formatPercent(now)}, ${now > before ? 'tăng' : 'giảm'} ${points} điểm phần trăm so với kỳ trước (${formatPercent(before)})`;
}

export function comparisonText(report: Report): ReportSection {
	const now: PeriodSummary = report.current;
	const before: PeriodSummary = report.previous;
	// The period before a custom one is custom too, and its label is its dates (written another way): the dates alone
	// say it.
	const span = dates(before.from, before.to);
	const which = report.period.kind === 'custom' ? span : `${before.label}, ${span}`;
	return {
		id: 'comparison',
		title: 'So sánh với kỳ trước',
		paragraphs: [
			`- Kỳ trước: ${which}.`,
			`+ Hồ sơ tiếp nhận: ${countChange(now.received, before.received, 'hồ sơ')}.`,
			`+ Hồ sơ đã giải quyết: ${countChange(now.resolved, before.resolved, 'hồ sơ')}.`,
			`+ Hồ sơ giải quyết trước hạn, đúng hạn: ${countChange(now.resolvedOnTime, before.resolvedOnTime, 'hồ sơ')}.`,
			`+ Hồ sơ đang giải quyết: ${countChange(now.pending, before.pending, 'hồ sơ')}.`,
			`+ Lượt đánh giá được tính: ${countChange(now.counted, before.counted, 'lượt')}.`,
			`+ Tỷ lệ hài lòng: ${rateChange(now.satisfactionRate, before.satisfactionRate)}.`,
			`+ Lượt quét mã QR: ${countChange(now.qrScans, before.qrScans, 'lượt')}.`
		]
	};
}

/** The service-index estimate, where the center prints it: said to be an estimate, each indicator, what is not estimated. */
export function indexText(report: Report): ReportSection | null {
	const index = report.index;
	if (!index) return null;
	const points = (n: number) => formatDecimal(n, 2);
	return {
		id: 'index',
		title: 'Ước tính Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)',
		paragraphs: [
			'- Phần này là ước tính từ hồ sơ và đánh giá trung tâm đã ghi, không phải điểm chính thức; điểm chính thức do Cổng Dịch vụ công quốc gia tính.',
			index.max === 0
				? '- Kỳ này chưa có hồ sơ nào để ước tính.'
				: `- Các chỉ số ước tính được: ${points(index.points)}/${formatInt(index.max)} điểm.`,
			...index.indicators.map((i) => {
				const got =
					i.points === null ? 'chưa có số liệu' : `${points(i.points)}/${formatInt(i.max)} điểm`;
				const share = i.share === null ? '' : ` (tỷ lệ ${formatPercent(i.share)})`;
				return `+ ${i.name}: ${got}${share}${i.atStake ? `; ${i.atStake}` : ''}.`;
			}),
			`- Chưa ước tính được (${formatInt(index.notEstimated.reduce((n, x) => n + (x.max ?? 0), 0))} điểm): ${index.notEstimated.map((n) => n.name.toLocaleLowerCase('vi')).join('; ')}.`,
			`- Trọng số theo: ${index.rules.source}.`
		]
	};
}

/** Broken identities and notes about the data; null when there are none. */
export function checksText(report: Pick<Report, 'checks'>): ReportSection | null {
	if (report.checks.length === 0) return null;
	const where = (c: Report['checks'][number]) => [c.source, c.field].filter(Boolean).join(', ');
	return {
		id: 'checks',
		title: 'Lưu ý về số liệu',
		paragraphs: report.checks.map((c) => `- ${where(c) ? `${where(c)}: ` : ''}${c.message}`)
	};
}

/** Every part in the order the report prints them; the notes on the data only when there are any. */
export function reportSections(report: Report): ReportSection[] {
	const checks = checksText(report);
	const index = indexText(report);
	return [
		throughputText(report),
		satisfactionText(report),
		publicityText(report),
		comparisonText(report),
		...(index ? [index] : []),
		...(checks ? [checks] : [])
	];
}
