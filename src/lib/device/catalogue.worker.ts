// The kiosk's catalogue work, off the main thread: reading the stored catalogue, downloading a newer one, checking it,
// writing it to IndexedDB and computing its search keys. The page only receives what its lists show, in slices small
// enough that taking each one in stays well under 50 ms, so a tap during a refresh is answered at once.
/// <reference lib="webworker" />
import type { Procedure } from '$lib/schemas/procedure';
import { searchKeys } from '$lib/domain/search';
import { asCatalogue, asPopularity, fetchVersioned } from './catalogue-fetch';
import type { CatalogueMeta, PopularityMeta } from './db';
import { listed, type FromWorker, type ToWorker } from './catalogue-messages';

/** Procedures per message: the page deserialises each message in one task. */
const SLICE = 200;

// db.ts owns the database's schema and versions; the page opens it there before asking anything here, so it exists
// at its current version. Opened without a version, closed after each use, and closed at once when
// a newer schema wants it: this worker never holds up an upgrade.
function openDb(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open('sanhso');
		request.onsuccess = () => {
			const db = request.result;
			db.onversionchange = () => db.close();
			resolve(db);
		};
		request.onerror = () => reject(request.error);
	});
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error);
	});
}

function result<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function withDb<T>(fn: (db: IDBDatabase) => Promise<T>): Promise<T> {
	const db = await openDb();
	try {
		return await fn(db);
	} finally {
		db.close();
	}
}

const readMeta = <M>(db: IDBDatabase, key: string) =>
	result(db.transaction('meta').objectStore('meta').get(key) as IDBRequest<M | undefined>);

const post = (message: FromWorker) => postMessage(message);

/** Sends a catalogue to the page: its meta, then what its lists show of each procedure, with their search keys, in
 * slices. A procedure's details stay in IndexedDB until its page asks for them. */
function send(id: number, meta: CatalogueMeta, procedures: Procedure[]): void {
	post({ id, type: 'begin', meta, total: procedures.length });
	for (let i = 0; i < procedures.length; i += SLICE) {
		const slice = procedures.slice(i, i + SLICE).map(listed);
		post({ id, type: 'slice', procedures: slice, keys: slice.map(searchKeys) });
	}
}

async function load(id: number): Promise<void> {
	const { meta, popularity, procedures } = await withDb(async (db) => ({
		meta: await readMeta<CatalogueMeta>(db, 'catalogue'),
		popularity: await readMeta<PopularityMeta>(db, 'popularity'),
		procedures: await result(
			db.transaction('procedures').objectStore('procedures').getAll() as IDBRequest<Procedure[]>
		)
	}));
	if (popularity)
		post({ id, type: 'popularity', counts: popularity.counts, fields: popularity.fields });
	if (meta && procedures.length > 0) send(id, meta, procedures);
	post({ id, type: 'done', outcome: meta && procedures.length > 0 ? 'stored' : 'none' });
}

async function refresh(id: number, first: boolean): Promise<void> {
	const etag = first
		? undefined
		: (await withDb((db) => readMeta<CatalogueMeta>(db, 'catalogue')))?.etag;
	const fetched = await fetchVersioned(
		'/api/v1/catalogue',
		etag,
		asCatalogue,
		first ? (share) => post({ id, type: 'progress', share }) : undefined
	);
	if (fetched.kind === 'failed') {
		post({ id, type: 'done', outcome: fetched.offline ? 'offline' : 'refused' });
		return;
	}
	if (fetched.kind === 'new') {
		const { procedures, center, qr, posted } = fetched.data;
		const meta: CatalogueMeta = {
			key: 'catalogue',
			etag: fetched.etag,
			center,
			qr,
			posted,
			fetchedAt: Date.now()
		};
		// One transaction, durable before the page is told: the old catalogue stays whole until the new one is.
		await withDb(async (db) => {
			const tx = db.transaction(['procedures', 'meta'], 'readwrite', { durability: 'strict' });
			const store = tx.objectStore('procedures');
			store.clear();
			for (const p of procedures) store.put(p);
			tx.objectStore('meta').put(meta);
			await done(tx);
		});
		send(id, meta, procedures);
	}
	await refreshPopularity(id);
	post({ id, type: 'done', outcome: fetched.kind });
}

async function refreshPopularity(id: number): Promise<void> {
	const stored = await withDb((db) => readMeta<PopularityMeta>(db, 'popularity'));
	const fetched = await fetchVersioned('/api/v1/catalogue/popularity', stored?.etag, asPopularity);
	if (fetched.kind !== 'new') return;
	const row: PopularityMeta = {
		key: 'popularity',
		etag: fetched.etag,
		counts: fetched.data.counts,
		fields: fetched.data.fields
	};
	await withDb(async (db) => {
		const tx = db.transaction('meta', 'readwrite');
		tx.objectStore('meta').put(row);
		await done(tx);
	});
	post({ id, type: 'popularity', counts: row.counts, fields: row.fields });
}

onmessage = (event: MessageEvent<ToWorker>) => {
	const { id, type } = event.data;
	const work = type === 'load' ? load(id) : refresh(id, event.data.first);
	work.catch((e: unknown) => {
		// IndexedDB refused (storage full, the database deleted): the page keeps what it shows.
		post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
	});
};
