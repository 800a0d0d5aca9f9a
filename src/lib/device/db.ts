// The device's IndexedDB: one typed class, one instance; versions and indexes live here only. The database was made
// by Dexie on devices already in the field, and this keeps its layout exactly (see SCHEMA), so their rows carry over.
import { committed, Store } from './idb';
import type { Catalogue, Popularity, Procedure } from '$lib/schemas/procedure';
import type { Count, DeviceConfig, Rating } from '$lib/schemas/sync';

export interface CatalogueMeta {
	key: 'catalogue';
	etag: string;
	center: Catalogue['center'];
	qr: Catalogue['qr'];
	/** The center's posted list; absent when stored by a version before there was one. */
	posted?: Catalogue['posted'];
	fetchedAt: number;
}

export interface PopularityMeta extends Popularity {
	key: 'popularity';
	etag: string;
}

/** Who this device is: its token (the only copy), what the server last told it, its measured clock offset. */
export interface DeviceMeta {
	key: 'device';
	token: string;
	config: DeviceConfig;
	offsetMs: number | null;
	revoked: boolean;
}

/** What staff set for the next citizen; survives a reload (staff-choice.svelte.ts writes it at each change). */
export interface CounterMeta {
	key: 'counter';
	field: string | null;
	ticket: string | null;
	dossier: string | null;
	/** When the ticket or dossier was keyed in (epoch ms); absent in rows written before it was kept. */
	codesAt?: number | null;
	/** A note for staff about a saved choice that was dropped, until they read it. */
	notice?: string | null;
}

export type Meta = CatalogueMeta | PopularityMeta | DeviceMeta | CounterMeta;

/**
 * A rating in the outbox. 'draft': tapped, reasons still being chosen (durable already; becomes pending when done or
 * at the next start). 'pending': to send. 'synced': acknowledged by id. 'refused': the server refused it; kept.
 */
export type OutboxRow = Rating & {
	state: 'draft' | 'pending' | 'synced' | 'refused';
	createdAt: number;
	syncedAt: number | null;
	refusal: string | null;
};

/** A running count per hour and key; `sent` is what the server last acknowledged. */
export type CountRow = Count & { sent: number; dirty: 0 | 1 };

/** The rows of each object store. */
export interface Rows {
	procedures: Procedure;
	meta: Meta;
	outbox: OutboxRow;
	counts: CountRow;
}
export type StoreName = keyof Rows;

export const DB_NAME = 'sanhso';
/**
 * Dexie's version 2, which it stored as native version 20 (declared × 10). Dexie's names are kept: a compound index
 * is named by its key paths in brackets ('[state+createdAt]'), a compound primary key has no index of its own.
 */
export const DB_VERSION = 20;
const SCHEMA: Record<
	StoreName,
	{ keyPath: string | string[]; indexes: Record<string, string | string[]> }
> = {
	procedures: { keyPath: 'code', indexes: { field: 'field' } },
	meta: { keyPath: 'key', indexes: {} },
	outbox: {
		keyPath: 'id',
		indexes: { '[state+createdAt]': ['state', 'createdAt'], syncedAt: 'syncedAt' }
	},
	counts: { keyPath: ['hour', 'kind', 'key'], indexes: { dirty: 'dirty' } }
};

/** Creates what is missing (a fresh device, or one still on Dexie's version 1); never drops or rewrites a row. */
function upgrade(db: IDBDatabase, tx: IDBTransaction): void {
	for (const [name, { keyPath, indexes }] of Object.entries(SCHEMA)) {
		const store = db.objectStoreNames.contains(name)
			? tx.objectStore(name)
			: db.createObjectStore(name, { keyPath });
		for (const [index, path] of Object.entries(indexes))
			if (!store.indexNames.contains(index)) store.createIndex(index, path);
	}
}

function complete(db: IDBDatabase): boolean {
	const names = Object.keys(SCHEMA) as StoreName[];
	if (!names.every((n) => db.objectStoreNames.contains(n))) return false;
	const tx = db.transaction(names);
	return names.every((n) => {
		const store = tx.objectStore(n);
		return Object.keys(SCHEMA[n].indexes).every((i) => store.indexNames.contains(i));
	});
}

function openAt(version?: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, version);
		req.onupgradeneeded = () => upgrade(req.result, req.transaction as IDBTransaction);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/** At version 20; a database a later Dexie left at a higher version is opened as it is, completed if it lacks a part. */
async function openDatabase(): Promise<IDBDatabase> {
	let db: IDBDatabase;
	try {
		db = await openAt(DB_VERSION);
	} catch (e) {
		if (!(e instanceof DOMException && e.name === 'VersionError')) throw e;
		db = await openAt();
	}
	if (complete(db)) return db;
	const version = db.version + 1;
	db.close();
	return openAt(version);
}

/** One transaction's view of its stores. */
export interface Tx {
	store<S extends StoreName>(name: S): Store<Rows[S]>;
}

export class DeviceDb {
	#db: Promise<IDBDatabase> | undefined;

	/** Opens (creating or upgrading) the database; every other method opens it too when needed. */
	async open(): Promise<void> {
		await this.#open();
	}

	#open(): Promise<IDBDatabase> {
		this.#db ??= openDatabase().then(
			(db) => {
				// Another tab (a newer app version) wants to upgrade: let it; the next use here opens again.
				db.onversionchange = () => {
					db.close();
					this.#db = undefined;
				};
				return db;
			},
			(e: unknown) => {
				this.#db = undefined;
				throw e;
			}
		);
		return this.#db;
	}

	/**
	 * Runs `work` in one transaction and resolves once it has committed. Writes use 'strict' durability: the
	 * transaction completes only once the disk has it (Chromium's default, 'relaxed', is written to the OS only, which a
	 * power cut on a counter tablet can lose; a rating shown as thanked must survive that). `work` may await only
	 * requests of this transaction.
	 */
	async tx<T>(
		stores: StoreName[],
		mode: IDBTransactionMode,
		work: (tx: Tx) => Promise<T>
	): Promise<T> {
		const db = await this.#open();
		const tx = db.transaction(stores, mode, {
			durability: mode === 'readonly' ? 'default' : 'strict'
		});
		const done = committed(tx);
		let out: T;
		try {
			out = await work({ store: (name) => new Store(tx.objectStore(name)) });
		} catch (e) {
			try {
				tx.abort();
			} catch {
				// Already finished or aborted by the failed request itself.
			}
			await done.catch(() => undefined);
			throw e;
		}
		await done;
		return out;
	}

	get<S extends StoreName>(name: S, key: IDBValidKey): Promise<Rows[S] | undefined> {
		return this.tx([name], 'readonly', (tx) => tx.store(name).get(key));
	}

	put<S extends StoreName>(name: S, row: Rows[S]): Promise<void> {
		return this.tx([name], 'readwrite', (tx) => tx.store(name).put(row));
	}

	add<S extends StoreName>(name: S, row: Rows[S]): Promise<void> {
		return this.tx([name], 'readwrite', (tx) => tx.store(name).add(row));
	}

	async catalogueMeta(): Promise<CatalogueMeta | undefined> {
		const meta = await this.get('meta', 'catalogue');
		return meta?.key === 'catalogue' ? meta : undefined;
	}
}

let instance: DeviceDb | undefined;

/** The one DeviceDb of this tab (browser only: created on first use, never during SSR). */
export function deviceDb(): DeviceDb {
	instance ??= new DeviceDb();
	return instance;
}
