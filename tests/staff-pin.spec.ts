// Issue 10: the staff PIN's PBKDF2 record went to every device, lobby kiosks included, and a 4-digit PIN fell in 69
// guesses. On a counter tablet now: the server checks the PIN while online, the tablet's own record while offline,
// and wrong PINs make the next try wait longer, a wait a reload does not reset. A kiosk never holds the record.
import type { Page } from '@playwright/test';
import { test, expect, type AppServer } from './support/server';
import { checkA11y } from './support/axe';
import { cliOn, counterPairingCode, pairingCode } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';
import { pairOnDevice } from '../harness/device';

const PIN = '246813';

test.use({ viewport: { width: 800, height: 1280 } });

test.beforeAll(async ({ server }) => {
	await cliOn(server, ['ratings', 'settings', '--staff-pin', PIN]);
});

function pairCounter(page: Page, server: AppServer, name: string) {
	return counterPairingCode(server, name, '2').then((code) => pairOnDevice(page, code));
}

async function openPanel(page: Page) {
	await page.getByRole('button', { name: 'Nhân viên' }).click();
	const dialog = page.getByRole('dialog', { name: /Dành cho nhân viên/ });
	return { dialog, keypad: dialog.getByRole('group', { name: 'Bàn phím số' }) };
}

async function typePin(page: Page, pin: string) {
	const { dialog, keypad } = await openPanelIfClosed(page);
	for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
	await dialog.getByRole('button', { name: 'Xác nhận' }).click();
	return dialog;
}

async function openPanelIfClosed(page: Page) {
	const dialog = page.getByRole('dialog', { name: /Dành cho nhân viên/ });
	if (!(await dialog.isVisible())) return openPanel(page);
	return { dialog, keypad: dialog.getByRole('group', { name: 'Bàn phím số' }) };
}

/** The device config the tablet keeps in IndexedDB, read without the app's code. */
async function storedConfig(
	page: Page
): Promise<{ kind: string; staffPin: unknown; staffPinSet?: boolean }> {
	return page.evaluate(async () => {
		const open = indexedDB.open('sanhso');
		const db: IDBDatabase = await new Promise(
			(ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = fail))
		);
		const meta: { config: { kind: string; staffPin: unknown; staffPinSet?: boolean } } =
			await new Promise((ok, fail) => {
				const req = db.transaction('meta').objectStore('meta').get('device');
				req.onsuccess = () => ok(req.result);
				req.onerror = fail;
			});
		db.close();
		return meta.config;
	});
}

test('wrong PINs make the tablet wait longer, said in Vietnamese, and a reload does not reset the wait', async ({
	page,
	server
}) => {
	await pairCounter(page, server, 'Quầy 2');
	let dialog = await typePin(page, '111111');
	await expect(dialog.getByRole('alert')).toHaveText('Mã PIN không đúng. Vui lòng nhập lại.');
	dialog = await typePin(page, '222222');
	await expect(dialog.getByRole('alert')).toHaveText(
		'Mã PIN không đúng. Vui lòng chờ 5 giây rồi thử lại.'
	);
	const keypad = dialog.getByRole('group', { name: 'Bàn phím số' });
	await expect(keypad.getByRole('button', { name: '1', exact: true })).toBeDisabled();
	await expect(dialog.getByText(/Còn \d+ giây nữa mới nhập lại được/)).toBeVisible();
	// Once the wait is over the keypad opens again; the third wrong PIN waits 30 seconds.
	await expect(keypad.getByRole('button', { name: '1', exact: true })).toBeEnabled({
		timeout: 15_000
	});
	await expect(dialog.getByRole('alert')).toHaveText(
		'Đã hết thời gian chờ. Vui lòng nhập lại mã PIN.'
	);
	dialog = await typePin(page, '333333');
	await expect(dialog.getByRole('alert')).toHaveText(
		'Mã PIN không đúng. Vui lòng chờ 30 giây rồi thử lại.'
	);

	await page.reload();
	await gotoHydrated(page, '/rate');
	const again = await openPanel(page);
	await expect(again.dialog.getByRole('alert')).toContainText(
		/Đã nhập sai mã PIN nhiều lần. Vui lòng chờ \d+ giây rồi thử lại./
	);
	await expect(again.keypad.getByRole('button', { name: '2', exact: true })).toBeDisabled();
	await expect(again.dialog.getByRole('button', { name: 'Xác nhận' })).toBeDisabled();
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('the right PIN opens the staff panel: checked by the server online, by the tablet offline', async ({
	page,
	server
}) => {
	await pairCounter(page, server, 'Quầy 8');
	expect((await storedConfig(page)).staffPin).toMatchObject({ iterations: 600_000 });
	const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/devices/pin'));
	const dialog = await typePin(page, PIN);
	expect((await checked).status()).toBe(200);
	await expect(
		dialog.getByRole('heading', { name: 'Lĩnh vực cho công dân tiếp theo' })
	).toBeVisible();
	await dialog.getByRole('button', { name: 'Đóng' }).click();

	// Offline: the server cannot be reached, the counter tablet's own record decides.
	await page.route('**/api/v1/devices/pin', (route) => route.abort('internetdisconnected'));
	const offline = await typePin(page, '135799');
	await expect(offline.getByRole('alert')).toHaveText('Mã PIN không đúng. Vui lòng nhập lại.');
	await typePin(page, PIN);
	await expect(
		offline.getByRole('heading', { name: 'Lĩnh vực cho công dân tiếp theo' })
	).toBeVisible();
});

test('a kiosk never receives the PIN record: not on pairing, not on sync, not in its storage', async ({
	page,
	server
}) => {
	const bodies: string[] = [];
	page.on('response', async (r) => {
		if (/\/api\/v1\/(devices\/pair|sync)$/.test(r.url()) && r.status() === 200)
			bodies.push(await r.text());
	});
	const code = await pairingCode(server, ['--name', 'Ki-ốt sảnh', '--kind', 'kiosk']);
	await gotoHydrated(page, '/device');
	const keypad = page.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of code) await keypad.getByRole('button', { name: digit, exact: true }).click();
	await page.getByRole('button', { name: 'Ghép nối' }).click();
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect
		.poll(() => bodies.filter((b) => b.includes('"acked"')).length, { timeout: 30_000 })
		.toBeGreaterThan(0);
	expect(bodies.some((b) => b.includes('"token"'))).toBe(true);
	for (const body of bodies) {
		const { config } = JSON.parse(body) as {
			config: { kind: string; staffPin: unknown; staffPinSet: boolean };
		};
		expect(config).toMatchObject({ kind: 'kiosk', staffPin: null, staffPinSet: true });
	}
	expect(await storedConfig(page)).toMatchObject({ kind: 'kiosk', staffPin: null });
});
