// The kiosk's catalogue: read from IndexedDB first (works offline), refreshed from the server by ETag.
import { catalogueSchema, type Catalogue, type PostedProcedure } from '$lib/schemas/procedure';
import { buildIndex, type SearchIndex } from '$lib/domain/search';
import { deviceDb, type CatalogueMeta } from './db';

export type Connection = 'online' | 'offline';

const REFRESH_MS = 5 * 60_000;
/** While the server is unreachable, ask again this often so the kiosk notices soon that it is back. */
const RETRY_MS = 15_000;
const FETCH_TIMEOUT_MS = 15_000;

export class CatalogueStore {
	/** Large and never mutated in place: $state.raw keeps Svelte from proxying 2,643 objects. */
	procedures = $state.raw<PostedProcedure[]>([]);
	center = $state.raw<Catalogue['center'] | null>(null);
	qr = $state.raw<Catalogue['qr'] | null>(null);
	/** 'loading' until IndexedDB has answered; 'empty' when the device never had a catalogue. */
	status = $state<'loading' | 'ready' | 'empty'>('loading');
	connection = $state<Connection>('online');
	index = $derived<SearchIndex<PostedProcedure>>(buildIndex(this.procedures));
	byCode = $derived(new Map(this.procedures.map((p) => [p.code, p])));

	#timer: ReturnType<typeof setInterval> | undefined;
	#lastAsked = 0;

	/** Loads what the device holds, then refreshes in the background; call once when the kiosk mounts. */
	async start(): Promise<void> {
		const db = deviceDb();
		const [meta, procedures] = await Promise.all([db.meta.get('catalogue'), db.procedures.toArray()]);
		if (meta && procedures.length > 0) this.#show(meta, procedures);
		else this.status = 'empty';
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		this.#timer = setInterval(() => {
			if (this.connection === 'offline' || Date.now() - this.#lastAsked >= REFRESH_MS) void this.refresh();
		}, RETRY_MS);
		await this.refresh();
	}

	stop(): void {
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		clearInterval(this.#timer);
	}

	/** Asks the server for a newer catalogue; a failure only marks the kiosk offline. */
	async refresh(): Promise<void> {
		this.#lastAsked = Date.now();
		const db = deviceDb();
		const meta = await db.meta.get('catalogue');
		let response: Response;
		try {
			response = await fetch('/api/v1/catalogue', {
				headers: meta && this.status === 'ready' ? { 'If-None-Match': meta.etag } : {},
				cache: 'no-store',
				signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
			});
		} catch {
			this.connection = 'offline';
			return;
		}
		if (response.status === 304) {
			this.connection = 'online';
			return;
		}
		if (!response.ok) {
			this.connection = response.status >= 500 ? 'offline' : 'online';
			return;
		}
		const parsed = catalogueSchema.safeParse(await response.json().catch(() => null));
		if (!parsed.success) return; // keep what we have: a half-valid catalogue is worse than an old one
		this.connection = 'online';
		const etag = response.headers.get('ETag') ?? '';
		const next: Omit<CatalogueMeta, 'key'> = {
			etag,
			center: parsed.data.center,
			qr: parsed.data.qr,
			fetchedAt: Date.now()
		};
		await db.transaction('rw', db.procedures, db.meta, async () => {
			await db.procedures.clear();
			await db.procedures.bulkPut(parsed.data.procedures);
			await db.meta.put({ key: 'catalogue', ...next });
		});
		this.#show(next, parsed.data.procedures);
	}

	#show(meta: Pick<Catalogue, 'center' | 'qr'>, procedures: PostedProcedure[]): void {
		this.center = meta.center;
		this.qr = meta.qr;
		this.procedures = procedures;
		this.status = 'ready';
	}

	#onOnline = () => void this.refresh();
	#onOffline = () => (this.connection = 'offline');
}
