// Figures typed by hand for a source with no export: one ThroughputRow per field for a period, replaced whole on
// each save. Broken identities are shown before saving; saving anyway needs a confirmation of those very figures.
import { createHash } from 'node:crypto';
import { checkManualEntry, type ManualProblem, type ManualRow } from '$lib/domain/manual-figures';
import type { ThroughputRow } from '$lib/domain/throughput';
import { throughputRowSchema, type ManualEntry } from '$lib/schemas/dossiers';
import { db } from '../db';
import { recount } from './recount';
import { log } from '../log';

/** Replaces the source's figures for exactly [from, to] in one transaction (creating the source if new). */
export async function saveManualFigures(
	centerId: string,
	source: string,
	from: string,
	to: string,
	rows: readonly ManualRow[],
	enteredBy: string | null = null
): Promise<void> {
	// The schema again: what is stored must read back as a whole ThroughputRow, whoever calls this.
	const figures = rows.map((r) => ({
		field: r.field.normalize('NFC'),
		row: throughputRowSchema.parse(r.row)
	}));
	await (
		await db()
	).transaction(async (tx) => {
		await tx.query(
			`INSERT INTO dossier_sources (center_id, name) VALUES ($1, $2) ON CONFLICT (center_id, name) DO NOTHING`,
			[centerId, source]
		);
		await tx.query(
			`DELETE FROM manual_figures WHERE center_id = $1 AND source = $2 AND period_from = $3::date AND period_to = $4::date`,
			[centerId, source, from, to]
		);
		if (figures.length === 0) return;
		await tx.query(
			`INSERT INTO manual_figures (center_id, source, period_from, period_to, field, figures, entered_by)
			 SELECT $1, $2, $3::date, $4::date, x.field, x.row, $5 FROM json_to_recordset($6::json) AS x(field text, row jsonb)`,
			[centerId, source, from, to, enteredBy, JSON.stringify(figures)]
		);
	});
	await recount(centerId);
}

export interface StoredFigures {
	source: string;
	field: string;
	row: ThroughputRow;
	enteredBy: string | null;
	enteredAt: string;
}

/** The figures whose period is exactly [from, to], by source then field. */
export async function listManualFigures(
	centerId: string,
	from: string,
	to: string
): Promise<StoredFigures[]> {
	return storedFigures([centerId], from, to);
}

/** The figures of these centers whose period is exactly [from, to], by source then field (centers mixed). */
async function storedFigures(
	centerIds: string[],
	from: string,
	to: string
): Promise<(StoredFigures & { centerId: string })[]> {
	const rows = await (
		await db()
	).query<{
		center_id: string;
		source: string;
		field: string;
		figures: ThroughputRow;
		entered_by: string | null;
		entered_at: Date | string;
	}>(
		`SELECT center_id, source, field, figures, entered_by, entered_at FROM manual_figures
		 WHERE center_id = ANY($1::text[]) AND period_from = $2::date AND period_to = $3::date`,
		[centerIds, from, to]
	);
	const collator = new Intl.Collator('vi');
	return rows
		.map((r) => ({
			centerId: r.center_id,
			source: r.source,
			field: r.field,
			row: r.figures,
			enteredBy: r.entered_by,
			enteredAt: new Date(r.entered_at).toISOString()
		}))
		.sort((a, b) => collator.compare(a.source, b.source) || collator.compare(a.field, b.field));
}

/** What the report builder adds to the throughput tables of these centers for [from, to]. */
export async function manualRows(
	centerIds: string[],
	from: string,
	to: string
): Promise<{ centerId: string; source: string; field: string; row: ThroughputRow }[]> {
	return (await storedFigures(centerIds, from, to)).map(({ centerId, source, field, row }) => ({
		centerId,
		source,
		field,
		row
	}));
}

export interface ManualEntrySummary {
	source: string;
	from: string;
	to: string;
	fields: number;
	received: number;
	enteredAt: string;
}

/** Every saved entry (source and period), newest period first. */
export async function manualEntries(centerId: string): Promise<ManualEntrySummary[]> {
	const rows = await (
		await db()
	).query<{
		source: string;
		from: string;
		to: string;
		fields: number;
		received: number;
		entered_at: Date | string;
	}>(
		`SELECT source, period_from AS "from", period_to AS "to", count(*)::int AS fields,
			sum((figures -> 'received' ->> 'total')::int)::int AS received, max(entered_at) AS entered_at
		 FROM manual_figures WHERE center_id = $1
		 GROUP BY source, period_from, period_to ORDER BY period_to DESC, period_from DESC, source`,
		[centerId]
	);
	return rows.map((r) => ({ ...r, enteredAt: new Date(r.entered_at).toISOString() }));
}

/** One saved entry's field rows, to edit them. */
export async function manualEntry(
	centerId: string,
	source: string,
	from: string,
	to: string
): Promise<ManualRow[]> {
	return (await listManualFigures(centerId, from, to))
		.filter((r) => r.source === source)
		.map(({ field, row }) => ({ field, row }));
}

export type ManualOutcome =
	| { ok: true; problems: ManualProblem[]; fields: number }
	| { ok: false; problems: ManualProblem[]; checked: string; refusal: string | null };

/** Dossiers of the source imported from files that the period's table counts (the report's own rule). */
async function importedInPeriod(
	centerId: string,
	source: string,
	from: string,
	to: string
): Promise<number> {
	const [row] = await (
		await db()
	).query<{ n: number }>(
		`SELECT count(*)::int AS n FROM dossiers WHERE center_id = $1 AND source = $2 AND received_on <= $4::date
		 AND (received_on >= $3::date OR finished_on IS NULL OR finished_on >= $3::date)`,
		[centerId, source, from, to]
	);
	return row?.n ?? 0;
}

/** The fingerprint of the figures a person saw the problems of: a confirmation holds for these only. */
function fingerprint(entry: ManualEntry): string {
	const { source, from, to, rows, total } = entry;
	return createHash('sha256')
		.update(JSON.stringify({ source, from, to, rows, total }))
		.digest('hex');
}

/**
 * Checks an entry and saves it when every identity holds, or when the person confirmed saving these same figures
 * with their problems (a report copied from another agency cannot always be corrected). The typed total row is only
 * checked, never stored: the report adds up the field rows itself.
 */
export async function submitManualEntry(
	centerId: string,
	entry: ManualEntry,
	userId: string | null
): Promise<ManualOutcome> {
	const problems = checkManualEntry(entry.rows, entry.total);
	const checked = fingerprint(entry);
	const imported = await importedInPeriod(centerId, entry.source, entry.from, entry.to);
	if (imported > 0) {
		const refusal = `Nguồn “${entry.source}” đã có ${imported} hồ sơ nhập từ tệp trong kỳ này: nhập tay nữa thì báo cáo tính hai lần. Hãy chọn nguồn khác.`;
		return { ok: false, problems, checked, refusal };
	}
	if (problems.length > 0 && !(entry.confirm && entry.checked === checked))
		return { ok: false, problems, checked, refusal: null };
	await saveManualFigures(centerId, entry.source, entry.from, entry.to, entry.rows, userId);
	log.info('manual_figures_saved', {
		center: centerId,
		source: entry.source,
		from: entry.from,
		to: entry.to,
		fields: entry.rows.length,
		problems: problems.length
	});
	return { ok: true, problems, fields: entry.rows.length };
}
