// A tablet in the browser tests: paired on /device with the keypad, and its outbox read straight from IndexedDB
// (not through the app's code).
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
		const db: IDBDatabase = await new Promise((ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = fail)));
		const rows: { state: string }[] = await new Promise((ok, fail) => {
			const req = db.transaction('outbox').objectStore('outbox').getAll();
			req.onsuccess = () => ok(req.result);
			req.onerror = fail;
		});
		db.close();
		return rows.filter((r) => r.state !== 'synced').length;
	});
}
