// Dossier data for the throughput report: the sources it comes from (each with the column mapping its files need),
// file imports (validated whole, then upserted by source and code in one transaction), and figures typed by hand.
import {
	DEFAULT_SOURCE,
	describeFileError,
	duplicateHeaders,
	missingMessage,
	parseDossiers,
	resolveColumns,
	type ColumnMapping,
	type DossierColumn,
	type DossierInput
} from '$lib/domain/dossier-file';
import { identifier } from '$lib/domain/text';
import { controlMessage, hasControlCharacters } from '$lib/schemas/text';
import { db, type Queryable } from '../db';
import { readTable, UnreadableFileError } from '../files/table';
import { recount } from './recount';

export { DEFAULT_SOURCE };
export {
	saveManualFigures,
	listManualFigures,
	manualRows,
	manualEntries,
	manualEntry,
	submitManualEntry
} from './manual';

export interface Counts {
	added: number;
	updated: number;
	unchanged: number;
}

export type ImportOutcome =
	| {
			ok: true;
			applied: boolean;
			/** The source chosen for the file (rows with their own `nguon` may add others). */
			source: string;
			mapping: ColumnMapping;
			/** Headers of the file no column uses. */
			unused: string[];
			headers: string[];
			/** Data rows read from the file (blank rows left out): every one is a dossier, or the file is refused. */
			rows: number;
			counts: Counts;
			bySource: ({ source: string } & Counts)[];
	  }
	| {
			ok: false;
			/** 'mapping': required columns not found, the mapping step fixes it; 'rows': errors by row and column. */
			kind: 'unreadable' | 'mapping' | 'rows';
			errors: string[];
			headers: string[];
			mapping: ColumnMapping;
			missing: DossierColumn[];
	  };

export interface ImportOptions {
	source?: string;
	/** The mapping chosen in the mapping step; without it, the source's remembered one. */
	mapping?: ColumnMapping | null;
	dryRun?: boolean;
}

/** Reads and checks a file, counts what it adds and updates per source, and writes it unless dryRun. A bad file writes nothing. */
export async function importFile(
	centerId: string,
	data: Uint8Array,
	filename: string,
	options: ImportOptions = {}
): Promise<ImportOutcome> {
	const source = options.source ?? DEFAULT_SOURCE;
	if (hasControlCharacters(source))
		return {
			ok: false,
			kind: 'unreadable',
			errors: [controlMessage('Tên nguồn dữ liệu')],
			headers: [],
			mapping: {},
			missing: []
		};
	const database = await db();
	let table;
	try {
		table = await readTable(data, filename);
	} catch (e) {
		if (e instanceof UnreadableFileError)
			return {
				ok: false,
				kind: 'unreadable',
				errors: [e.message],
				headers: [],
				mapping: {},
				missing: []
			};
		throw e;
	}
	const unit = table.format === 'json' ? 'mục' : 'dòng';
	if (table.errors.length > 0) {
		// Before the mapping step: a header with a control character must not become a choice of it.
		const errors = table.errors.map((e) =>
			describeFileError({ line: e.line, header: e.column, message: e.message }, unit)
		);
		return { ok: false, kind: 'rows', errors, headers: [], mapping: {}, missing: [] };
	}
	const chosen = options.mapping ?? (await mappingOf(centerId, source));
	const { mapping, missing, unused } = resolveColumns(table.headers, chosen);
	const headers = table.headers.filter((h) => h !== '');
	const twice = duplicateHeaders(chosen);
	if (twice.length > 0)
		return { ok: false, kind: 'mapping', errors: twice, headers, mapping: chosen, missing };
	if (missing.length > 0)
		return {
			ok: false,
			kind: 'mapping',
			errors: [missingMessage(missing)],
			headers,
			mapping,
			missing
		};

	const catalogue = await database.query<{ code: string; field: string }>(
		'SELECT code, field FROM procedures WHERE center_id = $1 AND abolished_at IS NULL',
		[centerId]
	);
	const fieldByCode = new Map(catalogue.map((p) => [identifier(p.code), p.field]));
	const parsed = parseDossiers(table.rows, {
		mapping,
		source,
		fieldOf: (code) => fieldByCode.get(code),
		knownFields: [...new Set(fieldByCode.values())],
		unit
	});
	if (!parsed.ok)
		return {
			ok: false,
			kind: 'rows',
			errors: parsed.errors.map((e) => describeFileError(e, unit)),
			headers,
			mapping,
			missing: []
		};

	const dossiers = parsed.dossiers;
	// Every row read is a dossier or an error: a file is never imported short.
	if (dossiers.length !== table.rows.length)
		throw new Error(`read ${table.rows.length} rows but parsed ${dossiers.length} dossiers`);
	const perSource = options.dryRun
		? await countChanges(database, centerId, dossiers)
		: await database.transaction(async (tx) => {
				// One import at a time per center: counts and upserts of two imports must not interleave.
				await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
				const names = [...new Set([source, ...dossiers.map((d) => d.source)])];
				await tx.query(
					`INSERT INTO dossier_sources (center_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT (center_id, name) DO NOTHING`,
					[centerId, names]
				);
				// The mapping that read this file is remembered for its source; updated_at is each source's last import.
				await tx.query(
					`UPDATE dossier_sources SET updated_at = now(), mapping = CASE WHEN name = $3 THEN $4::jsonb ELSE mapping END
					WHERE center_id = $1 AND name = ANY($2::text[])`,
					[centerId, names, source, JSON.stringify(mapping)]
				);
				return upsert(tx, centerId, dossiers);
			});
	if (!options.dryRun) await recount(centerId);
	const bySource = [...perSource]
		.map(([name, c]) => ({ source: name, ...c }))
		.sort((a, b) => a.source.localeCompare(b.source, 'vi'));
	const counts = bySource.reduce(
		(t, c) => ({
			added: t.added + c.added,
			updated: t.updated + c.updated,
			unchanged: t.unchanged + c.unchanged
		}),
		{
			added: 0,
			updated: 0,
			unchanged: 0
		}
	);
	return {
		ok: true,
		applied: !options.dryRun,
		source,
		mapping,
		unused,
		headers,
		rows: table.rows.length,
		counts,
		bySource
	};
}

const CHUNK = 5000;
/** The rows travel as one JSON parameter per chunk, short keys keeping it small. */
const RECORDSET = `json_to_recordset($2::json) AS x(s text, c text, p text, f text, ch text, r date, due date, fin date, st text, fee boolean, paid boolean, dig boolean)`;
const STORED = `(procedure_code, field, channel, received_on, due_on, finished_on, status, has_fee, paid_online, digitized)`;

function chunkJson(dossiers: readonly DossierInput[], start: number): string {
	return JSON.stringify(
		dossiers.slice(start, start + CHUNK).map((d) => ({
			s: d.source,
			c: d.code,
			p: d.procedureCode,
			f: d.field,
			ch: d.channel,
			r: d.receivedOn,
			due: d.dueOn,
			fin: d.finishedOn,
			st: d.status,
			fee: d.hasFee,
			paid: d.paidOnline,
			dig: d.digitised
		}))
	);
}

type PerSource = Map<string, Counts>;

function tallyRows(dossiers: readonly DossierInput[]): PerSource {
	const out: PerSource = new Map();
	for (const d of dossiers) {
		const c = out.get(d.source) ?? { added: 0, updated: 0, unchanged: 0 };
		c.unchanged++;
		out.set(d.source, c);
	}
	return out;
}

/** Adds a chunk's added and updated counts; what is neither is unchanged. */
function account(out: PerSource, rows: { source: string; added: number; updated: number }[]): void {
	for (const r of rows) {
		const c = out.get(r.source);
		if (!c) continue;
		c.added += r.added;
		c.updated += r.updated;
		c.unchanged -= r.added + r.updated;
	}
}

async function upsert(
	tx: Queryable,
	centerId: string,
	dossiers: readonly DossierInput[]
): Promise<PerSource> {
	const out = tallyRows(dossiers);
	for (let i = 0; i < dossiers.length; i += CHUNK) {
		// An unchanged dossier is left alone (the WHERE), so it is neither returned nor counted; xmax = 0 marks an insert.
		const rows = await tx.query<{ source: string; added: number; updated: number }>(
			`WITH up AS (
				INSERT INTO dossiers (center_id, source, code, ${STORED.slice(1, -1)})
				SELECT $1, x.s, x.c, x.p, x.f, x.ch, x.r, x.due, x.fin, x.st, x.fee, x.paid, x.dig FROM ${RECORDSET}
				ON CONFLICT (center_id, source, code) DO UPDATE SET
					procedure_code = excluded.procedure_code, field = excluded.field, channel = excluded.channel,
					received_on = excluded.received_on, due_on = excluded.due_on, finished_on = excluded.finished_on,
					status = excluded.status, has_fee = excluded.has_fee, paid_online = excluded.paid_online,
					digitized = excluded.digitized, imported_at = now()
				WHERE (dossiers.procedure_code, dossiers.field, dossiers.channel, dossiers.received_on, dossiers.due_on,
					dossiers.finished_on, dossiers.status, dossiers.has_fee, dossiers.paid_online, dossiers.digitized)
					IS DISTINCT FROM (excluded.procedure_code, excluded.field, excluded.channel, excluded.received_on, excluded.due_on,
					excluded.finished_on, excluded.status, excluded.has_fee, excluded.paid_online, excluded.digitized)
				RETURNING source, (xmax = 0) AS inserted
			)
			SELECT source, count(*) FILTER (WHERE inserted)::int AS added, count(*) FILTER (WHERE NOT inserted)::int AS updated
			FROM up GROUP BY source`,
			[centerId, chunkJson(dossiers, i)]
		);
		account(out, rows);
	}
	return out;
}

/** What an import would do, without writing: the same comparison the upsert makes. */
async function countChanges(
	q: Queryable,
	centerId: string,
	dossiers: readonly DossierInput[]
): Promise<PerSource> {
	const out = tallyRows(dossiers);
	for (let i = 0; i < dossiers.length; i += CHUNK) {
		const rows = await q.query<{ source: string; added: number; updated: number }>(
			`SELECT x.s AS source, count(*) FILTER (WHERE d.code IS NULL)::int AS added,
				count(*) FILTER (WHERE d.code IS NOT NULL AND (d.procedure_code, d.field, d.channel, d.received_on, d.due_on,
					d.finished_on, d.status, d.has_fee, d.paid_online, d.digitized)
					IS DISTINCT FROM (x.p, x.f, x.ch, x.r, x.due, x.fin, x.st, x.fee, x.paid, x.dig))::int AS updated
			FROM ${RECORDSET}
			LEFT JOIN dossiers d ON d.center_id = $1 AND d.source = x.s AND d.code = x.c
			GROUP BY x.s`,
			[centerId, chunkJson(dossiers, i)]
		);
		account(out, rows);
	}
	return out;
}

/** The mapping remembered for a source; empty for a new one. */
export async function mappingOf(centerId: string, source: string): Promise<ColumnMapping> {
	const [row] = await (
		await db()
	).query<{ mapping: ColumnMapping | null }>(
		'SELECT mapping FROM dossier_sources WHERE center_id = $1 AND name = $2',
		[centerId, source]
	);
	return row?.mapping ?? {};
}

export interface SourceSummary {
	name: string;
	dossiers: number;
	/** First and last received date among its dossiers ('YYYY-MM-DD'), null when it has none. */
	firstReceived: string | null;
	lastReceived: string | null;
	/** When a file was last imported for it (ISO), null when never. */
	lastImport: string | null;
	/** How many periods of figures typed by hand it has. */
	manualPeriods: number;
	/** Its files' headers are remembered for some columns. */
	mapped: boolean;
}

/** Every source of the center with its dossier count, received date range and last import. */
export async function summary(centerId: string): Promise<SourceSummary[]> {
	const rows = await (
		await db()
	).query<{
		name: string;
		dossiers: number;
		first: string | null;
		last: string | null;
		updated_at: Date | string;
		manual_periods: number;
		mapping: ColumnMapping | null;
	}>(
		`SELECT s.name, s.updated_at, s.mapping, coalesce(d.n, 0)::int AS dossiers, d.first, d.last, coalesce(m.periods, 0)::int AS manual_periods
		FROM dossier_sources s
		LEFT JOIN (SELECT source, count(*) AS n, min(received_on) AS first, max(received_on) AS last
			FROM dossiers WHERE center_id = $1 GROUP BY source) d ON d.source = s.name
		LEFT JOIN (SELECT source, count(DISTINCT period_from::text || period_to::text) AS periods
			FROM manual_figures WHERE center_id = $1 GROUP BY source) m ON m.source = s.name
		WHERE s.center_id = $1`,
		[centerId]
	);
	return rows
		.map((r) => ({
			name: r.name,
			dossiers: r.dossiers,
			firstReceived: r.first,
			lastReceived: r.last,
			lastImport: r.dossiers > 0 ? new Date(r.updated_at).toISOString() : null,
			manualPeriods: r.manual_periods,
			mapped: Object.keys(r.mapping ?? {}).length > 0
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
