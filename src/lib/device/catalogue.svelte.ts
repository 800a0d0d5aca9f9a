// The kiosk's catalogue: read from IndexedDB first (works offline), refreshed from the server by ETag.
import type { Catalogue, Popularity, PostedProcedure, Procedure } from '$lib/schemas/procedure';
import { buildIndex, type SearchIndex } from '$lib/domain/search';
import { countFields, type FieldCount } from '$lib/domain/browse';
import { fieldUsage, NO_CHOICES, orderFields, postedProcedures } from '$lib/domain/posted';
import { identifier } from '$lib/domain/text';
import type { CatalogueMeta, DeviceDb, PopularityMeta } from './db';

// Dexie is loaded just after the first paint, so the attract screen does not wait for it.
const deviceDb = async (): Promise<DeviceDb> => (await import('./db')).deviceDb();

export type Connection = 'online' | 'offline';

const REFRESH_MS = 5 * 60_000;
/** While the server is unreachable, ask again this often so the kiosk notices soon that it is back. */
const RETRY_MS = 15_000;
const FETCH_TIMEOUT_MS = 15_000;

type Fetched<T> =
	{ kind: 'new'; data: T; etag: string } | { kind: 'same' } | { kind: 'failed'; offline: boolean };

/** GET with If-None-Match; a network error, a timeout or a 5xx means the server cannot be reached. `onProgress` hears
 * the share of the body received (0 to 1) once the server has answered, when it says how long the body is. */
async function fetchVersioned<T>(
	url: string,
	etag: string | undefined,
	parse: (v: unknown) => T | undefined,
	onProgress?: (share: number) => void
): Promise<Fetched<T>> {
	let response: Response;
	try {
		response = await fetch(url, {
			headers: etag ? { 'If-None-Match': etag } : {},
			cache: 'no-store',
			signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
		});
	} catch {
		return { kind: 'failed', offline: true };
	}
	if (response.status === 304) return { kind: 'same' };
	if (!response.ok) return { kind: 'failed', offline: response.status >= 500 };
	let body: unknown;
	try {
		body = await readJson(response, onProgress);
	} catch {
		// The body broke off (the link dropped, the timeout struck): as unreachable as no answer at all.
		return { kind: 'failed', offline: true };
	}
	const data = parse(body);
	// Keep what we have: a half-valid catalogue is worse than an old one.
	if (data === undefined) return { kind: 'failed', offline: false };
	return { kind: 'new', data, etag: response.headers.get('ETag') ?? '' };
}

/** The body as JSON (undefined if it is not JSON), read in chunks to report progress. The length comes from the
 * server's X-Json-Length: Content-Length counts gzipped bytes, while the stream gives them unpacked. */
export async function readJson(
	response: Response,
	onProgress?: (share: number) => void
): Promise<unknown> {
	const total = Number(response.headers.get('X-Json-Length'));
	if (!onProgress || !response.body || !(total > 0)) return response.json().catch(() => undefined);
	onProgress(0);
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let received = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		received += value.byteLength;
		onProgress(Math.min(1, received / total));
	}
	const text = await new Blob(chunks as BlobPart[]).text();
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

// The server is ours and validates with zod on import; the kiosk only checks the shape, to keep zod out of its bundle.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextList = (v: unknown): boolean => Array.isArray(v) && v.every(isText);

function asCatalogue(v: unknown): Catalogue | undefined {
	if (!isObject(v) || !isObject(v.center) || !isObject(v.qr) || !Array.isArray(v.procedures))
		return undefined;
	if (
		!isText(v.center.id) ||
		!isText(v.center.name) ||
		!isText(v.qr.publicUrl) ||
		!isText(v.qr.portalSearchTemplate)
	)
		return undefined;
	const wellFormed = v.procedures.every(
		(p: unknown) =>
			isObject(p) &&
			['code', 'name', 'field', 'agency', 'processingTime', 'fee', 'url'].every((k) =>
				isText(p[k])
			) &&
			isTextList(p.levels) &&
			isTextList(p.channels) &&
			// The center's details: a server older than them sends none (withDetails fills them in).
			['documents', 'steps', 'legalBasis'].every((k) => p[k] === undefined || isTextList(p[k])) &&
			['result', 'counter'].every((k) => p[k] === undefined || isText(p[k]))
	);
	return wellFormed
		? ({ ...(v as Catalogue), posted: asPosted(v.posted) } satisfies Catalogue)
		: undefined;
}

const isCounts = (v: unknown): boolean =>
	isObject(v) && Object.values(v).every((n) => typeof n === 'number');

/** A procedure stored before the details existed (or sent without them) reads as one with none. */
function withDetails(p: Procedure): Procedure {
	return {
		...p,
		documents: p.documents ?? [],
		steps: p.steps ?? [],
		result: p.result ?? '',
		legalBasis: p.legalBasis ?? [],
		counter: p.counter ?? ''
	};
}

function asPopularity(v: unknown): Popularity | undefined {
	return isObject(v) && isCounts(v.counts) && (v.fields === undefined || isCounts(v.fields))
		? (v as Popularity)
		: undefined;
}

/** The posted list, if well formed; a malformed one is dropped (the device falls back to the center's level). */
function asPosted(v: unknown): Catalogue['posted'] {
	if (!isObject(v) || !isTextList(v.codes) || !isTextList(v.pins) || !isObject(v.counters))
		return undefined;
	return Object.values(v.counters).every(isText) ? (v as Catalogue['posted']) : undefined;
}

export class CatalogueStore {
	/** Large and never mutated in place: $state.raw keeps Svelte from proxying 2,643 objects. */
	#raw = $state.raw<Procedure[]>([]);
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
	index = $derived<SearchIndex<PostedProcedure>>(buildIndex(this.procedures));
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
	postedIndex = $derived<SearchIndex<PostedProcedure>>(buildIndex(this.posted));
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

	/** Loads what the device holds, then refreshes in the background; call once when the kiosk mounts. */
	async start(): Promise<void> {
		const db = await deviceDb();
		const [meta, popularity, procedures] = await Promise.all([
			db.catalogueMeta(),
			db.popularityMeta(),
			db.procedures.toArray()
		]);
		if (meta && procedures.length > 0) this.#show(meta, procedures);
		else this.status = 'downloading';
		this.#counts = popularity?.counts ?? {};
		this.#fieldDossiers = popularity?.fields ?? {};
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
	}

	/** Asks the server for a newer catalogue and popularity; a failure only marks the kiosk offline. */
	async refresh(): Promise<void> {
		this.#lastAsked = Date.now();
		const db = await deviceDb();
		const meta = await db.catalogueMeta();
		const first = this.status !== 'ready';
		const fetched = await fetchVersioned(
			'/api/v1/catalogue',
			first ? undefined : meta?.etag,
			asCatalogue,
			first ? this.#onProgress : undefined
		);
		if (fetched.kind === 'failed') {
			if (fetched.offline) this.connection = 'offline';
			if (first) {
				this.status = 'empty';
				this.progress = null;
			}
			return;
		}
		this.connection = 'online';
		if (fetched.kind === 'new') {
			const { procedures, center, qr, posted } = fetched.data;
			const next: CatalogueMeta = {
				key: 'catalogue',
				etag: fetched.etag,
				center,
				qr,
				posted,
				fetchedAt: Date.now()
			};
			await db.transaction('rw', db.procedures, db.meta, async () => {
				await db.procedures.clear();
				await db.procedures.bulkPut(procedures);
				await db.meta.put(next);
			});
			this.#show(next, procedures);
		}
		await this.#refreshPopularity();
	}

	async #refreshPopularity(): Promise<void> {
		const db = await deviceDb();
		const meta = await db.popularityMeta();
		const fetched = await fetchVersioned('/api/v1/catalogue/popularity', meta?.etag, asPopularity);
		if (fetched.kind !== 'new') return;
		const row: PopularityMeta = {
			key: 'popularity',
			etag: fetched.etag,
			counts: fetched.data.counts,
			fields: fetched.data.fields
		};
		await db.meta.put(row);
		this.#counts = fetched.data.counts;
		this.#fieldDossiers = fetched.data.fields ?? {};
	}

	#show(meta: Pick<CatalogueMeta, 'center' | 'qr' | 'posted'>, procedures: Procedure[]): void {
		this.center = meta.center;
		this.qr = meta.qr;
		this.#posted = meta.posted;
		this.#raw = procedures.map(withDetails);
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
