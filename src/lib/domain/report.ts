// The report for a period [from, to]: what the server computes once and every view prints (the page, the print view,
// DOCX, XLSX, CSV, the JSON API, the CLI), so the same numbers appear everywhere. PRODUCT.md, "The report for a
// period", gives its semantics and the JSON names of the throughput columns.
import type { IndexEstimate } from './service-index';
import type { RatingLevel, Reason } from '$lib/schemas/sync';
import type { Level } from '$lib/schemas/procedure';
import type { Period } from './periods';
import type { ThroughputRow } from './throughput';

export type { ThroughputRow };

export interface ThroughputPart {
	/** Per field, in Vietnamese alphabetical order: dossier records and figures typed by hand, added together. */
	rows: (ThroughputRow & { field: string })[];
	total: ThroughputRow;
	/** Each column of the total as a percent of received (3); 0 when nothing was received. */
	rate: ThroughputRow;
	/** Where the figures came from: each source's total row ('records' imported, or 'manual' figures typed in). */
	sources: { name: string; kind: 'records' | 'manual'; total: ThroughputRow }[];
	/** Online payment among finished dossiers with a fee, where the data says so; null when no dossier does. */
	payment: { withFee: number; paidOnline: number; rate: number } | null;
	/** Digitised dossiers among those received, where the data says so; null when no dossier does. */
	digitisation: { known: number; digitised: number; rate: number } | null;
}

export interface SatisfactionGroup {
	/** The field or the counter; '' for ratings without one (shown as "Chưa xác định"). */
	name: string;
	counted: number;
	satisfied: number;
	/** satisfied ÷ counted in percent; null when nothing was counted. */
	rate: number | null;
	target: number;
	/** null when nothing was counted (no rate to hold against the target). */
	met: boolean | null;
}

export interface SatisfactionPart {
	scale: 3 | 4 | 5;
	satisfiedLevels: RatingLevel[];
	/** Ratings counted: flagged ones are excluded here and shown in `flagged`. */
	counted: number;
	satisfied: number;
	rate: number | null;
	target: number;
	met: boolean | null;
	/** Every level of the scale, best first, with its count and share of `counted` (percent). */
	levels: { level: RatingLevel; label: string; count: number; share: number }[];
	byField: SatisfactionGroup[];
	byCounter: SatisfactionGroup[];
	/** Fields with counted ratings whose rate is under their target. */
	belowTarget: string[];
	/** Reasons given by counted dissatisfied ratings, most often first. */
	reasons: { reason: Reason; label: string; count: number }[];
	/** Comments of counted ratings, newest first (at most 200). */
	comments: { at: string; level: RatingLevel; field: string; counter: string; text: string }[];
	flagged: { total: number; tooSoon: number; repeatTicket: number; repeatDossier: number };
	/** Ratings of the period (counted or flagged) that reached the server after its monthly report was due. */
	late: number;
}

export interface PublicityPart {
	/** Procedures posted (not abolished) now, per implementing level, and in all. */
	posted: { total: number; byLevel: { level: Level; label: string; count: number }[] };
	qrScans: number;
	procedureViews: number;
	catalogueViews: number;
	/** The most looked-up procedures in the period: scans + views, at most 10. */
	top: { code: string; name: string; scans: number; views: number }[];
}

/** A broken identity, or a note about the data, shown with the report. */
export interface Check {
	/** 'throughput' for a row's identity, 'manual' for figures typed by hand, 'data' for a note about the records. */
	scope: 'throughput' | 'manual' | 'data';
	field?: string;
	source?: string;
	identity: string;
	left?: number;
	right?: number;
	message: string;
}

export interface PeriodSummary {
	from: string;
	to: string;
	label: string;
	received: number;
	resolved: number;
	resolvedOnTime: number;
	pending: number;
	counted: number;
	satisfactionRate: number | null;
	qrScans: number;
}

/** The issuer and what makes the report an official document (Nghị định 30/2020/NĐ-CP), as every format prints it. */
export interface ReportCenter {
	id: string;
	name: string;
	governingBody: string;
	placeName: string;
	/** "BC-TTPVHCC", printed "Số:      /BC-TTPVHCC" (the number is written in when the report is registered). */
	reportSymbol: string;
	/** Nơi nhận, one recipient a line, without the "- " and the ";" the document adds. */
	recipients: string[];
	/** The signer's title, a line each ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), as typed; printed in capitals. */
	signerTitle: string[];
	signerName: string;
}

export interface Report {
	/** The issuer: the center's name under its governing body; the place name heads the report's date line. */
	center: ReportCenter;
	period: Pick<Period, 'kind' | 'style' | 'from' | 'to' | 'label'>;
	generatedAt: string;
	throughput: ThroughputPart;
	satisfaction: SatisfactionPart;
	publicity: PublicityPart;
	checks: Check[];
	/** The period before, for comparison (the same kind of period, or as many days just before a custom one). */
	previous: PeriodSummary;
	/** The same summary of this period, beside `previous`. */
	current: PeriodSummary;
	/** The service-index estimate, where the center prints it in its report (a setting); null otherwise. */
	index: IndexEstimate | null;
}
