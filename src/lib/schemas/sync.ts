// Ratings, counts, device pairing and sync: the one contract the device builds with and the server validates with.
// Ids are made on the device (UUIDv7), so a resend is recognised; counts are cumulative, merged by maximum.
import { z } from 'zod';
import { identifier } from '$lib/domain/text';
import { CHECKABLE_PIN } from '$lib/domain/pin';
import { cleanString, hasControlCharacters } from './text';
import {
	CODE_MAX,
	COMMENT_MAX,
	COUNT_KINDS,
	DEVICE_KINDS,
	MAX_BATCH,
	RATING_LEVELS,
	REASONS,
	SCALES
} from './sync-values';

export {
	COUNT_KINDS,
	DEVICE_KINDS,
	RATING_LEVELS,
	REASONS,
	SCALES,
	type CountKind,
	type DeviceKind,
	type RatingLevel,
	type Reason,
	type Scale
} from './sync-values';

const HOUR_MS = 3_600_000;

const scaleSchema = z.union([z.literal(3), z.literal(4), z.literal(5)], {
	message: 'Thang đánh giá phải là 3, 4 hoặc 5 mức'
});
const shortText = (max: number, what: string) =>
	cleanString(what)
		.trim()
		.min(1, `${what} không được để trống`)
		.max(max, `${what} dài quá ${max} ký tự`)
		.transform((s) => s.normalize('NFC'))
		.nullable();
const codeText = (max: number, what: string) =>
	cleanString(what)
		.transform(identifier)
		.pipe(z.string().min(1, `${what} không được để trống`).max(max, `${what} dài quá ${max} ký tự`))
		.nullable();
// Epoch milliseconds up to 2100. No lower bound: a tablet whose clock battery died says 1970, and its
// ratings must still arrive (the server corrects them by the measured offset).
const EPOCH_MAX = 4_102_444_800_000;
const epochMs = z.number().int().min(0).max(EPOCH_MAX);
const OFFSET_MAX = 1e11;
/** The longest counter name and field a rating carries. */
const TEXT_MAX = { counter: 40, field: 200 } as const;

/** One rating, as the device stores it in its outbox and sends it. */
export const ratingSchema = z
	.object({
		id: z.uuid({ message: 'Mã đánh giá (id) phải là UUID' }),
		level: z.enum(RATING_LEVELS, { message: 'Mức đánh giá không hợp lệ' }),
		scale: scaleSchema,
		reasons: z
			.array(z.enum(REASONS, { message: 'Lý do không hợp lệ' }))
			.max(REASONS.length)
			.refine((r) => new Set(r).size === r.length, 'Lý do bị lặp'),
		comment: cleanString('Góp ý', { multiline: true })
			.max(COMMENT_MAX, `Góp ý dài quá ${COMMENT_MAX} ký tự`)
			.transform((s) => s.trim().normalize('NFC')),
		// Codes are kept as their comparison key, so HSX-77, hsx-77 and ＨＳＸ－７７ are one ticket or dossier.
		ticket: codeText(CODE_MAX.ticket, 'Số phiếu'),
		dossier: codeText(CODE_MAX.dossier, 'Mã hồ sơ'),
		counter: shortText(TEXT_MAX.counter, 'Quầy'),
		field: shortText(TEXT_MAX.field, 'Lĩnh vực'),
		/** The device's clock when the citizen tapped (epoch ms). */
		ratedAt: epochMs,
		/** server − device clock, as the device last measured it (ms); null before its first sync. */
		clockOffsetMs: z.number().int().min(-OFFSET_MAX).max(OFFSET_MAX).nullable()
	})
	.refine((r) => (SCALES[r.scale] as readonly string[]).includes(r.level), {
		message: 'Mức đánh giá không thuộc thang đánh giá',
		path: ['level']
	});
export type Rating = z.output<typeof ratingSchema>;
export type RatingInput = z.input<typeof ratingSchema>;

const UUID = z.regexes.uuid();
const LEVELS: ReadonlySet<unknown> = new Set(RATING_LEVELS);
const REASON_SET: ReadonlySet<unknown> = new Set(REASONS);
const isInt = (v: unknown, min: number, max: number): v is number =>
	Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
/** A text ratingSchema keeps as it is: not empty, within its length, no control character, already in stored form. */
const kept = (v: unknown, max: number, stored: (s: string) => string, multiline = false) =>
	typeof v === 'string' &&
	v.length <= max &&
	!hasControlCharacters(v, multiline) &&
	stored(v) === v;
const keptOrNull = (v: unknown, max: number, stored: (s: string) => string) =>
	v === null || (v !== '' && kept(v, max, stored));
const nfcTrimmed = (s: string) => s.trim().normalize('NFC');

/**
 * ratingSchema.safeParse, quicker for what a device nearly always sends: an item the schema would accept and give
 * back unchanged (codes already in their key form, texts trimmed and NFC) is checked here in a few comparisons;
 * anything else, every refusal included, goes through the schema, which alone words the messages. A strict subset
 * of the schema, never a second definition: a property test (sync.test.ts) holds the two to the same answers.
 */
export function parseRating(item: unknown): z.ZodSafeParseResult<Rating> {
	if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
		const r = item as Record<keyof Rating, unknown>;
		const { reasons, scale } = r;
		if (
			typeof r.id === 'string' &&
			UUID.test(r.id) &&
			LEVELS.has(r.level) &&
			(scale === 3 || scale === 4 || scale === 5) &&
			(SCALES[scale] as readonly unknown[]).includes(r.level) &&
			Array.isArray(reasons) &&
			reasons.length <= REASONS.length &&
			reasons.every((x, i) => REASON_SET.has(x) && reasons.indexOf(x) === i) &&
			kept(r.comment, COMMENT_MAX, nfcTrimmed, true) &&
			keptOrNull(r.ticket, CODE_MAX.ticket, identifier) &&
			keptOrNull(r.dossier, CODE_MAX.dossier, identifier) &&
			keptOrNull(r.counter, TEXT_MAX.counter, nfcTrimmed) &&
			keptOrNull(r.field, TEXT_MAX.field, nfcTrimmed) &&
			isInt(r.ratedAt, 0, EPOCH_MAX) &&
			(r.clockOffsetMs === null || isInt(r.clockOffsetMs, -OFFSET_MAX, OFFSET_MAX))
		)
			return {
				success: true,
				data: {
					id: r.id,
					level: r.level as Rating['level'],
					scale,
					reasons: [...reasons] as Rating['reasons'],
					comment: r.comment as string,
					ticket: r.ticket as string | null,
					dossier: r.dossier as string | null,
					counter: r.counter as string | null,
					field: r.field as string | null,
					ratedAt: r.ratedAt,
					clockOffsetMs: r.clockOffsetMs as number | null
				}
			};
	}
	return ratingSchema.safeParse(item);
}

/** A device's running count for one hour and key: the total so far, never a delta. */
export const countSchema = z.object({
	hour: epochMs.refine((h) => h % HOUR_MS === 0, 'Giờ phải tròn giờ'),
	kind: z.enum(COUNT_KINDS, { message: 'Loại đếm không hợp lệ' }),
	key: cleanString('Mã đếm')
		.min(1, 'Mã đếm không được để trống')
		.max(40, 'Mã đếm dài quá 40 ký tự'),
	/** Bounded again on the server by what a device can see in an hour (DEVICE_COUNT_MAX_PER_HOUR). */
	count: z.number().int().min(0).max(1_000_000_000)
});
export type Count = z.infer<typeof countSchema>;

/**
 * POST /api/v1/sync body. Items are validated one by one (a bad item is refused alone), so the envelope
 * takes them as unknown; at most MAX_BATCH of each.
 */
export const syncRequestSchema = z.object({
	/** The device's clock when it sent this request (epoch ms): the server measures the offset from it. */
	sentAt: epochMs,
	device: z.object({
		// Only shown to managers: a control character is dropped rather than refusing the batch (the queue must move).
		appVersion: z
			.string()
			.max(40)
			.transform((v) =>
				hasControlCharacters(v) ? [...v].filter((c) => !hasControlCharacters(c)).join('') : v
			),
		/** Unsynced rows on the device, this batch included. */
		backlog: z.number().int().min(0).max(100_000_000),
		/** Whether the browser granted persistent storage; null where it cannot tell. */
		persistent: z.boolean().nullable()
	}),
	ratings: z.array(z.unknown()).max(MAX_BATCH, `Tối đa ${MAX_BATCH} đánh giá một lần`),
	counts: z.array(z.unknown()).max(MAX_BATCH * 4, `Tối đa ${MAX_BATCH * 4} số đếm một lần`)
});

/** The staff PIN's record as a counter tablet checks it offline: PBKDF2-SHA-256 (WebCrypto on the device, node:crypto on
 * the server). Only counter tablets receive it, and only for a PIN of the current rule (src/lib/domain/pin.ts). */
export const staffPinSchema = z.object({
	iterations: z.number().int().min(1),
	salt: z.string(), // hex
	hash: z.string() // hex, 32 bytes
});
export type StaffPin = z.infer<typeof staffPinSchema>;

/** What a paired device is told about itself and its center, on pairing and on every sync. */
export const deviceConfigSchema = z.object({
	deviceId: z.string(),
	name: z.string(),
	kind: z.enum(DEVICE_KINDS),
	counter: z.string().nullable(),
	field: z.string().nullable(),
	center: z.object({ id: z.string(), name: z.string() }),
	scale: scaleSchema,
	satisfiedLevels: z.array(z.enum(RATING_LEVELS)),
	/** The record for offline checks: counter tablets only, null for kiosks and for a PIN of the old 4-digit rule. */
	staffPin: staffPinSchema.nullable(),
	/** Whether the center has a staff PIN at all (the server checks it online). Absent from configs stored by earlier app versions. */
	staffPinSet: z.boolean().optional()
});
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

export interface RefusedItem {
	/** Position in the request's array. */
	index: number;
	/** The item's id when it had a readable one. */
	id: string | null;
	status: 422;
	message: string;
}

/** The server's answer to a sync: every id it now holds from this batch, new or already there. */
export interface SyncResponse {
	serverTime: number;
	acked: string[];
	refused: RefusedItem[];
	counts: { acked: number; refused: RefusedItem[] };
	config: DeviceConfig;
}

export const pairRequestSchema = z.object({
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, 'Mã ghép nối gồm đúng 6 chữ số')
});

/** POST /api/v1/devices/pin body: the staff PIN typed on a device, checked by the server (Bearer device token). */
export const pinCheckSchema = z.object({
	pin: z.string({ message: 'Thiếu mã PIN' }).regex(CHECKABLE_PIN, 'Mã PIN gồm 6 đến 8 chữ số')
});

/** Its answer: 200 `{ ok: true }`, or an ApiError (403 wrong_pin, 429 throttled, 409 no_pin) with the wait in seconds. */
export type PinCheckResponse = { ok: true } | (ApiError & { retryAfterS?: number });

export interface PairResponse {
	token: string;
	config: DeviceConfig;
}

/** A device's unsynced rows saved to a file by staff in an emergency; imported on another device or the server. */
export const outboxFileSchema = z.object({
	format: z.literal('sanhso-outbox', { message: 'Không phải tệp đánh giá xuất từ Sảnh số' }),
	version: z.literal(1),
	deviceId: z.string().nullable(),
	exportedAt: epochMs,
	ratings: z.array(z.unknown())
});

/** The error body of a refused request (401 for a revoked device: `code: 'revoked'`). */
export interface ApiError {
	message: string;
	code?:
		'unauthorized' | 'revoked' | 'invalid' | 'throttled' | 'too_large' | 'wrong_pin' | 'no_pin';
}
