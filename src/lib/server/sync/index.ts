// Device sync: POST /api/v1/sync takes a batch of ratings and counts, stores each idempotently by its device-made
// id, acknowledges every id it holds, refuses a bad item alone, and flags ballot stuffing without deleting anything.
import { hash } from 'node:crypto';
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
import { correctedTime, trustedOffset } from '$lib/domain/clock';
import { arrivedAfterReport } from '$lib/domain/periods';
import { startOfLocalDay, VN_OFFSET_HOURS } from '$lib/domain/vn-time';
import { BODY_LIMITS } from '$lib/limits';
import type { z } from 'zod';
import { config } from '../config';
import { db, type Queryable } from '../db';
import * as devices from '../devices';
import { log } from '../log';
import * as clocks from './clocks';

const MAX_BODY_BYTES = BODY_LIMITS.sync;

function apiError(status: number, code: NonNullable<ApiError['code']>, message: string): Response {
	return json({ message, code } satisfies ApiError, {
		status,
		headers: { 'Cache-Control': 'no-store' }
	});
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
	if (length > MAX_BODY_BYTES)
		return apiError(413, 'too_large', 'Gói dữ liệu quá lớn; hãy gửi từng phần nhỏ hơn.');
	let text: string;
	try {
		text = await request.text();
	} catch {
		return apiError(400, 'invalid', 'Không đọc được nội dung gửi lên.');
	}
	if (text.length > MAX_BODY_BYTES)
		return apiError(413, 'too_large', 'Gói dữ liệu quá lớn; hãy gửi từng phần nhỏ hơn.');
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
	const content = [
		r.id.toLowerCase(),
		r.level,
		r.scale,
		[...r.reasons].sort(),
		r.comment,
		r.ticket,
		r.dossier,
		r.counter,
		r.field,
		r.ratedAt,
		r.clockOffsetMs
	];
	return hash('sha256', JSON.stringify(content));
}

function judge(items: unknown[]): Judged {
	const judged: Judged = { accepted: [], refused: [] };
	const seen = new Map<string, string>();
	items.forEach((item, index) => {
		const parsed = ratingSchema.safeParse(item);
		if (!parsed.success) {
			judged.refused.push({
				index,
				id: readableId(item),
				status: 422,
				message: firstIssue(parsed.error)
			});
			return;
		}
		const rating = { ...parsed.data, id: parsed.data.id.toLowerCase() };
		const hash = payloadHash(rating);
		const earlier = seen.get(rating.id);
		if (earlier !== undefined && earlier !== hash) {
			judged.refused.push({
				index,
				id: rating.id,
				status: 422,
				message: 'Cùng mã đánh giá nhưng nội dung khác trong một lần gửi'
			});
			return;
		}
		seen.set(rating.id, hash);
		if (earlier === undefined) judged.accepted.push({ index, rating, hash });
	});
	return judged;
}

/** A device's count above `ceiling` (what it can plausibly see in an hour) is refused alone, and logged. */
function judgeCounts(
	items: unknown[],
	ceiling: number
): { counts: Count[]; refused: RefusedItem[]; tooLarge: Count[] } {
	const best = new Map<string, Count>();
	const refused: RefusedItem[] = [];
	const tooLarge: Count[] = [];
	items.forEach((item, index) => {
		const parsed = countSchema.safeParse(item);
		if (!parsed.success) {
			refused.push({ index, id: null, status: 422, message: firstIssue(parsed.error) });
			return;
		}
		const c = parsed.data;
		if (c.count > ceiling) {
			tooLarge.push(c);
			refused.push({
				index,
				id: null,
				status: 422,
				message: `count: Số đếm ${c.count} vượt mức một thiết bị có thể ghi nhận trong một giờ (${ceiling})`
			});
			return;
		}
		const key = `${c.hour}|${c.kind}|${c.key}`;
		const prior = best.get(key);
		if (!prior || prior.count < c.count) best.set(key, c);
	});
	return { counts: [...best.values()], refused, tooLarge };
}

export interface IngestRequest {
	sentAt: number;
	device: { appVersion: string; backlog: number; persistent: boolean | null };
	ratings: unknown[];
	counts: unknown[];
}

/** Stores a batch for a device in one transaction and says which ids the server now holds. */
export async function ingest(
	device: devices.Device,
	request: IngestRequest,
	now = new Date(),
	{ measured = true } = {}
): Promise<SyncResponse> {
	const receivedAt = now.getTime();
	const started = performance.now();
	const judged = judge(request.ratings);
	const counts = judgeCounts(request.counts, config().DEVICE_COUNT_MAX_PER_HOUR);
	if (counts.tooLarge.length > 0) {
		const c = counts.tooLarge[0];
		log.warn('sync_count_too_large', {
			device: device.id,
			refused: counts.tooLarge.length,
			kind: c.kind,
			key: c.key.slice(0, 40),
			count: c.count
		});
	}
	const requestOffset = receivedAt - request.sentAt;
	const acked: string[] = [];
	const refused = [...judged.refused];
	// Read once: the stuffing interval for this batch, and the settings the device is told in the reply.
	const center = await devices.centerSettings(device.centerId);

	await (
		await db()
	).transaction(async (tx) => {
		const eras = await clocks.eras(tx, device.id);
		const conflicts = await storeRatings(
			tx,
			device,
			center.minIntervalS,
			judged.accepted,
			{ requestOffset, eras },
			now
		);
		for (const a of judged.accepted) {
			if (conflicts.has(a.rating.id))
				refused.push({
					index: a.index,
					id: a.rating.id,
					status: 422,
					message: 'Mã đánh giá đã có trên máy chủ với nội dung khác'
				});
			else acked.push(a.rating.id);
		}
		await storeCountsAndTouch(tx, device, counts.counts, request.device, now);
		// A file's export time is no measurement of the device's clock.
		if (measured) await clocks.record(tx, device.id, eras, requestOffset, receivedAt);
	});
	if (refused.length)
		log.warn('sync_refused_items', {
			device: device.id,
			refused: refused.length,
			first: refused[0].message
		});
	log.info('sync', {
		device: device.id,
		ratings: acked.length,
		counts: counts.counts.length,
		backlog: request.device.backlog
	});
	return {
		serverTime: Math.round(receivedAt + performance.now() - started),
		acked,
		refused: refused.sort((a, b) => a.index - b.index),
		counts: { acked: counts.counts.length, refused: counts.refused },
		config: devices.configOf(device, center)
	};
}

/** Inserts new ratings (a known id is left as it is), re-flags what they affect; returns ids stored with other content. */
async function storeRatings(
	tx: Queryable,
	device: devices.Device,
	minIntervalS: number,
	accepted: Judged['accepted'],
	clock: { requestOffset: number; eras: clocks.ClockEra[] },
	now: Date
): Promise<Set<string>> {
	if (accepted.length === 0) return new Set();
	const rows = accepted.map(({ rating: r, hash }) => {
		const offset = trustedOffset(r.ratedAt, r.clockOffsetMs, clock.requestOffset, clock.eras);
		const t = correctedTime(r.ratedAt, offset, clock.requestOffset, now.getTime());
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
			late: arrivedAfterReport(t.at, now.getTime()),
			payload_hash: hash
		};
	});
	// One batch at a time per center, until commit: two counters sending the same ticket at once must each see the
	// other's row when flagging, or both would count. (PGlite runs one transaction at a time anyway.)
	await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ratings:' || $1))`, [device.centerId]);
	const inserted = await tx.query<{ id: string }>(
		`INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, comment, ticket, dossier,
			device_time, received_at, rated_at, clock_clamped, late, payload_hash)
		 SELECT x.id, $2, $3, x.counter, x.field, x.level, x.scale, ARRAY(SELECT json_array_elements_text(x.reasons)), x.comment,
			x.ticket, x.dossier, x.device_time, $4, x.rated_at, x.clock_clamped, x.late, x.payload_hash
		 FROM json_to_recordset($1::json) AS x(id uuid, counter text, field text, level text, scale int, reasons json, comment text,
			ticket text, dossier text, device_time timestamptz, rated_at timestamptz, clock_clamped boolean, late boolean, payload_hash text)
		 ON CONFLICT (id) DO NOTHING
		 RETURNING id::text AS id`,
		[JSON.stringify(rows), device.centerId, device.id, now]
	);
	const fresh = new Set(inserted.map((r) => r.id));
	// Ids the server held already (a resend): acknowledged when the content is the same, refused when it is not.
	const known = rows.filter((r) => !fresh.has(r.id));
	const conflicts = new Set<string>();
	if (known.length > 0) {
		const stored = await tx.query<{ id: string; payload_hash: string }>(
			'SELECT id::text AS id, payload_hash FROM ratings WHERE id = ANY($1::uuid[])',
			[known.map((r) => r.id)]
		);
		const hashOf = new Map(stored.map((s) => [s.id, s.payload_hash]));
		for (const r of known) if (hashOf.get(r.id) !== r.payload_hash) conflicts.add(r.id);
	}
	// Only new rows can change a flag: a resend of a known rating changes nothing.
	const added = rows.filter((r) => fresh.has(r.id));
	if (added.length > 0) await reflag(tx, device, minIntervalS, added);
	return conflicts;
}

const DAY_MS = 86_400_000;

/**
 * Ballot stuffing, decided here and the same whatever order ratings arrive in: a rating less than the center's
 * minimum interval after the previous one from the same device is 'too_soon', by the device's own times or by the
 * corrected times (which the server bounds by its receipt time, so a device cannot spread a burst apart by inventing
 * its clock); a second rating for the same ticket on the same local day (tickets restart daily), or for the same
 * dossier, is a repeat. The first one counts. Only what the new rows can change is looked at: the device's ratings
 * around them, and their tickets and dossiers.
 */
async function reflag(
	tx: Queryable,
	device: devices.Device,
	minS: number,
	added: { device_time: string; rated_at: string; ticket: string | null; dossier: string | null }[]
): Promise<void> {
	const span = (times: number[]) => [new Date(Math.min(...times)), new Date(Math.max(...times))];
	const [deviceFrom, deviceTo] = span(added.map((r) => Date.parse(r.device_time)));
	const [ratedFrom, ratedTo] = span(added.map((r) => Date.parse(r.rated_at)));
	// A row's flag depends on the rows at most the interval (an hour at most) before it, in either order: rows from
	// a new row's time to an hour after the last one may change.
	if (minS > 0)
		await tx.query(
			`WITH f AS (
				SELECT x.id,
					EXISTS (SELECT 1 FROM ratings y WHERE y.device_id = x.device_id AND y.id <> x.id
						AND (y.device_time, y.id) < (x.device_time, x.id) AND y.device_time > x.device_time - make_interval(secs => $3))
					OR EXISTS (SELECT 1 FROM ratings y WHERE y.device_id = x.device_id AND y.id <> x.id
						AND (y.rated_at, y.device_time, y.id) < (x.rated_at, x.device_time, x.id) AND y.rated_at > x.rated_at - make_interval(secs => $3)) AS soon
				FROM ratings x
				WHERE x.device_id = $1 AND ((x.device_time >= $2 AND x.device_time <= $4::timestamptz + interval '1 hour')
					OR (x.rated_at >= $5 AND x.rated_at <= $6::timestamptz + interval '1 hour'))
			)
			UPDATE ratings r SET flag = CASE WHEN f.soon THEN 'too_soon' ELSE NULL END
			FROM f WHERE r.id = f.id AND (f.soon OR r.flag = 'too_soon') AND r.flag IS DISTINCT FROM (CASE WHEN f.soon THEN 'too_soon' ELSE NULL END)`,
			[device.id, deviceFrom, minS, deviceTo, ratedFrom, ratedTo]
		);
	const tickets = [...new Set(added.flatMap((r) => (r.ticket === null ? [] : [r.ticket])))];
	if (tickets.length > 0) {
		// Tickets restart each day: only the local days of the new rows can change.
		const ratedTimes = added.map((r) => Date.parse(r.rated_at));
		const dayFrom = startOfLocalDay(Math.min(...ratedTimes));
		const dayTo = startOfLocalDay(Math.max(...ratedTimes)) + DAY_MS;
		await rerank(
			tx,
			device.centerId,
			'ticket',
			'repeat_ticket',
			tickets,
			`((rated_at AT TIME ZONE 'UTC') + interval '${VN_OFFSET_HOURS} hours')::date`,
			[new Date(dayFrom), new Date(dayTo)]
		);
	}
	const dossiers = [...new Set(added.flatMap((r) => (r.dossier === null ? [] : [r.dossier])))];
	if (dossiers.length > 0)
		await rerank(tx, device.centerId, 'dossier', 'repeat_dossier', dossiers, 'NULL::date', null);
}

/** Among the center's rows with these keys (and in `within`, when given), the first by time counts, the rest are flagged. */
async function rerank(
	tx: Queryable,
	centerId: string,
	column: 'ticket' | 'dossier',
	flag: 'repeat_ticket' | 'repeat_dossier',
	keys: string[],
	partition: string,
	within: [Date, Date] | null
): Promise<void> {
	await tx.query(
		`WITH ranked AS (
			SELECT id, row_number() OVER (PARTITION BY ${column}, ${partition} ORDER BY rated_at, id) AS n
			FROM ratings WHERE center_id = $1 AND ${column} = ANY($2::text[]) AND (flag IS NULL OR flag = '${flag}')
				${within ? 'AND rated_at >= $3 AND rated_at < $4' : ''}
		)
		UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN '${flag}' ELSE NULL END
		FROM ranked WHERE r.id = ranked.id AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN '${flag}' ELSE NULL END)`,
		within ? [centerId, keys, ...within] : [centerId, keys]
	);
}

/**
 * Device counts are running totals: the server keeps the larger, so a resend never adds twice. The device's last
 * contact, backlog and version are noted in the same statement.
 */
async function storeCountsAndTouch(
	tx: Queryable,
	device: devices.Device,
	counts: Count[],
	report: IngestRequest['device'],
	now: Date
): Promise<void> {
	await tx.query(
		`WITH c AS (
			INSERT INTO counters (center_id, source, hour, kind, key, count)
			SELECT $2, $3, x.hour, x.kind, x.key, x.count
			FROM json_to_recordset($1::json) AS x(hour timestamptz, kind text, key text, count int)
			ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = GREATEST(counters.count, EXCLUDED.count)
			RETURNING 1
		)
		UPDATE devices SET last_seen_at = $5, backlog = $6, app_version = $7, storage_persistent = $8 WHERE id = $4`,
		[
			JSON.stringify(counts.map((c) => ({ ...c, hour: new Date(c.hour).toISOString() }))),
			device.centerId,
			`device:${device.id}`,
			device.id,
			now,
			report.backlog,
			report.appVersion,
			report.persistent
		]
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
	const rows = await (
		await db()
	).query<{ level: string; flagged: boolean; n: number }>(
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

export type ImportOutcome =
	| { ok: true; added: number; known: number; refused: RefusedItem[] }
	| { ok: false; message: string };

/** An emergency export from a device, loaded on the server: the same path as sync, so nothing counts twice. */
export async function importOutboxFile(
	centerId: string,
	text: string,
	now = new Date()
): Promise<ImportOutcome> {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false, message: 'Tệp không phải JSON hợp lệ.' };
	}
	const file = outboxFileSchema.safeParse(body);
	if (!file.success) return { ok: false, message: firstIssue(file.error) };
	const device = file.data.deviceId ? await devices.byId(file.data.deviceId) : null;
	if (!device || device.centerId !== centerId)
		return { ok: false, message: 'Tệp không thuộc một thiết bị của trung tâm này.' };
	const ids = file.data.ratings.map(readableId).filter((id): id is string => id !== null);
	const before = await (
		await db()
	).query<{ n: number }>(
		'SELECT count(*)::int AS n FROM ratings WHERE id::text = ANY($1::text[])',
		[ids.map((i) => i.toLowerCase())]
	);
	let added = 0;
	const refused: RefusedItem[] = [];
	// In sync-sized batches; the file's own time stands for the send time (its rows carry their measured offsets).
	for (let i = 0; i < file.data.ratings.length; i += 500) {
		const batch = file.data.ratings.slice(i, i + 500);
		const reply = await ingest(
			device,
			{
				sentAt: file.data.exportedAt,
				device: { appVersion: 'import', backlog: 0, persistent: null },
				ratings: batch,
				counts: []
			},
			now,
			{
				measured: false
			}
		);
		added += reply.acked.length;
		refused.push(...reply.refused.map((r) => ({ ...r, index: r.index + i })));
	}
	const known = before[0].n;
	return { ok: true, added: added - known, known, refused };
}
