// The posted catalogue: imports (validated, diffed, applied atomically), the devices' copy, and lookups.
import { createHash } from 'node:crypto';
import type { Procedure, Catalogue, Popularity } from '$lib/schemas/procedure';
import { confirmsAbolish, diffCatalogue, needsAbolishConfirmation, type CatalogueDiff } from '$lib/domain/catalogue-diff';
import * as centers from '../center';
import { db, type Queryable } from '../db';
import { identifier } from '$lib/domain/text';
import { hasControlCharacters } from '$lib/schemas/text';
import { VOIDED } from '../devices/voids';
import { readTable, UnreadableFileError } from '../files/table';
import { validateCatalogue, describeError, type ForeignUrl } from './validate';

export type { ForeignUrl };

export type ImportOutcome =
	| {
			ok: true;
			applied: boolean;
			diff: CatalogueDiff;
			/** Data rows read from the file (blank rows left out): each one a procedure, or the file is refused. */
			rows: number;
			/** Rows whose address is not on the national portal, to be confirmed before they are applied. */
			foreign: ForeignUrl[];
	  }
	| { ok: false; errors: string[]; abolishUnconfirmed?: boolean };

export interface ImportOptions {
	dryRun?: boolean;
	/** The manager saw the rows whose address leads off the national portal and confirms them. */
	confirmHosts?: boolean;
	/**
	 * The number of procedures to abolish as the manager typed it: when given (the admin page always gives it), an
	 * import abolishing more than a tenth of the active catalogue is applied only if it is that number.
	 */
	abolishTyped?: string;
}

const COLUMNS = `code, name, field, levels, agency, channels, processing_time AS "processingTime", fee, url`;

export async function active(centerId: string, q?: Queryable): Promise<Procedure[]> {
	return (q ?? (await db())).query<Procedure>(
		`SELECT ${COLUMNS} FROM procedures WHERE center_id = $1 AND abolished_at IS NULL ORDER BY code`,
		[centerId]
	);
}

/** A posted procedure by its code, compared as an identifier (`1.000178` and full-width `１.０００１７８` are one). */
export async function find(centerId: string, code: string): Promise<Procedure | undefined> {
	// A code no procedure can have: a control character, or longer than any code (the schema allows 40).
	if (hasControlCharacters(code) || code.length > 200) return undefined;
	const rows = await (await db()).query<Procedure>(
		`SELECT ${COLUMNS} FROM procedures WHERE center_id = $1 AND code = $2 AND abolished_at IS NULL`,
		[centerId, identifier(code)]
	);
	return rows[0];
}

/**
 * Reads, validates and diffs a file; applies it unless dryRun. A bad file changes nothing, and neither does one with
 * addresses off the national portal unless `confirmHosts` (a phishing page must not reach the QR codes unseen).
 */
export async function importFile(
	centerId: string,
	data: Uint8Array,
	filename: string,
	{ dryRun = false, confirmHosts = false, abolishTyped }: ImportOptions = {}
): Promise<ImportOutcome> {
	let validated;
	let format;
	try {
		const table = await readTable(data, filename);
		format = table.format;
		validated = validateCatalogue(table);
		if (!validated.ok) return { ok: false, errors: validated.errors.map((e) => describeError(e, table.format)) };
	} catch (e) {
		if (e instanceof UnreadableFileError) return { ok: false, errors: [e.message] };
		throw e;
	}
	const { procedures: incoming, foreign } = validated;
	const rows = incoming.length;
	const database = await db();
	if (dryRun) return { ok: true, applied: false, diff: diffCatalogue(await active(centerId), incoming), rows, foreign };
	if (foreign.length > 0 && !confirmHosts) return { ok: false, errors: [unconfirmedMessage(foreign, format)] };
	const diff = await database.transaction(async (tx) => {
		// Lock the center's row so two imports cannot interleave their diffs.
		await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
		const d = diffCatalogue(await active(centerId, tx), incoming);
		// Checked on the diff this transaction applies, so the confirmed number is the number abolished.
		const activeCount = d.removed.length + d.changed.length + d.unchanged;
		if (abolishTyped !== undefined && needsAbolishConfirmation(d.removed.length, activeCount) && !confirmsAbolish(abolishTyped, d.removed.length)) {
			return null;
		}
		const upserts = [...d.added, ...d.changed.map((c) => c.after)];
		if (upserts.length > 0) await upsert(tx, centerId, upserts);
		if (d.removed.length > 0) {
			await tx.query(
				`UPDATE procedures SET abolished_at = now(), updated_at = now() WHERE center_id = $1 AND code = ANY($2::text[])`,
				[centerId, d.removed.map((p) => p.code)]
			);
		}
		if (upserts.length > 0 || d.removed.length > 0) {
			await tx.query('UPDATE centers SET catalogue_revision = catalogue_revision + 1 WHERE id = $1', [centerId]);
		}
		return d;
	});
	if (!diff) return { ok: false, errors: ['Chưa áp dụng: hãy gõ đúng số thủ tục sẽ bị bãi bỏ để xác nhận.'], abolishUnconfirmed: true };
	return { ok: true, applied: true, diff, rows, foreign };
}

function unconfirmedMessage(foreign: readonly ForeignUrl[], format: 'csv' | 'xlsx' | 'json'): string {
	const unit = format === 'json' ? 'mục' : 'dòng';
	const shown = foreign.slice(0, 5).map((f) => `${unit} ${f.line}: ${f.host}`);
	const more = foreign.length > shown.length ? `, … (thêm ${foreign.length - shown.length})` : '';
	return `Tệp có ${foreign.length} địa chỉ không thuộc Cổng Dịch vụ công quốc gia (${shown.join('; ')}${more}). Hãy xem trước, kiểm tra từng địa chỉ và đánh dấu xác nhận rồi mới áp dụng.`;
}

async function upsert(tx: Queryable, centerId: string, procedures: Procedure[]): Promise<void> {
	// One statement for the whole batch: the rows travel as one JSON parameter.
	const CHUNK = 1000;
	for (let i = 0; i < procedures.length; i += CHUNK) {
		await tx.query(
			`INSERT INTO procedures (center_id, code, name, field, levels, agency, channels, processing_time, fee, url)
			 SELECT $1, x.code, x.name, x.field, x.levels, x.agency, x.channels, x."processingTime", x.fee, x.url
			 FROM json_to_recordset($2::json) AS x(code text, name text, field text, levels text[], agency text,
			      channels text[], "processingTime" text, fee text, url text)
			 ON CONFLICT (center_id, code) DO UPDATE SET
			   name = excluded.name, field = excluded.field, levels = excluded.levels, agency = excluded.agency,
			   channels = excluded.channels, processing_time = excluded.processing_time, fee = excluded.fee,
			   url = excluded.url, abolished_at = NULL, updated_at = now()`,
			[centerId, JSON.stringify(procedures.slice(i, i + CHUNK))]
		);
	}
}

/** The devices' copy of the posted catalogue; its ETag changes only when the catalogue does. */
export async function posted(centerId: string, qr: Catalogue['qr']): Promise<Versioned | undefined> {
	const identity = await centers.get(centerId);
	if (!identity) return undefined;
	// Only what a kiosk shows: a new address or phone does not make every kiosk download the catalogue again.
	const center: Catalogue['center'] = { id: identity.id, name: identity.name, level: identity.level };
	const procedures = await (await db()).query<Procedure>(
		`SELECT ${COLUMNS} FROM procedures WHERE center_id = $1 AND abolished_at IS NULL ORDER BY field, code`,
		[centerId]
	);
	return versioned({ center, qr, procedures } satisfies Catalogue);
}

/** Scans and views per procedure over the last 90 days: search ranks commoner procedures higher. */
export async function popularity(centerId: string): Promise<Versioned> {
	const rows = await (await db()).query<{ key: string; n: number }>(
		`SELECT key, sum(count)::bigint AS n FROM counters c
		 WHERE center_id = $1 AND kind IN ('scan', 'view') AND hour > now() - interval '90 days' AND NOT ${VOIDED}
		 GROUP BY key ORDER BY key`,
		[centerId]
	);
	return versioned({ counts: Object.fromEntries(rows.map((r) => [r.key, r.n])) } satisfies Popularity);
}

export interface Versioned {
	body: string;
	etag: string;
}

function versioned(value: unknown): Versioned {
	const body = JSON.stringify(value);
	return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export async function countScan(centerId: string, code: string, at: Date): Promise<void> {
	const hour = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
	await (await db()).query(
		`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES ($1, 'server', $2, 'scan', $3, 1)
		 ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = counters.count + 1`,
		[centerId, hour, code]
	);
}

export async function scanCount(centerId: string, code: string): Promise<number> {
	const [row] = await (await db()).query<{ n: number }>(
		`SELECT COALESCE(sum(count), 0)::bigint AS n FROM counters WHERE center_id = $1 AND kind = 'scan' AND key = $2`,
		[centerId, code]
	);
	return row?.n ?? 0;
}
