// The posted catalogue: imports (validated, diffed, applied atomically), the devices' copy, and lookups.
import { createHash } from 'node:crypto';
import type { Procedure, Catalogue, Popularity } from '$lib/schemas/procedure';
import {
	confirmsAbolish,
	diffCatalogue,
	needsAbolishConfirmation,
	type CatalogueDiff
} from '$lib/domain/catalogue-diff';
import * as centers from '../center';
import { db, type Queryable } from '../db';
import { identifier } from '$lib/domain/text';
import { hasControlCharacters } from '$lib/schemas/text';
import { VOIDED } from '../devices/voids';
import { readTable, UnreadableFileError } from '../files/table';
import { validateCatalogue, describeError, keepDetails, type ForeignUrl } from './validate';
import { PostedRules, postedProcedures, type PostedChoices } from '$lib/domain/posted';
import type { PostedList } from '$lib/schemas/posted';
import * as choices from './posted';

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

const COLUMNS = `code, name, field, levels, agency, channels, processing_time AS "processingTime", fee, url,
	documents, steps, result, legal_basis AS "legalBasis", counter`;

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
	const rows = await (
		await db()
	).query<Procedure>(
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
		if (!validated.ok)
			return { ok: false, errors: validated.errors.map((e) => describeError(e, table.format)) };
	} catch (e) {
		if (e instanceof UnreadableFileError) return { ok: false, errors: [e.message] };
		throw e;
	}
	const { procedures: read, foreign, details } = validated;
	const rows = read.length;
	const database = await db();
	const against = (current: Procedure[]) =>
		diffCatalogue(current, keepDetails(read, current, details));
	if (dryRun)
		return { ok: true, applied: false, diff: against(await active(centerId)), rows, foreign };
	if (foreign.length > 0 && !confirmHosts)
		return { ok: false, errors: [unconfirmedMessage(foreign, format)] };
	const diff = await database.transaction(async (tx) => {
		// Lock the center's row so two imports cannot interleave their diffs.
		await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
		const d = against(await active(centerId, tx));
		// Checked on the diff this transaction applies, so the confirmed number is the number abolished.
		const activeCount = d.removed.length + d.changed.length + d.unchanged;
		if (
			abolishTyped !== undefined &&
			needsAbolishConfirmation(d.removed.length, activeCount) &&
			!confirmsAbolish(abolishTyped, d.removed.length)
		) {
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
			await tx.query(
				'UPDATE centers SET catalogue_revision = catalogue_revision + 1 WHERE id = $1',
				[centerId]
			);
		}
		return d;
	});
	if (!diff)
		return {
			ok: false,
			errors: ['Chưa áp dụng: hãy gõ đúng số thủ tục sẽ bị bãi bỏ để xác nhận.'],
			abolishUnconfirmed: true
		};
	return { ok: true, applied: true, diff, rows, foreign };
}

function unconfirmedMessage(
	foreign: readonly ForeignUrl[],
	format: 'csv' | 'xlsx' | 'json'
): string {
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
			`INSERT INTO procedures (center_id, code, name, field, levels, agency, channels, processing_time, fee, url,
			   documents, steps, result, legal_basis, counter)
			 SELECT $1, x.code, x.name, x.field, x.levels, x.agency, x.channels, x."processingTime", x.fee, x.url,
			   x.documents, x.steps, x.result, x."legalBasis", x.counter
			 FROM json_to_recordset($2::json) AS x(code text, name text, field text, levels text[], agency text,
			      channels text[], "processingTime" text, fee text, url text,
			      documents text[], steps text[], result text, "legalBasis" text[], counter text)
			 ON CONFLICT (center_id, code) DO UPDATE SET
			   name = excluded.name, field = excluded.field, levels = excluded.levels, agency = excluded.agency,
			   channels = excluded.channels, processing_time = excluded.processing_time, fee = excluded.fee,
			   url = excluded.url, documents = excluded.documents, steps = excluded.steps, result = excluded.result,
			   legal_basis = excluded.legal_basis, counter = excluded.counter, abolished_at = NULL, updated_at = now()`,
			[centerId, JSON.stringify(procedures.slice(i, i + CHUNK))]
		);
	}
}

/** The devices' copy of the catalogue and the center's posted list; its ETag changes only when either does. */
export async function posted(
	centerId: string,
	qr: Catalogue['qr']
): Promise<Versioned | undefined> {
	const identity = await centers.get(centerId);
	if (!identity) return undefined;
	// Only what a kiosk shows: a new address or phone does not make every kiosk download the catalogue again.
	const center: Catalogue['center'] = {
		id: identity.id,
		name: identity.name,
		level: identity.level
	};
	const procedures = await (
		await db()
	).query<Procedure>(
		`SELECT ${COLUMNS} FROM procedures WHERE center_id = $1 AND abolished_at IS NULL ORDER BY field, code`,
		[centerId]
	);
	const list = postedList(procedures, await choices.choices(centerId), identity.level);
	return versioned({ center, qr, procedures, posted: list } satisfies Catalogue);
}

/** The posted list as devices get it: the codes posted, pins of fields that still exist, counters set. */
function postedList(
	procedures: readonly Procedure[],
	c: PostedChoices,
	level: Catalogue['center']['level']
): PostedList {
	const fields = new Set(procedures.map((p) => p.field));
	return {
		codes: postedProcedures(procedures, c, level).map((p) => p.code),
		pins: c.pins.filter((f) => fields.has(f)),
		counters: Object.fromEntries(
			c.fields.filter((f) => f.counter && fields.has(f.field)).map((f) => [f.field, f.counter])
		)
	};
}

/** A procedure with whether the center posts it and why; for the manager's page. */
export type Choosable = Procedure & {
	posted: boolean;
	reason: ReturnType<PostedRules['state']>['reason'];
};

/** Every active procedure with its posted state, and the choices: what /admin/catalogue shows and searches. */
export async function postedOverview(
	centerId: string
): Promise<
	| { procedures: Choosable[]; choices: PostedChoices; level: Catalogue['center']['level'] }
	| undefined
> {
	const identity = await centers.get(centerId);
	if (!identity) return undefined;
	const c = await choices.choices(centerId);
	const rules = new PostedRules(c, identity.level);
	const procedures = (await active(centerId)).map((p) => ({ ...p, ...rules.state(p) }));
	return { procedures, choices: c, level: identity.level };
}

/** The counter the center set for each field that has one: a procedure without its own counter is served there. */
export async function fieldCounters(centerId: string): Promise<Record<string, string>> {
	const c = await choices.choices(centerId);
	return Object.fromEntries(
		c.fields.filter((f) => f.counter.trim() !== '').map((f) => [f.field, f.counter])
	);
}

/** Whether the center posts (receives) a procedure: its phone page says so when not. */
export async function isPosted(centerId: string, procedure: Procedure): Promise<boolean> {
	const identity = await centers.get(centerId);
	if (!identity) return false;
	return new PostedRules(await choices.choices(centerId), identity.level).isPosted(procedure);
}

/** Scans and views per procedure, and dossiers received per field, over the last 90 days: what citizens use. */
export async function popularity(centerId: string): Promise<Versioned> {
	const database = await db();
	const rows = await database.query<{ key: string; n: number }>(
		`SELECT key, sum(count)::bigint AS n FROM counters c
		 WHERE center_id = $1 AND kind IN ('scan', 'view') AND hour > now() - interval '90 days' AND NOT ${VOIDED}
		 GROUP BY key ORDER BY key`,
		[centerId]
	);
	const fields = await database.query<{ field: string; n: number }>(
		`SELECT field, count(*)::int AS n FROM dossiers WHERE center_id = $1 AND received_on > current_date - 90
		 GROUP BY field ORDER BY field`,
		[centerId]
	);
	return versioned({
		counts: Object.fromEntries(rows.map((r) => [r.key, r.n])),
		fields: Object.fromEntries(fields.map((r) => [r.field, r.n]))
	} satisfies Popularity);
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
	await (
		await db()
	).query(
		`INSERT INTO counters (center_id, source, hour, kind, key, count) VALUES ($1, 'server', $2, 'scan', $3, 1)
		 ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = counters.count + 1`,
		[centerId, hour, code]
	);
}

export async function scanCount(centerId: string, code: string): Promise<number> {
	const [row] = await (
		await db()
	).query<{ n: number }>(
		`SELECT COALESCE(sum(count), 0)::bigint AS n FROM counters WHERE center_id = $1 AND kind = 'scan' AND key = $2`,
		[centerId, code]
	);
	return row?.n ?? 0;
}
