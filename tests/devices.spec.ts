// The admin's devices page: a pairing code made there pairs a tablet, which then shows in the list; revoking it
// stops its sync, and the tablet tells staff it must be paired again while keeping its ratings.
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { pairOnDevice, unsyncedCount } from './support/device';

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['giamdoc', 'admin']]);
});

test('an admin pairs a tablet with a code from the devices page, sees it in the list, and revokes it', async ({ page, context }) => {
	await signIn(page, 'giamdoc');
	await page.getByRole('link', { name: /Thiết bị/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Thiết bị');
	await page.getByLabel('Tên thiết bị').fill('Máy quầy 7');
	await page.getByLabel('Quầy', { exact: true }).fill('7');
	await page.getByRole('button', { name: 'Tạo mã ghép nối' }).click();
	const code = (await page.locator('.digits').textContent())?.trim() ?? '';
	expect(code).toMatch(/^\d{6}$/);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	const tablet = await context.newPage();
	await pairOnDevice(tablet, code);
	await expect(tablet.getByText('Quầy 7')).toBeVisible();

	await page.reload();
	const row = page.getByRole('row', { name: /Máy quầy 7/ });
	await expect(row).toContainText('Tại quầy');
	page.once('dialog', (d) => void d.accept());
	await row.getByRole('button', { name: /Thu hồi/ }).click();
	await expect(page.getByRole('row', { name: /Máy quầy 7/ })).toContainText('Đã thu hồi');

	// The tablet still takes the next rating, keeps it, and says it must be paired again.
	await tablet.getByRole('button', { name: /^Hài lòng/ }).click();
	await expect(tablet.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
	await expect(tablet.getByRole('alert')).toContainText('đã bị thu hồi', { timeout: 15_000 });
	const unsent = await unsyncedCount(tablet);
	expect(unsent).toBe(1);
});
