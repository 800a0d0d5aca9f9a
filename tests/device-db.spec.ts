// The device's database on tablets already in the field (issue 12): it was made by Dexie, which the app no longer
// ships. Here the real Dexie (the old db.ts schema, loaded from node_modules into a page of the app's origin) writes a
// paired tablet with an unsent rating, a view count and a staff choice; the app then opens that database with its own
// IndexedDB layer: the rating reaches the server once, the count is sent, the choice is kept. A fresh device gets the
// very layout Dexie made, so the catalogue worker and old data agree.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { Dexie } from 'dexie';
import { test, expect } from './support/server';
import { counterPairingCode } from '../harness/cli';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';
import { unsyncedCount } from '../harness/device';
import { queryServer } from './support/admin-db';
import { uuidv7 } from '../src/lib/device/uuid';
import type { PairResponse } from '../src/lib/schemas/sync';

test.describe.configure({ timeout: 180_000 });

const DEXIE = createRequire(import.meta.url).resolve('dexie/dist/dexie.js');
const FIXTURE = '/dexie-fixture';
const HOUR_MS = 3_600_000;

/** A blank page of the app's origin (so, its IndexedDB) with the real Dexie loaded, and nothing of the app. */
async function dexiePage(page: Page, baseURL: string): Promise<void> {
	await page.route(baseURL + FIXTURE, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Dexie</title>' })
	);
	await page.goto(baseURL + FIXTURE);
	await page.addScriptTag({ path: DEXIE });
}

/** Object stores, key paths and indexes of the database as IndexedDB itself describes them. */
function layout(page: Page) {
	return page.evaluate(async () => {
		const db: IDBDatabase = await new Promise((ok, fail) => {
			const open = indexedDB.open('sanhso');
			open.onsuccess = () => ok(open.result);
			open.onerror = () => fail(open.error);
		});
		const names = [...db.objectStoreNames].sort();
		const tx = db.transaction(names);
		const stores = names.map((name) => {
			const store = tx.objectStore(name);
			const indexes = [...store.indexNames].sort().map((i) => {
				const index = store.index(i);
				return { name: i, keyPath: index.keyPath, unique: index.unique, multi: index.multiEntry };
			});
			return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
		});
		const version = db.version;
		db.close();
		return { version, stores };
	});
}

/** The device's outbox rows as IndexedDB holds them. */
function outboxRows(page: Page) {
	return page.evaluate(async () => {
		const db: IDBDatabase = await new Promise((ok, fail) => {
			const open = indexedDB.open('sanhso');
			open.onsuccess = () => ok(open.result);
			open.onerror = () => fail(open.error);
		});
		const rows: { id: string; state: string; syncedAt: number | null }[] = await new Promise(
			(ok, fail) => {
				const req = db.transaction('outbox').objectStore('outbox').getAll();
				req.onsuccess = () => ok(req.result);
				req.onerror = () => fail(req.error);
			}
		);
		db.close();
		return rows;
	});
}

test('a tablet whose database Dexie made sends its unsent rating once and keeps its staff choice', async ({
	page,
	server,
	baseURL
}) => {
	const base = baseURL ?? server.url;
	const code = await counterPairingCode(server, 'Quầy Dexie', '5', 'Hộ tịch');
	const paired = await fetch(`${base}/api/v1/devices/pair`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ code })
	});
	expect(paired.status).toBe(200);
	const { token, config } = (await paired.json()) as PairResponse;

	const now = Date.now();
	const id = uuidv7(now - 60_000);
	const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
	await dexiePage(page, base);
	await page.evaluate(
		async ({ token, config, id, now, hour }) => {
			const DexieInPage = (window as unknown as { Dexie: typeof Dexie }).Dexie;
			// The old db.ts, word for word.
			const db = new DexieInPage('sanhso', { chromeTransactionDurability: 'strict' });
			db.version(1).stores({ procedures: 'code, field', meta: 'key' });
			db.version(2).stores({
				outbox: 'id, [state+createdAt], syncedAt',
				counts: '[hour+kind+key], dirty'
			});
			await db.table('meta').put({ key: 'device', token, config, offsetMs: 0, revoked: false });
			await db.table('meta').put({
				key: 'counter',
				field: 'Chứng thực',
				ticket: 'B07',
				dossier: null,
				codesAt: now - 120_000,
				notice: null
			});
			await db.table('outbox').add({
				id,
				level: 'rat_hai_long',
				scale: 3,
				reasons: [],
				comment: '',
				ticket: 'A01',
				dossier: null,
				counter: '5',
				field: 'Hộ tịch',
				ratedAt: now - 60_000,
				clockOffsetMs: 0,
				state: 'pending',
				createdAt: now - 60_000,
				syncedAt: null,
				refusal: null
			});
			await db
				.table('counts')
				.put({ hour, kind: 'view', key: 'dexie-view', count: 3, sent: 0, dirty: 1 });
			db.close();
		},
		{ token, config, id, now, hour }
	);
	const before = await layout(page);
	expect(before.version).toBe(20);
	expect(await outboxRows(page)).toEqual([expect.objectContaining({ id, state: 'pending' })]);

	// The app, with its own IndexedDB layer, on the tablet's rating screen.
	await gotoHydrated(page, base + '/rate');
	await expect(page.getByText('Lĩnh vực: Chứng thực')).toBeVisible();
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
	const rows = await outboxRows(page);
	expect(rows).toEqual([expect.objectContaining({ id, state: 'synced' })]);
	const stored = await queryServer<{ id: string; ticket: string | null }>(
		server.dataDir,
		`SELECT r.id::text AS id, r.ticket FROM ratings r JOIN devices d ON d.id = r.device_id WHERE d.name = $1`,
		['Quầy Dexie']
	);
	expect(stored).toEqual([{ id, ticket: 'A01' }]);
	const counted = await queryServer<{ count: number }>(
		server.dataDir,
		`SELECT c.count FROM counters c WHERE c.key = $1`,
		['dexie-view']
	);
	expect(counted.map((c) => Number(c.count))).toEqual([3]);

	// The staff choice Dexie held goes with the next citizen's rating; a reload sends nothing twice.
	await page.getByRole('button', { name: /^Rất hài lòng/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn ông\/bà đã đánh giá/ })).toBeVisible();
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
	await reloadHydrated(page);
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
	const after = await queryServer<{ id: string; field: string | null; ticket: string | null }>(
		server.dataDir,
		`SELECT r.id::text AS id, r.field, r.ticket FROM ratings r JOIN devices d ON d.id = r.device_id
		 WHERE d.name = $1 ORDER BY r.id`,
		['Quầy Dexie']
	);
	expect(after).toEqual([
		{ id, field: 'Hộ tịch', ticket: 'A01' },
		{ id: expect.any(String), field: 'Chứng thực', ticket: 'B07' }
	]);
	// Opened as Dexie left it: nothing added, nothing dropped.
	expect(await layout(page)).toEqual(before);
});

test('a fresh device gets the layout Dexie made, and a database Dexie left at version 1 is completed', async ({
	browser,
	server,
	baseURL
}) => {
	const base = baseURL ?? server.url;
	const dexieContext = await browser.newContext();
	const appContext = await browser.newContext();
	const oldContext = await browser.newContext();
	try {
		const dexie = await dexieContext.newPage();
		await dexiePage(dexie, base);
		await dexie.evaluate(async () => {
			const DexieInPage = (window as unknown as { Dexie: typeof Dexie }).Dexie;
			const db = new DexieInPage('sanhso', { chromeTransactionDurability: 'strict' });
			db.version(1).stores({ procedures: 'code, field', meta: 'key' });
			db.version(2).stores({
				outbox: 'id, [state+createdAt], syncedAt',
				counts: '[hour+kind+key], dirty'
			});
			await db.open();
			db.close();
		});
		const made = await layout(dexie);
		expect(made.stores.map((s) => s.name)).toEqual(['counts', 'meta', 'outbox', 'procedures']);
		expect(made.stores.find((s) => s.name === 'outbox')?.indexes).toContainEqual({
			name: '[state+createdAt]',
			keyPath: ['state', 'createdAt'],
			unique: false,
			multi: false
		});

		const app = await appContext.newPage();
		await gotoHydrated(app, base + '/device');
		await expect.poll(async () => (await layout(app)).version).toBe(20);
		expect(await layout(app)).toEqual(made);

		// Dexie's version 1 (native 10): the catalogue tables and their meta, from before the outbox existed.
		const old = await oldContext.newPage();
		await dexiePage(old, base);
		await old.evaluate(async () => {
			const DexieInPage = (window as unknown as { Dexie: typeof Dexie }).Dexie;
			const db = new DexieInPage('sanhso');
			db.version(1).stores({ procedures: 'code, field', meta: 'key' });
			await db.table('meta').put({ key: 'popularity', etag: 'x', counts: {}, fields: [] });
			db.close();
		});
		expect((await layout(old)).version).toBe(10);
		await gotoHydrated(old, base + '/device');
		await expect.poll(async () => (await layout(old)).version).toBe(20);
		expect(await layout(old)).toEqual(made);
		const kept = await old.evaluate(async () => {
			const db: IDBDatabase = await new Promise((ok, fail) => {
				const open = indexedDB.open('sanhso');
				open.onsuccess = () => ok(open.result);
				open.onerror = () => fail(open.error);
			});
			const row = await new Promise((ok, fail) => {
				const req = db.transaction('meta').objectStore('meta').get('popularity');
				req.onsuccess = () => ok(req.result);
				req.onerror = () => fail(req.error);
			});
			db.close();
			return row;
		});
		expect(kept).toEqual({ key: 'popularity', etag: 'x', counts: {}, fields: [] });
	} finally {
		await Promise.all([dexieContext.close(), appContext.close(), oldContext.close()]);
	}
});
