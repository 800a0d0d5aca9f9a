// The device's sync engine, one contract: a rating leaves the outbox only after the server has acknowledged its id.
// Everything it touches is injected (store, transport, clock), so the same code runs in the browser and in tests.
import type { Count, Rating, SyncResponse } from '$lib/schemas/sync';
import { MAX_BATCH } from '$lib/schemas/sync-values';

export const BACKOFF_MIN_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
export const KEEP_SYNCED_MS = 7 * 86_400_000;

/** Where the outbox lives (IndexedDB in the browser, memory in tests). */
export interface OutboxStore {
	/** Unsent ratings, oldest first. */
	pending(limit: number): Promise<Rating[]>;
	markSynced(ids: string[], at: number): Promise<void>;
	markRefused(items: { id: string; message: string }[]): Promise<void>;
	/** Counts whose total grew since the server last acknowledged them. */
	dirtyCounts(limit: number): Promise<Count[]>;
	/** The server has these totals now (the local count may have grown since: it then stays dirty). */
	markCountsSent(counts: Count[]): Promise<void>;
	backlog(): Promise<number>;
	/** Drops synced rows acknowledged before `before`; never an unsynced one. */
	prune(before: number): Promise<void>;
}

export interface TransportResponse {
	status: number;
	json(): Promise<unknown>;
}

/** Sends one request body; rejects on a network error or abort. */
export type Transport = (body: string) => Promise<TransportResponse>;

export interface EngineDeps {
	store: OutboxStore;
	transport: Transport;
	now: () => number;
	/** What the envelope reports about the device. */
	report: () => { appVersion: string; persistent: boolean | null };
	/** Every good reply: the measured clock offset (server − device at the midpoint) and the reply itself. */
	onReply?: (reply: SyncResponse, offsetMs: number) => void | Promise<void>;
}

export type SyncOutcome =
	| { kind: 'done'; sent: number; acked: number; refused: number }
	| { kind: 'retry'; status: number | null; message: string }
	| { kind: 'revoked' }
	| { kind: 'unauthorized' };

/** Exponential from 2 s to 5 min, with jitter (half to all of the step) so a hundred tablets do not return at once. */
export function backoffDelay(failures: number, random: () => number): number {
	const step = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, failures - 1));
	return Math.max(BACKOFF_MIN_MS, Math.round(step * (0.5 + random() / 2)));
}

function isReply(x: unknown): x is SyncResponse {
	if (typeof x !== 'object' || x === null) return false;
	const r = x as Partial<SyncResponse>;
	return (
		typeof r.serverTime === 'number' &&
		Array.isArray(r.acked) &&
		Array.isArray(r.refused) &&
		typeof r.counts === 'object'
	);
}

/** Sends batches until the outbox is empty or a request fails; safe to call again at any time. */
export async function drain(deps: EngineDeps): Promise<SyncOutcome> {
	const { store } = deps;
	let sent = 0;
	let acked = 0;
	let refused = 0;
	for (;;) {
		const ratings = await store.pending(MAX_BATCH);
		const counts = await store.dirtyCounts(MAX_BATCH * 4);
		const backlog = await store.backlog();
		const sentAt = deps.now();
		const body = JSON.stringify({ sentAt, device: { ...deps.report(), backlog }, ratings, counts });
		let response: TransportResponse;
		try {
			response = await deps.transport(body);
		} catch (e) {
			return { kind: 'retry', status: null, message: e instanceof Error ? e.message : String(e) };
		}
		if (response.status === 401) {
			const error = (await response.json().catch(() => null)) as { code?: string } | null;
			return error?.code === 'revoked' ? { kind: 'revoked' } : { kind: 'unauthorized' };
		}
		if (response.status !== 200)
			return { kind: 'retry', status: response.status, message: `HTTP ${response.status}` };
		const reply = await response.json().catch(() => null);
		if (!isReply(reply)) return { kind: 'retry', status: 200, message: 'unreadable reply' };
		const receivedAt = deps.now();
		// Only ids the server names are marked: a reply that drops some leaves them pending for the next batch.
		const sentIds = new Set(ratings.map((r) => r.id));
		const ackedIds = reply.acked.filter((id) => sentIds.has(id));
		await store.markSynced(ackedIds, receivedAt);
		const refusedItems = reply.refused.filter(
			(r) => r.id !== null && sentIds.has(r.id) && !ackedIds.includes(r.id)
		);
		await store.markRefused(refusedItems.map((r) => ({ id: r.id ?? '', message: r.message })));
		// A refused count (422: over the hourly ceiling, a bad key) would be refused again: it is done with too, so it
		// is not resent on every sync. A later, larger total of the same hour is sent as usual.
		await store.markCountsSent(counts);
		await deps.onReply?.(reply, reply.serverTime - Math.round((sentAt + receivedAt) / 2));
		sent += ratings.length;
		acked += ackedIds.length;
		refused += refusedItems.length;
		await store.prune(receivedAt - KEEP_SYNCED_MS);
		// Stop when nothing moved: what is left waits for the next trigger instead of spinning.
		const moved = ackedIds.length + refusedItems.length;
		if (ratings.length < MAX_BATCH || moved === 0) return { kind: 'done', sent, acked, refused };
	}
}
