// A tablet in the browser tests: paired on /device with the keypad, its outbox read straight from IndexedDB
// (not through the app's code), its service worker and the app version it runs.
import { expect, type Page } from '@playwright/test';
import { gotoHydrated } from './hydrated';

/** Keys the pairing code in on /device; the tablet then goes to its rating screen. */
export async function pairOnDevice(page: Page, code: string, baseUrl = ''): Promise<void> {
	await gotoHydrated(page, baseUrl + '/device');
	const keypad = page.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of code) await keypad.getByRole('button', { name: digit, exact: true }).click();
	await page.getByRole('button', { name: 'Ghép nối' }).click();
	await expect(page).toHaveURL(/\/rate$/);
}

/** Ratings on the device not yet acknowledged by the server (drafts, pending, refused). */
export async function unsyncedCount(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const open = indexedDB.open('sanhso');
		const db: IDBDatabase = await new Promise(
			(ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = fail))
		);
		const rows: { state: string }[] = await new Promise((ok, fail) => {
			const req = db.transaction('outbox').objectStore('outbox').getAll();
			req.onsuccess = () => ok(req.result);
			req.onerror = fail;
		});
		db.close();
		return rows.filter((r) => r.state !== 'synced').length;
	});
}

/** Waits until a service worker controls the page: from then on the device's pages open without the server. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

/** The app version the page gets, as its service worker serves it (from its precache, even with the server down). */
export async function servedVersion(page: Page): Promise<string> {
	return page.evaluate(
		async () => ((await (await fetch('/_app/version.json')).json()) as { version: string }).version
	);
}

/** Whether a new version of the service worker is installed and waiting to take over. */
export async function updateWaiting(page: Page): Promise<boolean> {
	return page.evaluate(async () =>
		Boolean((await navigator.serviceWorker.getRegistration())?.waiting)
	);
}
