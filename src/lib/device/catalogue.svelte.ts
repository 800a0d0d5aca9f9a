// The kiosk's catalogue: read from IndexedDB first (works offline), refreshed from the server by ETag. The reading,
// the download, the IndexedDB write and the search keys are the catalogue worker's (catalogue.worker.ts): 2,643
// procedures parsed and stored on the main thread blocked a kiosk's taps for seconds.
import type {
	Catalogue,
	ListedProcedure,
	PostedProcedure,
	Procedure
} from '$lib/schemas/procedure';
import { buildIndex, searchKeys, type SearchIndex, type SearchKeys } from '$lib/domain/search';
import { countFields, type FieldCount } from '$lib/domain/browse';
import { fieldUsage, NO_CHOICES, orderFields, postedProcedures } from '$lib/domain/posted';
import { identifier } from '$lib/domain/text';
import type { CatalogueMeta } from './db';
import type { FromWorker, Outcome, Request, ToWorker } from './catalogue-messages';

export type Connection = 'online' | 'offline';

const REFRESH_MS = 5 * 60_000;
/** While the server is unreachable, ask again this often so the kiosk notices soon that it is back. */
const RETRY_MS = 15_000;

/** A catalogue arriving from the worker, slice by slice. */
interface Arriving {
	meta: CatalogueMeta;
	total: number;
	procedures: ListedProcedure[];
	keys: Map<string, SearchKeys>;
}

export class CatalogueStore {
	/** Large and never mutated in place: $state.raw keeps Svelte from proxying 2,643 objects. */
	#raw = $state.raw<ListedProcedure[]>([]);
	#counts = $state.raw<Record<string, number>>({});
	/** Dossiers received per field lately, from the server's records. */
	#fieldDossiers = $state.raw<Record<string, number>>({});
	#posted = $state.raw<Catalogue['posted']>(undefined);
	center = $state.raw<Catalogue['center'] | null>(null);
	qr = $state.raw<Catalogue['qr'] | null>(null);
	/** 'loading' until IndexedDB has answered; 'downloading' while a device that never had a catalogue receives its
	 * first; 'empty' only once that download failed (a retry that reaches the server is 'downloading' again). */
	status = $state<'loading' | 'downloading' | 'ready' | 'empty'>('loading');
	/** Share of the first download received, 0 to 1; null while the server has not answered or gives no length. */
	progress = $state<number | null>(null);
	connection = $state<Connection>('online');
	procedures = $derived<PostedProcedure[]>(
		this.#raw.map((p) => ({ ...p, popularity: this.#counts[p.code] ?? 0 }))
	);
	/** Search keys computed by the worker, by code. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw) when the worker sends new keys, never mutated
	#keys = $state.raw(new Map<string, SearchKeys>());
	#keysOf = (p: PostedProcedure) => this.#keys.get(p.code) ?? searchKeys(p);
	index = $derived<SearchIndex<PostedProcedure>>(buildIndex(this.procedures, this.#keysOf));
	/** Keyed by identifier(code), as the server compares codes: look one up with `find`. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built by a $derived and never mutated: the $derived is what reacts
	#byCode = $derived(new Map(this.procedures.map((p) => [identifier(p.code), p])));

	/** The center's posted list (danh mục niêm yết); before the device has one, the center's own level. */
	posted = $derived.by<PostedProcedure[]>(() => {
		const list = this.#posted;
		if (list) {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never mutated after it is built
			const codes = new Set(list.codes);
			return this.procedures.filter((p) => codes.has(p.code));
		}
		return this.center
			? postedProcedures(this.procedures, NO_CHOICES, this.center.level)
			: this.procedures;
	});
	postedIndex = $derived<SearchIndex<PostedProcedure>>(buildIndex(this.posted, this.#keysOf));
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built by a $derived and never mutated: the $derived is what reacts
	#postedCodes = $derived(new Set(this.posted.map((p) => p.code)));
	/** Fields pinned by the center, in its order. */
	pins = $derived<string[]>(this.#posted?.pins ?? []);
	/** The counter (quầy) serving each field, where the center named one. */
	counters = $derived<Record<string, string>>(this.#posted?.counters ?? {});
	/** Views, QR scans and dossiers per field: real use, which orders the fields after the pins. */
	#usage = $derived(fieldUsage(this.procedures, this.#counts, this.#fieldDossiers));

	/** Fields with their counts, pinned first, then most used, then alphabetical; never by size. */
	orderedFields(procedures: readonly Pick<Procedure, 'field'>[]): FieldCount[] {
		return orderFields(countFields(procedures), this.pins, this.#usage);
	}

	/** Whether the center posts (receives) a procedure. */
	isPosted(code: string): boolean {
		return this.#postedCodes.has(code);
	}

	/** The posted procedure of a code however it is spelled (`hsx-1`, full-width, another dash), or undefined. */
	find(code: string): PostedProcedure | undefined {
		return this.#byCode.get(identifier(code));
	}

	#timer: ReturnType<typeof setInterval> | undefined;
	#lastAsked = 0;
	#worker: Worker | undefined;
	#nextId = 0;
	/** Requests to the worker not yet done, by id: bookkeeping, never shown. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#requests = new Map<
		number,
		{ arriving?: Arriving; resolve: (outcome: Outcome | 'error') => void }
	>();
	/** One refresh at a time: a second asked meanwhile joins the one under way. */
	#refreshing: Promise<void> | undefined;

	/** Loads what the device holds, then refreshes in the background; call once when the kiosk mounts. */
	async start(): Promise<void> {
		// db.ts creates or upgrades the database (db.ts owns the schema) before the worker opens it. Loaded after the
		// first paint, so the attract screen does not wait for it.
		await (await import('./db')).deviceDb().open();
		this.#worker ??= this.#startWorker();
		const stored = await this.#ask({ type: 'load' });
		if (stored === 'error' && !this.#worker) return; // stopped meanwhile: the page is gone
		if (stored !== 'stored') this.status = 'downloading';
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		this.#timer = setInterval(() => {
			if (this.connection === 'offline' || Date.now() - this.#lastAsked >= REFRESH_MS)
				void this.refresh();
		}, RETRY_MS);
		await this.refresh();
	}

	stop(): void {
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		clearInterval(this.#timer);
		this.#worker?.terminate();
		this.#worker = undefined;
		for (const r of this.#requests.values()) r.resolve('error');
		this.#requests.clear();
	}

	/** Asks the server for a newer catalogue and popularity; a failure only marks the kiosk offline. */
	refresh(): Promise<void> {
		this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
		return this.#refreshing;
	}

	async #refresh(): Promise<void> {
		if (!this.#worker) return;
		this.#lastAsked = Date.now();
		const first = this.status !== 'ready';
		const outcome = await this.#ask({ type: 'refresh', first });
		if (outcome === 'error') return;
		if (outcome === 'offline' || outcome === 'refused') {
			if (outcome === 'offline') this.connection = 'offline';
			if (first && this.status !== 'ready') {
				this.status = 'empty';
				this.progress = null;
			}
			return;
		}
		this.connection = 'online';
	}

	#startWorker(): Worker {
		// The form Vite recognises and bundles as a worker; a URL read once, not state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const worker = new Worker(new URL('./catalogue.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
		return worker;
	}

	#ask(request: Request): Promise<Outcome | 'error'> {
		const id = ++this.#nextId;
		return new Promise<Outcome | 'error'>((resolve) => {
			this.#requests.set(id, { resolve });
			this.#worker?.postMessage({ ...request, id } satisfies ToWorker);
		});
	}

	#receive(message: FromWorker): void {
		const request = this.#requests.get(message.id);
		if (!request) return; // stopped meanwhile
		switch (message.type) {
			case 'progress':
				this.#onProgress(message.share);
				break;
			case 'popularity':
				this.#counts = message.counts;
				this.#fieldDossiers = message.fields ?? {};
				break;
			case 'begin':
				request.arriving = {
					meta: message.meta,
					total: message.total,
					procedures: [],
					// Filled before it is shown, then replaced whole ($state.raw), never mutated while shown.
					// eslint-disable-next-line svelte/prefer-svelte-reactivity
					keys: new Map()
				};
				break;
			case 'slice': {
				const arriving = request.arriving;
				if (!arriving) break;
				message.procedures.forEach((p, i) => {
					arriving.procedures.push(p);
					arriving.keys.set(p.code, message.keys[i]);
				});
				if (arriving.procedures.length >= arriving.total) {
					request.arriving = undefined;
					this.#show(arriving);
				}
				break;
			}
			case 'done':
			case 'error':
				if (message.type === 'error') console.warn('catalogue worker:', message.message);
				this.#requests.delete(message.id);
				request.resolve(message.type === 'done' ? message.outcome : 'error');
		}
	}

	#show({ meta, procedures, keys }: Arriving): void {
		this.center = meta.center;
		this.qr = meta.qr;
		this.#posted = meta.posted;
		this.#keys = keys;
		this.#raw = procedures;
		this.status = 'ready';
	}

	/** Only a device still without a catalogue shows it: one that has a catalogue refreshes unseen. */
	#onProgress = (share: number) => {
		if (this.status === 'ready') return;
		this.status = 'downloading';
		this.progress = share;
	};
	#onOnline = () => void this.refresh();
	#onOffline = () => (this.connection = 'offline');
}
