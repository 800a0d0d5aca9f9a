// The counter tablet: paired once with a code, then one tap per citizen; answers survive a lost network.
import type { Page } from '@playwright/test';
import { test, expect, type AppServer } from './support/server';
import { checkA11y } from './support/axe';
import { cliOn, counterPairingCode, ratingTotals as totals } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';
import { pairOnDevice as pair, unsyncedCount } from '../harness/device';
import { storedComments } from './support/admin-db';

const PIN = '246813';

const newCode = (server: AppServer, name: string) => counterPairingCode(server, name);

/** Waits until every rating on the device has been acknowledged by the server. */
async function waitSynced(page: Page) {
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
}

test.beforeAll(async ({ server }) => {
	await cliOn(server, ['ratings', 'settings', '--staff-pin', PIN]);
});

test('a tablet pairs with a code, and one tap is one counted rating on the server', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 3'));
	await expect(page.getByText('Quầy 3').first()).toBeVisible();
	await expect(page.getByText('Lĩnh vực: Hộ tịch')).toBeVisible();
	const before = await totals(server);
	await gotoHydrated(page, '/rate');
	await page.getByRole('button', { name: /^Rất hài lòng/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn ông\/bà đã đánh giá/ })).toBeVisible();
	await waitSynced(page);
	const after = await totals(server);
	expect(after.counted - before.counted).toBe(1);
	expect((after.byLevel.rat_hai_long ?? 0) - (before.byLevel.rat_hai_long ?? 0)).toBe(1);
	// Back to the start for the next citizen after five seconds.
	await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeVisible({ timeout: 10_000 });
});

test('a dissatisfied citizen picks reasons and types "chowf laau" in Telex; the server stores the comment "chờ lâu"', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 4'));
	await page.getByRole('button', { name: /^Không hài lòng/ }).click();
	await page.getByRole('button', { name: /Thời gian chờ/ }).click();
	await expect(page.getByRole('button', { name: /Thời gian chờ/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const keyboard = page.getByRole('group', { name: 'Bàn phím' });
	await expect(keyboard.getByRole('switch', { name: 'Gõ Telex' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	for (const key of 'chowf laau')
		await keyboard
			.getByRole('button', { name: key === ' ' ? 'Dấu cách' : key.toUpperCase(), exact: true })
			.click();
	await expect(page.getByLabel(/Góp ý thêm/)).toHaveValue('chờ lâu');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
	await waitSynced(page);
	const after = await totals(server);
	expect(after.byLevel.khong_hai_long ?? 0).toBeGreaterThanOrEqual(1);
	// Read back from the database: seven NFC code points, not "cho lau" and not a decomposed "chờ lâu".
	const comments = await storedComments(server.dataDir, 'Quầy 4');
	expect(comments).toEqual(['chờ lâu'.normalize('NFC')]);
	expect([...comments[0]]).toHaveLength(7);
});

test('the tone row writes Vietnamese without Telex; with "Gõ Telex" off the letters stay as tapped', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 8'));
	await page.getByRole('button', { name: /^Không hài lòng/ }).click();
	const keyboard = page.getByRole('group', { name: 'Bàn phím' });
	const comment = page.getByLabel(/Góp ý thêm/);
	const tap = async (name: string) => keyboard.getByRole('button', { name, exact: true }).click();
	const telexSwitch = keyboard.getByRole('switch', { name: 'Gõ Telex' });
	await telexSwitch.click();
	await expect(telexSwitch).toHaveAttribute('aria-checked', 'false');
	for (const key of 'chow') await tap(key.toUpperCase());
	await expect(comment).toHaveValue('chow');
	await tap('Xoá');
	await tap('Dấu huyền');
	await tap('Ơ');
	await tap('Dấu cách');
	for (const key of 'lau') await tap(key.toUpperCase());
	await tap('Â');
	await expect(comment).toHaveValue('chờ lâu');
	await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
	await waitSynced(page);
	expect(await storedComments(server.dataDir, 'Quầy 8')).toEqual(['chờ lâu'.normalize('NFC')]);
});

test('with the network cut, ratings are kept on the tablet and arrive once it is back', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 5'));
	const before = await totals(server);
	await gotoHydrated(page, '/rate');
	await page.route('**/api/v1/sync', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: /^Hài lòng/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
	await expect(page.getByText(/Mất mạng/)).toBeVisible({ timeout: 10_000 });
	await page.unroute('**/api/v1/sync');
	// Coming back online triggers a sync at once, whatever the backoff.
	await page.evaluate(() => dispatchEvent(new Event('online')));
	await waitSynced(page);
	expect((await totals(server)).counted - before.counted).toBe(1);
});

test('a rating made in a second tab while the first is sending waits its turn and is sent, not left for the timer', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 6'));
	const second = await page.context().newPage();
	await gotoHydrated(second, '/rate');
	const before = await totals(server);
	// The first tab's request is held, so it keeps the one-tab-at-a-time lock while the second tab's rating is made.
	let sending!: () => void;
	const sent = new Promise<void>((resolve) => (sending = resolve));
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/v1/sync', async (route) => {
		sending();
		await released;
		await route.continue();
	});
	await page.getByRole('button', { name: /^Rất hài lòng/ }).click();
	await sent;
	await second.getByRole('button', { name: /^Hài lòng/ }).click();
	await expect(second.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
	release();
	// Well inside the 30-second timer: the second tab sends as soon as the first lets go.
	await expect.poll(() => unsyncedCount(second), { timeout: 10_000 }).toBe(0);
	// Both arrive; two answers seconds apart from one device are stored, the second flagged, not counted.
	const after = await totals(server);
	expect(after.stored - before.stored).toBe(2);
	expect(after.counted + after.flagged - before.counted - before.flagged).toBe(2);
	await second.close();
});

test('staff see what is waiting to be sent and send it at once', async ({ page, server }) => {
	await pair(page, await newCode(server, 'Quầy 7'));
	const before = await totals(server);
	await page.route('**/api/v1/sync', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: /^Hài lòng/ }).click();
	await expect(page.getByText(/Mất mạng/)).toBeVisible({ timeout: 10_000 });
	await page.getByRole('button', { name: 'Nhân viên' }).click({ timeout: 10_000 });
	const dialog = page.getByRole('dialog', { name: /Dành cho nhân viên/ });
	const keypad = dialog.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of PIN) await keypad.getByRole('button', { name: digit, exact: true }).click();
	// The sync is cut, not the PIN check: the server checks it.
	await dialog.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(dialog.getByText('Đánh giá chưa gửi: 1')).toBeVisible();
	await page.unroute('**/api/v1/sync');
	// After a failure the device waits (backoff, then its 30 s timer); the button does not.
	await dialog.getByRole('button', { name: 'Gửi ngay' }).click();
	await expect(dialog.getByText('Đánh giá chưa gửi: 0')).toBeVisible({ timeout: 5_000 });
	expect((await totals(server)).counted - before.counted).toBe(1);
});

test('staff change the field for the next citizen behind the staff PIN', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 6'));
	await page.getByRole('button', { name: 'Nhân viên' }).click();
	const dialog = page.getByRole('dialog', { name: /Dành cho nhân viên/ });
	const keypad = dialog.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of '111111')
		await keypad.getByRole('button', { name: digit, exact: true }).click();
	await dialog.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(dialog.getByRole('alert')).toContainText('Mã PIN không đúng');
	for (const digit of PIN) await keypad.getByRole('button', { name: digit, exact: true }).click();
	await dialog.getByRole('button', { name: 'Xác nhận' }).click();
	const fields = dialog.getByRole('heading', { name: 'Lĩnh vực cho công dân tiếp theo' });
	await expect(fields).toBeVisible();
	const other = dialog.locator('.fields button').filter({ hasNotText: 'Hộ tịch' }).first();
	const name = (await other.textContent())?.trim() ?? '';
	await other.click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText(`Lĩnh vực: ${name}`)).toBeVisible();
});

test('axe finds no violations on the rating screen and the device page', async ({ page }) => {
	await gotoHydrated(page, '/rate');
	await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeVisible();
	let report = await checkA11y(page);
	expect(report.violations, report.summary).toEqual([]);
	await gotoHydrated(page, '/device');
	report = await checkA11y(page);
	expect(report.violations, report.summary).toEqual([]);
});
