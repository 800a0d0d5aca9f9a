// The emergency file of a device's unsent ratings (format 'sanhso-outbox', version 1): written by one device, read by
// another or by the admin's import. Pure: the shape is checked by hand (no zod on the device; the server checks each
// rating again when it arrives).
import type { OutboxRow } from './db';

export interface OutboxFile {
	format: 'sanhso-outbox';
	version: 1;
	deviceId: string | null;
	exportedAt: number;
	ratings: Omit<OutboxRow, (typeof BOOKKEEPING)[number]>[];
}

/** What only the outbox knows of a row: how far it got, not what the citizen said. */
const BOOKKEEPING = ['state', 'createdAt', 'syncedAt', 'refusal'] as const;

function asSent(row: OutboxRow): OutboxFile['ratings'][number] {
	const rating: Partial<OutboxRow> = { ...row };
	for (const key of BOOKKEEPING) delete rating[key];
	return rating as OutboxFile['ratings'][number];
}

/** The file for these outbox rows: the ratings as they will be sent, without the outbox's bookkeeping. */
export function outboxFile(rows: OutboxRow[], deviceId: string | null, now: number): OutboxFile {
	return {
		format: 'sanhso-outbox',
		version: 1,
		deviceId,
		exportedAt: now,
		ratings: rows.map(asSent)
	};
}

/** The ratings of an outbox file, checked by shape; null when it is not one. */
export function outboxRatings(file: unknown): OutboxRow[] | null {
	if (typeof file !== 'object' || file === null) return null;
	const f = file as { format?: unknown; version?: unknown; ratings?: unknown };
	if (f.format !== 'sanhso-outbox' || f.version !== 1 || !Array.isArray(f.ratings)) return null;
	const ok = f.ratings.every(
		(r: unknown) =>
			typeof r === 'object' &&
			r !== null &&
			typeof (r as { id?: unknown }).id === 'string' &&
			typeof (r as { level?: unknown }).level === 'string' &&
			typeof (r as { ratedAt?: unknown }).ratedAt === 'number'
	);
	return ok ? (f.ratings as OutboxRow[]) : null;
}
