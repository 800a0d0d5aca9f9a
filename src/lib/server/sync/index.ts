// Device sync: POST /api/v1/sync takes a batch of ratings and counts, stores each idempotently by its device-made
// id, acknowledges every id it holds, refuses a bad item alone, and flags ballot stuffing without deleting anything.
import { hash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import {
	countSchema,
	outboxFileSchema,
	parseRating,
	syncRequestSchema,
	type ApiError,
	type Count,
	type Rating,
	type RefusedItem,
	type SyncResponse
} from '$lib/schemas/sync';
import { correctedTime, trustedOffset } from '$lib/domain/clock';
import { arrivedAfterReport } from '$lib/domain/periods';
import { VN_OFFSET_HOURS } from '$lib/domain/vn-time';
import {
	compareKeys,
	localDayStart,
	stuffingFlags,
	type FlagRow,
	type StuffingFlag
} from '$lib/domain/stuffing';
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
	// The token is checked while the body is read and parsed, so the database answers meanwhile; whatever the body,
	// a caller that is not a paired device hears 401 and nothing more.
	const authenticated = devices.authenticate(request.headers.get('authorization'));
	authenticated.catch(() => undefined);
	const read = await readBatch(request);
	const auth = await authenticated;
	if (!auth.ok)
		return auth.code === 'revoked'
			? apiError(401, 'revoked', devices.REVOKED)
			: apiError(401, 'unauthorized', 'Thiết bị chưa được ghép nối hoặc mã thiết bị không đúng.');
	if (!read.ok) return read.refusal;
	const batch = read.batch;
	let reply: SyncResponse;
	try {
		reply = await ingest(auth.device, batch, now, { center: auth.center });
	} catch (e) {
		// The device keeps the batch and sends it again; what failed must be in the log, never a silent 500.
		log.error('sync_failed', {
			device: auth.device.id,
			ratings: batch.ratings.length,
			counts: batch.counts.length,
			code: (e as { code?: unknown }).code,
			error: e instanceof Error ? e.message : String(e),
			stack: e instanceof Error ? e.stack : undefined
		});
		throw e;
	}
	return json(reply, { headers: { 'Cache-Control': 'no-store' } });
}

/** The request's body as a batch envelope, or the answer that refuses it (too large, not JSON, not the shape). */
async function readBatch(
	request: Request
): Promise<{ ok: true; batch: IngestRequest } | { ok: false; refusal: Response }> {
	const refuse = (status: number, code: 'too_large' | 'invalid', message: string) => ({
		ok: false as const,
		refusal: apiError(status, code, message)
	});
	const tooLarge = 'Gói dữ liệu quá lớn; hãy gửi từng phần nhỏ hơn.';
	if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
		return refuse(413, 'too_large', tooLarge);
	let text: string;
	try {
		text = await request.text();
	} catch {
		return refuse(400, 'invalid', 'Không đọc được nội dung gửi lên.');
	}
	if (text.length > MAX_BODY_BYTES) return refuse(413, 'too_large', tooLarge);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refuse(400, 'invalid', 'Nội dung gửi lên không phải JSON hợp lệ.');
	}
	const envelope = syncRequestSchema.safeParse(body);
	if (!envelope.success) return refuse(400, 'invalid', firstIssue(envelope.error));
	return { ok: true, batch: envelope.data };
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
		const parsed = parseRating(item);
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

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
	// In one order (hour, kind, key): two batches with the same procedures then take their rows and the per-day
	// totals the trigger keeps in the same order, and cannot each hold one the other waits for.
	const sorted = [...best.values()].sort(
		(a, b) => a.hour - b.hour || compareText(a.kind, b.kind) || compareText(a.key, b.key)
	);
	return { counts: sorted, refused, tooLarge };
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
	{
		center: known,
		measured = true,
		reflagOnly = false,
		stats = { batches: 0, inInsert: 0 }
	}: {
		/** The center's settings when the caller has them (sync reads them with the device's token). */
		center?: devices.CenterSettingsRow;
		measured?: boolean;
	} & Partial<Flagging> = {}
): Promise<SyncResponse> {
	const receivedAt = now.getTime();
	const started = performance.now();
	// Read once: the stuffing interval for this batch, and the settings the device is told in the reply. Asked for
	// first, so the database answers while the items are checked.
	const settings = known ? Promise.resolve(known) : devices.centerSettings(device.centerId);
	settings.catch(() => undefined);
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
	const center = await settings;
	const conflicts = await retried(device.id, () =>
		store(device, center.minIntervalS, judged.accepted, counts.counts, request, {
			now,
			requestOffset,
			measured,
			flagging: { reflagOnly, stats }
		})
	);
	const acked: string[] = [];
	const refused = [...judged.refused];
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

/** PostgreSQL's answers that mean "this transaction lost a race; run it again": deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** Runs a batch's transaction again when PostgreSQL aborted it for a race; each try starts from nothing. */
async function retried<T>(deviceId: string, run: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await run();
		} catch (e) {
			const code = (e as { code?: unknown }).code;
			if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw e;
			log.warn('sync_retry', { device: deviceId, code, attempt });
		}
	}
}

/**
 * One batch in one transaction: its ratings with their flags, its counts, the device's report and clock, in three
 * statements when all goes as usual (the lock, what flagging needs, the write). A batch that comes after everything
 * it could affect (the usual case: a device sends its ratings in the order they were made) gets its flags computed
 * before the insert and written with it; any other batch is inserted, then re-flagged with what it affects.
 */
async function store(
	device: devices.Device,
	minIntervalS: number,
	accepted: Judged['accepted'],
	counts: Count[],
	request: IngestRequest,
	at: { now: Date; requestOffset: number; measured: boolean; flagging: Flagging }
): Promise<Set<string>> {
	return (await db()).transaction(async (tx) => {
		// One batch at a time per center, until commit, whenever it writes ratings or counts: two counters sending
		// the same ticket at once must each see the other's row when flagging, or both would count; and batches
		// waiting on each other's rows (a device's row, the per-day count totals) while an admin action waits for
		// the center row could close a circle that PostgreSQL breaks by aborting one. (PGlite runs one transaction
		// at a time anyway.)
		const eras = await clocks.eras(
			tx,
			device.id,
			accepted.length > 0 || counts.length > 0 ? device.centerId : null
		);
		const rows = ratingRows(accepted, { requestOffset: at.requestOffset, eras }, at.now);
		// Read after the lock (a statement of its own: one that took the lock too would see the rows as they were
		// before it waited).
		const inOrder =
			rows.length === 0 || at.flagging.reflagOnly
				? null
				: await flagsInOrder(tx, device, minIntervalS, rows);
		if (inOrder) for (const r of rows) r.flag = inOrder.get(r.id) ?? null;
		// A file's export time is no measurement of the device's clock.
		const clock = at.measured
			? clocks.note(eras, at.requestOffset, at.now.getTime())
			: { extend: null, begin: null, at: at.now, dropBefore: null };
		const fresh = await write(tx, device, rows, counts, request.device, clock, at.now);
		return settle(tx, device, minIntervalS, rows, fresh, inOrder !== null, at.flagging);
	});
}

type RatingRow = ReturnType<typeof ratingRows>[number];

/** What flagging reads of a rating, stored or about to be. */
interface StoredRow {
	id: string;
	device_time: string;
	rated_at: string;
	ticket: string | null;
	dossier: string | null;
	flag: StuffingFlag | null;
}

/** The batch's accepted ratings as rows of the table: corrected time, lateness, hash; flags come later. */
function ratingRows(
	accepted: Judged['accepted'],
	clock: { requestOffset: number; eras: clocks.ClockEra[] },
	now: Date
) {
	// Lateness depends only on the local day of the rating: worked out once per day of the batch.
	const lateByDay = new Map<number, boolean>();
	const late = (at: number) => {
		const day = localDayStart(at);
		let value = lateByDay.get(day);
		if (value === undefined) lateByDay.set(day, (value = arrivedAfterReport(at, now.getTime())));
		return value;
	};
	return accepted.map(({ rating: r, hash }) => {
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
			late: late(t.at),
			payload_hash: hash,
			flag: null as StuffingFlag | null
		};
	});
}

/**
 * The batch's one write: new ratings (a known id is left as it is) with the flags they have so far, the device's
 * counts (running totals: the larger is kept, so a resend never adds twice), its last contact, backlog and version,
 * and the measurement of its clock. Returns the ids this statement inserted; the database sends them only when some
 * row was known already (otherwise its count says all are new, and 500 ids need not cross from PGlite's worker).
 */
async function write(
	tx: Queryable,
	device: devices.Device,
	rows: RatingRow[],
	counts: Count[],
	report: IngestRequest['device'],
	clock: clocks.ClockNote,
	now: Date
): Promise<Set<string>> {
	const inserted = await tx.query<{ n: number; ids: string[] | null }>(
		`WITH added AS (
			INSERT INTO ratings (id, center_id, device_id, counter, field, level, scale, reasons, comment, ticket, dossier,
				device_time, received_at, rated_at, clock_clamped, late, payload_hash, flag)
			SELECT x.id, $3, $4, x.counter, x.field, x.level, x.scale, ARRAY(SELECT json_array_elements_text(x.reasons)), x.comment,
				x.ticket, x.dossier, x.device_time, $5, x.rated_at, x.clock_clamped, x.late, x.payload_hash, x.flag
			FROM json_to_recordset($1::json) AS x(id uuid, counter text, field text, level text, scale int, reasons json, comment text,
				ticket text, dossier text, device_time timestamptz, rated_at timestamptz, clock_clamped boolean, late boolean,
				payload_hash text, flag text)
			ON CONFLICT (id) DO NOTHING
			RETURNING id::text AS id
		), counted AS (
			INSERT INTO counters (center_id, source, hour, kind, key, count)
			SELECT $3, 'device:' || $4, x.hour, x.kind, x.key, x.count
			FROM json_to_recordset($2::json) AS x(hour timestamptz, kind text, key text, count int)
			ON CONFLICT (center_id, source, hour, kind, key) DO UPDATE SET count = GREATEST(counters.count, EXCLUDED.count)
			RETURNING 1
		), seen AS (
			UPDATE devices SET last_seen_at = $5, backlog = $6, app_version = $7, storage_persistent = $8 WHERE id = $4
			RETURNING 1
		), ${clocks.recordCtes({ device: '$4', extend: '$9', begin: '$10', at: '$11', dropBefore: '$12' })}
		SELECT count(*)::int AS n, CASE WHEN count(*) < $13 THEN array_agg(id) END AS ids FROM added`,
		[
			JSON.stringify(rows),
			JSON.stringify(counts.map((c) => ({ ...c, hour: new Date(c.hour).toISOString() }))),
			device.centerId,
			device.id,
			now,
			report.backlog,
			report.appVersion,
			report.persistent,
			clock.extend,
			clock.begin,
			clock.at,
			clock.dropBefore,
			rows.length
		]
	);
	const [{ n, ids }] = inserted;
	return n === rows.length ? new Set(rows.map((r) => r.id)) : new Set(ids);
}

/**
 * After the write: ids the server held already are acknowledged when their content is the same and refused when it
 * is not (returned); flags computed before the insert took every row as new, so they stand only when every row
 * was, and otherwise the new rows are re-flagged with what they affect (see reflag).
 */
async function settle(
	tx: Queryable,
	device: devices.Device,
	minIntervalS: number,
	rows: RatingRow[],
	fresh: Set<string>,
	flaggedInOrder: boolean,
	flagging: Flagging
): Promise<Set<string>> {
	if (rows.length === 0) return new Set();
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
	const fast = flaggedInOrder && known.length === 0;
	if (!fast && added.length > 0) await reflag(tx, device, minIntervalS, added);
	flagging.stats.batches++;
	if (fast) flagging.stats.inInsert++;
	return conflicts;
}

/** How a batch's flags are found; `reflagOnly` and the tally are for the test that holds both ways equal. */
interface Flagging {
	reflagOnly: boolean;
	stats: { batches: number; inInsert: number };
}

const ms = (t: Date | string) => new Date(t).getTime();
const flagRow = (r: StoredRow & { device_id?: string }, deviceId: string): FlagRow => ({
	id: r.id,
	deviceId: r.device_id ?? deviceId,
	deviceTime: ms(r.device_time),
	ratedAt: ms(r.rated_at),
	ticket: r.ticket,
	dossier: r.dossier
});

/**
 * The flags of a batch that comes after every stored row it could change, or null when it does not. Such a batch
 * changes no stored flag, and its own flags depend only on the rows just before it: the device's last rating (by
 * device time and by corrected time), and the last counted rating of each of its tickets (per local day) and
 * dossiers. Those rows are read here, under the center's lock, and stuffingFlags does the rest.
 */
async function flagsInOrder(
	tx: Queryable,
	device: devices.Device,
	minIntervalS: number,
	rows: StoredRow[]
): Promise<Map<string, StuffingFlag | null> | null> {
	// A ticket counts once per local day: the (ticket, day) pairs of the batch, each looked up on its own (the
	// ticket index finds its few rows), rather than every ticket row of the batch's days.
	const pairs = new Map<string, { ticket: string; day: number }>();
	for (const r of rows)
		if (r.ticket !== null) {
			const day = localDayStart(ms(r.rated_at));
			pairs.set(`${r.ticket}|${day}`, { ticket: r.ticket, day });
		}
	const dossiers = [...new Set(rows.flatMap((r) => (r.dossier === null ? [] : [r.dossier])))];
	const columns = `k, id::text AS id, device_id, device_time, rated_at, ticket, dossier, flag`;
	const before = await tx.query<StoredRow & { k: string; device_id: string }>(
		`(SELECT 'device' AS ${columns} FROM ratings WHERE device_id = $1 ORDER BY device_time DESC, id DESC LIMIT 1)
		 UNION ALL
		 (SELECT 'rated' AS ${columns} FROM ratings WHERE device_id = $1 ORDER BY rated_at DESC, device_time DESC, id DESC LIMIT 1)
		 UNION ALL
		 (SELECT 'ticket' AS ${columns.replace('id::text AS id', 'last.id')}
			FROM json_to_recordset($3::json) AS pair(ticket text, day timestamptz)
			CROSS JOIN LATERAL (SELECT id::text AS id, device_id, device_time, rated_at, dossier, flag FROM ratings
				WHERE center_id = $2 AND ratings.ticket = pair.ticket AND rated_at >= pair.day
					AND rated_at < pair.day + interval '24 hours' AND flag IS DISTINCT FROM 'too_soon'
				ORDER BY rated_at DESC, id DESC LIMIT 1) AS last)
		 UNION ALL
		 (SELECT DISTINCT ON (dossier) 'dossier' AS ${columns} FROM ratings
			WHERE center_id = $2 AND dossier = ANY($4::text[]) AND (flag IS NULL OR flag = 'repeat_dossier')
			ORDER BY dossier, rated_at DESC, id DESC)`,
		[
			device.id,
			device.centerId,
			// As JSON, like the insert's rows: a long array of dates as a parameter costs PGlite milliseconds.
			JSON.stringify(
				[...pairs.values()].map((p) => ({ ticket: p.ticket, day: new Date(p.day).toISOString() }))
			),
			dossiers
		]
	);
	const mine = rows.map((r) => flagRow(r, device.id));
	const prior = new Map<string, FlagRow>();
	const fixed = new Map<string, StuffingFlag | null>();
	const lastOf = new Map<string, FlagRow>();
	const ticketKey = (ticket: string, ratedAt: number) =>
		`ticket|${ticket}|${localDayStart(ratedAt)}`;
	for (const b of before) {
		const row = flagRow(b, device.id);
		prior.set(b.id, row);
		fixed.set(b.id, b.flag);
		lastOf.set(
			b.k === 'ticket'
				? ticketKey(row.ticket ?? '', row.ratedAt)
				: b.k === 'dossier'
					? `dossier|${row.dossier}`
					: b.k,
			row
		);
	}
	const after = (r: FlagRow, key: string, order: (x: FlagRow) => (string | number)[]) => {
		const last = lastOf.get(key);
		return last === undefined || compareKeys(order(r), order(last)) > 0;
	};
	const inOrder = mine.every(
		(r) =>
			after(r, 'device', (x) => [x.deviceTime, x.id]) &&
			after(r, 'rated', (x) => [x.ratedAt, x.deviceTime, x.id]) &&
			(r.ticket === null || after(r, ticketKey(r.ticket, r.ratedAt), (x) => [x.ratedAt, x.id])) &&
			(r.dossier === null || after(r, `dossier|${r.dossier}`, (x) => [x.ratedAt, x.id]))
	);
	if (!inOrder) return null;
	return stuffingFlags([...prior.values(), ...mine], minIntervalS, fixed);
}

/** A rating's local day in SQL, as localDayStart gives it. */
const LOCAL_DAY = `((rated_at AT TIME ZONE 'UTC') + interval '${VN_OFFSET_HOURS} hours')::date`;
const DAY_MS = 86_400_000;

/**
 * Ballot stuffing after rows arrived out of order, to the same result as stuffingFlags on all stored rows: only
 * what the new rows can change is looked at, and each change is followed to what it changes in turn. Too soon
 * (the device's ratings from the new rows' times to an hour after the last one, the longest interval) can change
 * who is first for a ticket; a ticket flag can change who is first for a dossier.
 */
async function reflag(
	tx: Queryable,
	device: devices.Device,
	minS: number,
	added: { device_time: string; rated_at: string; ticket: string | null; dossier: string | null }[]
): Promise<void> {
	const span = (times: number[]) => [new Date(Math.min(...times)), new Date(Math.max(...times))];
	const touched = added.map((r) => ({
		ratedAt: ms(r.rated_at),
		ticket: r.ticket,
		dossier: r.dossier
	}));
	const note = (
		changed: { rated_at: Date | string; ticket: string | null; dossier: string | null }[]
	) =>
		touched.push(
			...changed.map((r) => ({ ratedAt: ms(r.rated_at), ticket: r.ticket, dossier: r.dossier }))
		);
	const [deviceFrom, deviceTo] = span(added.map((r) => ms(r.device_time)));
	const [ratedFrom, ratedTo] = span(added.map((r) => ms(r.rated_at)));
	// A rating is too soon when the device's rating just before it (by device time, and by corrected time) is closer
	// than the interval. Each is found by one step back along the device's index, ordered and limited so that no
	// statistics can lead the planner to a scan per row: PGlite never analyzes by itself, and with a year stored,
	// EXISTS over stale statistics scanned the table once per row (18 s for a batch of 500 after an outage).
	if (minS > 0)
		note(
			await tx.query(
				`WITH f AS (
					SELECT x.id,
						COALESCE((SELECT y.device_time FROM ratings y WHERE y.device_id = $1 AND y.device_time <= x.device_time
							AND (y.device_time, y.id) < (x.device_time, x.id) ORDER BY y.device_time DESC LIMIT 1)
							> x.device_time - make_interval(secs => $3), false)
						OR COALESCE((SELECT y.rated_at FROM ratings y WHERE y.device_id = $1 AND y.rated_at <= x.rated_at
							AND (y.rated_at, y.device_time, y.id) < (x.rated_at, x.device_time, x.id) ORDER BY y.rated_at DESC LIMIT 1)
							> x.rated_at - make_interval(secs => $3), false) AS soon
					FROM ratings x
					WHERE x.device_id = $1 AND ((x.device_time >= $2 AND x.device_time <= $4::timestamptz + interval '1 hour')
						OR (x.rated_at >= $5 AND x.rated_at <= $6::timestamptz + interval '1 hour'))
				)
				UPDATE ratings r SET flag = CASE WHEN f.soon THEN 'too_soon' ELSE NULL END
				FROM f WHERE r.id = f.id AND (f.soon OR r.flag = 'too_soon') AND r.flag IS DISTINCT FROM (CASE WHEN f.soon THEN 'too_soon' ELSE NULL END)
				RETURNING r.rated_at, r.ticket, r.dossier`,
				[device.id, deviceFrom, minS, deviceTo, ratedFrom, ratedTo]
			)
		);
	const keys = (column: 'ticket' | 'dossier') => [
		...new Set(touched.flatMap((r) => (r[column] === null ? [] : [r[column]])))
	];
	const tickets = keys('ticket');
	if (tickets.length > 0) {
		// Tickets restart each day: only the local days of the touched rows can change.
		const [from, to] = span(touched.filter((r) => r.ticket !== null).map((r) => r.ratedAt));
		note(
			await tx.query(
				`WITH ranked AS (
					SELECT id, row_number() OVER (PARTITION BY ticket, ${LOCAL_DAY} ORDER BY rated_at, id) AS n
					FROM ratings WHERE center_id = $1 AND ticket = ANY($2::text[]) AND flag IS DISTINCT FROM 'too_soon'
						AND rated_at >= $3 AND rated_at < $4
				)
				UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN 'repeat_ticket' ELSE NULL END
				FROM ranked WHERE r.id = ranked.id AND (ranked.n > 1 OR r.flag = 'repeat_ticket')
					AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN 'repeat_ticket' ELSE NULL END)
				RETURNING r.rated_at, r.ticket, r.dossier`,
				[
					device.centerId,
					tickets,
					new Date(localDayStart(from.getTime())),
					new Date(localDayStart(to.getTime()) + DAY_MS)
				]
			)
		);
	}
	const dossiers = keys('dossier');
	if (dossiers.length > 0)
		await tx.query(
			`WITH ranked AS (
				SELECT id, row_number() OVER (PARTITION BY dossier ORDER BY rated_at, id) AS n
				FROM ratings WHERE center_id = $1 AND dossier = ANY($2::text[]) AND (flag IS NULL OR flag = 'repeat_dossier')
			)
			UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN 'repeat_dossier' ELSE NULL END
			FROM ranked WHERE r.id = ranked.id AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN 'repeat_dossier' ELSE NULL END)`,
			[device.centerId, dossiers]
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
