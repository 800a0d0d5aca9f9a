// Device sync: POST /api/v1/sync takes a batch of ratings and counts, stores each idempotently by its device-made
// id, acknowledges every id it holds, refuses a bad item alone, and flags ballot stuffing without deleting anything.
import { createHash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import {
	countSchema,
	outboxFileSchema,
	ratingSchema,
	syncRequestSchema,
	type ApiError,
	type Count,
	type Rating,
	type RefusedItem,
	type SyncResponse
} from '$lib/schemas/sync';
import { correctedTime } from '$lib/domain/clock';
import type { z } from 'zod';
import { db, type Queryable } from '../db';
import * as devices from '../devices';
import { log } from '../log';

/** A full batch of 500 ratings with long comments is well under this. */
export const MAX_BODY_BYTES = 2_000_000;

function apiError(status: number, code: NonNullable<ApiError['code']>, message: string): Response {
	return json({ message, code } satisfies ApiError, { status, headers: { 'Cache-Control': 'no-store' } });
}

function firstIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'Dữ liệu không hợp lệ';
}

/** The whole endpoint: authentication, body limits, JSON, the envelope; items are judged one by one in ingest(). */
export async function handleSync(request: Request, now = new Date()): Promise<Response> {
	const auth = await devices.authenticate(request.headers.get('authorization'));
	if (!auth.ok)
		return auth.code === 'revoked'
			? apiError(401, 'revoked', devices.REVOKED)
			: apiError(401, 'unauthorized', 'Thiết bị chưa được ghép nối hoặc mã thiết bị không đúng.');
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY_BYTES) return apiError(413, 'too_large', 'Gói dữ liệu quá lớn; hãy gửi từng phần nhỏ hơn.');
	let text: string;
	try {
		text = await request.text();
	} catch {
		return apiError(400, 'invalid', 'Không đọc được nội dung gửi lên.');
	}
	if (text.length > MAX_BODY_BYTES) return apiError(413, 'too_large', 'Gói dữ liệu quá lớn; hãy gửi từng phần nhỏ hơn.');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return apiError(400, 'invalid', 'Nội dung gửi lên không phải JSON hợp lệ.');
	}
	const envelope = syncRequestSchema.safeParse(body);
	if (!envelope.success) return apiError(400, 'invalid', firstIssue(envelope.error));
	const reply = await ingest(auth.device, envelope.data, now);
	return json(reply, { headers: { 'Cache-Control': 'no-store' } });
}

interface Judged {
	accepted: { index: number; rating: Rating; hash: string }[];
	refused: RefusedItem[];
}

function readableId(item: unknown): string | null {
	if (typeof item !== 'object' || item === null || !('id' in item)) return null;
	const id = (item as { id: unknown }).id;
	return typeof id === 'string' && id.length <= 64 ? id : null;
}

/** The content that makes a rating what it is; a resend must match it exactly (the device id is not part of it). */
function payloadHash(r: Rating): string {
	const content = [r.id.toLowerCase(), r.level, r.scale, [...r.reasons].sort(), r.comment, r.ticket, r.dossier, r.counter, r.field, r.ratedAt, r.clockOffsetMs];
	return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function judge(items: unknown[]): Judged {
	const judged: Judged = { accepted: [], refused: [] };
	const seen = new Map<string, string>();
	items.forEach((item, index) => {
		const parsed = ratingSchema.safeParse(item);
		if (!parsed.success) {
			judged.refused.push({ index, id: readableId(item), status: 422, message: firstIssue(parsed.error) });
			return;
		}
		const rating = { ...parsed.data, id: parsed.data.id.toLowerCase() };
		const hash = payloadHash(rating);
		const earlier = seen.get(rating.id);
		if (earlier !== undefined && earlier !== hash) {
			judged.refused.push({ index, id: rating.id, status: 422, message: 'Cùng mã đánh giá nhưng nội dung khác trong một lần gửi' });
			return;
		}
		seen.set(rating.id, hash);
		if (earlier === undefined) judged.accepted.push({ index, rating, hash });
	});
	return judged;
}

function judgeCounts(items: unknown[]): { counts: Count[]; refused: RefusedItem[] } {
	const best = new Map<string, Count>();
	const refused: RefusedItem[] = [];
	items.forEach((item, index) => {
		const parsed = countSchema.safeParse(item);
		if (!parsed.success) {
			refused.push({ index, id: null, status: 422, message: firstIssue(parsed.error) });
			return;
		}
		const c = parsed.data;
		const key = `${c.hour}|${c.kind}|${c.key}`;
		const prior = best.get(key);
		if (!prior || prior.count < c.count) best.set(key, c);
	});
	return { counts: [...best.values()], refused };
}

export interface IngestRequest {
	sentAt: number;
	device: { appVersion: string; backlog: number; persistent: boolean | null };
	ratings: unknown[];
	counts: unknown[];
}

/** Stores a batch for a device in one transaction and says which ids the server now holds. */
export async function ingest(device: devices.Device, request: IngestRequest, now = new Date()): Promise<SyncResponse> {
	const receivedAt = now.getTime();
	const started = performance.now();
	const judged = judge(request.ratings);
	const counts = judgeCounts(request.counts);
	const requestOffset = receivedAt - request.sentAt;
	const acked: string[] = [];
	const refused = [...judged.refused];

	await (await db()).transaction(async (tx) => {
		const conflicts = await storeRatings(tx, device, judged.accepted, requestOffset, now);
		for (const a of judged.accepted) {
			if (conflicts.has(a.rating.id))
				refused.push({ index: a.index, id: a.rating.id, status: 422, message: 'Mã đánh giá đã có trên máy chủ với nội dung khác' });
			else acked.push(a.rating.id);
		}
		await storeCounts(tx, device, counts.counts);
		await devices.touch(device.id, request.device, now, tx);
	});
	if (refused.length) log.warn('sync_refused_items', { device: device.id, refused: refused.length, first: refused[0].message });
	log.info('sync', { device: device.id, ratings: acked.length, counts: counts.counts.length, backlog: request.device.backlog });
	return {
		serverTime: Math.round(receivedAt + performance.now() - started),
		acked,
		refused: refused.sort((a, b) => a.index - b.index),
		counts: { acked: counts.counts.length, refused: counts.refused },
		config: await devices.configOf(device)
	};
}

/** Inserts new ratings (a known id is left as it is), re-flags what they affect; returns ids stored with other content. */
async function storeRatings(
	tx: Queryable,
	device: devices.Device,
	accepted: Judged['accepted'],
	requestOffset: number,
	now: Date
): Promise<Set<string>> {
	if (accepted.length === 0) return new Set();
	const rows = accepted.map(({ rating: r, hash }) => {
		const t = correctedTime(r.ratedAt, r.clockOffsetMs, requestOffset, now.getTime());
		return {
			id: r.id,
			level: r.level,
			scale: r.scale,
			reasons: r.reasons,
			comment: r.comment,
			ticket: r.ticket,
			dossier: r.dossier,
			counter: r.counter,
			field: r.field,
			device_time: new Date(r.ratedAt).toISOString(),
			rated_at: new Date(t.at).toISOString(),
			clock_clamped: t.clamped,
			payload_hash: hash
		};
	});
	await tx.query(
		`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, comment, ticket, dossier,
			device_time, received_at, rated_at, clock_clamped, payload_hash)
		 SELECT x.id, $2, $3, x.counter, x.field, x.level, x.scale, ARRAY(SELECT json_array_elements_text(x.reasons)), x.comment,
			x.ticket, x.dossier, x.device_time, $4, x.rated_at, x.clock_clamped, x.payload_hash
		 FROM json_to_recordset($1::json) AS x(id uuid, counter text, field text, level text, scale int, reasons json, comment text,
			ticket text, dossier text, device_time timestamptz, rated_at timestamptz, clock_clamped boolean, payload_hash text)
		 ON CONFLICT (id) DO NOTHING`,
		[JSON.stringify(rows), device.centerId, device.id, now]
	);
	const stored = await tx.query<{ id: string; payload_hash: string }>('SELECT id::text AS id, payload_hash FROM ratings WHERE id = ANY($1::uuid[])', [
		rows.map((r) => r.id)
	]);
	const hashOf = new Map(stored.map((s) => [s.id, s.payload_hash]));
	const conflicts = new Set(rows.filter((r) => hashOf.get(r.id) !== r.payload_hash).map((r) => r.id));
	const times = rows.filter((r) => !conflicts.has(r.id)).map((r) => Date.parse(r.device_time));
	if (times.length) await reflag(tx, device, Math.min(...times), Math.max(...times));
	return conflicts;
}

/**
 * Ballot stuffing, decided here and the same whatever order ratings arrive in: a rating less than the center's
 * minimum interval after the previous one from the same device is 'too_soon'; a second rating for the same ticket
 * on the same local day (tickets restart daily), or for the same dossier, is a repeat. The first one counts.
 */
async function reflag(tx: Queryable, device: devices.Device, from: number, to: number): Promise<void> {
	const [{ min_s: minS }] = await tx.query<{ min_s: number }>('SELECT min_rating_interval_s AS min_s FROM centers WHERE id = $1', [
		device.centerId
	]);
	// Rows from `from` on may change; their predecessors reach back at most an hour (the longest interval allowed).
	await tx.query(
		`WITH w AS (
			SELECT id, device_time, lag(device_time) OVER (ORDER BY device_time, id) AS prev
			FROM ratings WHERE device_id = $1 AND device_time >= $2::timestamptz - interval '1 hour'
		), f AS (
			SELECT id, CASE WHEN prev IS NOT NULL AND device_time - prev < make_interval(secs => $3) THEN true ELSE false END AS soon
			FROM w WHERE device_time >= $2::timestamptz
		)
		UPDATE ratings r SET flag = CASE WHEN f.soon THEN 'too_soon' ELSE NULL END
		FROM f WHERE r.id = f.id AND (f.soon OR r.flag = 'too_soon') AND r.flag IS DISTINCT FROM (CASE WHEN f.soon THEN 'too_soon' ELSE NULL END)`,
		[device.id, new Date(from), minS]
	);
	// Vietnam keeps +07:00 all year: the local day of a rating is its UTC time plus seven hours.
	for (const [column, flag, day] of [
		['ticket', 'repeat_ticket', `((rated_at AT TIME ZONE 'UTC') + interval '7 hours')::date`],
		['dossier', 'repeat_dossier', 'NULL::date']
	] as const) {
		await tx.query(
			`WITH keys AS (
				SELECT DISTINCT ${column} AS k FROM ratings
				WHERE device_id = $2 AND device_time BETWEEN $3 AND $4 AND ${column} IS NOT NULL
			), ranked AS (
				SELECT id, row_number() OVER (PARTITION BY ${column}, ${day} ORDER BY rated_at, id) AS n
				FROM ratings WHERE center_id = $1 AND ${column} IN (SELECT k FROM keys) AND (flag IS NULL OR flag = '${flag}')
			)
			UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN '${flag}' ELSE NULL END
			FROM ranked WHERE r.id = ranked.id AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN '${flag}' ELSE NULL END)`,
			[device.centerId, device.id, new Date(from), new Date(to)]
		);
	}
}

/** Device counts are running totals: the server keeps the larger, so a resend never adds twice. */
async function storeCounts(tx: Queryable, device: devices.Device, counts: Count[]): Promise<void> {
	if (counts.length === 0) return;
	await tx.query(
		`INSERT INTO counters (center_id, source, hour, kind, key, count)
		 SELECT $2, $3, x.hour, x.kind, x.key, x.count
		 FROM json_to_recordset($1::json) AS x(hour timestamptz, kind text, key text, count int)
		 ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = GREATEST(counters.count, EXCLUDED.count)`,
		[JSON.stringify(counts.map((c) => ({ ...c, hour: new Date(c.hour).toISOString() }))), device.centerId, `device:${device.id}`]
	);
}

export interface RatingTotals {
	stored: number;
	counted: number;
	flagged: number;
	byLevel: Record<string, number>;
}

/** Ratings of a center with corrected time in [from, to): counted (unflagged) by level, and flagged apart. */
export async function ratingTotals(centerId: string, from: Date, to: Date): Promise<RatingTotals> {
	const rows = await (await db()).query<{ level: string; flagged: boolean; n: number }>(
		`SELECT level, flag IS NOT NULL AS flagged, count(*)::int AS n FROM ratings
		 WHERE center_id = $1 AND rated_at >= $2 AND rated_at < $3 GROUP BY level, flag IS NOT NULL`,
		[centerId, from, to]
	);
	const totals: RatingTotals = { stored: 0, counted: 0, flagged: 0, byLevel: {} };
	for (const r of rows) {
		totals.stored += r.n;
		if (r.flagged) totals.flagged += r.n;
		else {
			totals.counted += r.n;
			totals.byLevel[r.level] = (totals.byLevel[r.level] ?? 0) + r.n;
		}
	}
	return totals;
}

export type ImportOutcome = { ok: true; added: number; known: number; refused: RefusedItem[] } | { ok: false; message: string };

/** An emergency export from a device, loaded on the server: the same path as sync, so nothing counts twice. */
export async function importOutboxFile(centerId: string, text: string, now = new Date()): Promise<ImportOutcome> {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false, message: 'Tệp không phải JSON hợp lệ.' };
	}
	const file = outboxFileSchema.safeParse(body);
	if (!file.success) return { ok: false, message: firstIssue(file.error) };
	const device = file.data.deviceId ? await devices.byId(file.data.deviceId) : null;
	if (!device || device.centerId !== centerId) return { ok: false, message: 'Tệp không thuộc một thiết bị của trung tâm này.' };
	const ids = file.data.ratings.map(readableId).filter((id): id is string => id !== null);
	const before = await (await db()).query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE id::text = ANY($1::text[])', [
		ids.map((i) => i.toLowerCase())
	]);
	let added = 0;
	const refused: RefusedItem[] = [];
	// In sync-sized batches; the file's own time stands for the send time (its rows carry their measured offsets).
	for (let i = 0; i < file.data.ratings.length; i += 500) {
		const batch = file.data.ratings.slice(i, i + 500);
		const reply = await ingest(device, { sentAt: file.data.exportedAt, device: { appVersion: 'import', backlog: 0, persistent: null }, ratings: batch, counts: [] }, now);
		added += reply.acked.length;
		refused.push(...reply.refused.map((r) => ({ ...r, index: r.index + i })));
	}
	const known = before[0].n;
	return { ok: true, added: added - known, known, refused };
}
