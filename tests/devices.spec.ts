// The admin's devices page: a pairing code made there pairs a tablet, which then shows in the list; revoking it
// stops its sync, and the tablet tells staff it must be paired again while keeping its ratings.
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { pairOnDevice, unsyncedCount } from '../harness/device';
import { queryServer } from './support/admin-db';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';

const DESK = [
	{ width: 1440, height: 900 },
	{ width: 1280, height: 720 }
];

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['giamdoc', 'admin']]);
});

test('an admin pairs a tablet with a code from the devices page, sees it in the list, and revokes it', async ({
	page,
	context
}) => {
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

test('rating settings show what was saved, keep it when saved again, and refuse an empty or broken field at the field', async ({
	page,
	server
}, testInfo) => {
	const stored = async () =>
		(
			await queryServer<{ s: number; levels: string[] }>(
				server.dataDir,
				`SELECT min_rating_interval_s AS s, satisfied_levels AS levels FROM centers`
			)
		)[0];
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin/devices');
	const settings = page.getByRole('region', { name: 'Cài đặt đánh giá' });
	const interval = settings.getByLabel(/Khoảng cách tối thiểu/);
	const save = settings.getByRole('button', { name: 'Lưu cài đặt' });
	const saved = settings.getByRole('status').filter({ hasText: 'Đã lưu cài đặt đánh giá' });

	await interval.fill('45');
	await save.click();
	await expect(saved).toBeVisible();
	await expect(interval).toHaveValue('45');
	const levels = (await stored()).levels;
	expect(await stored()).toEqual({ s: 45, levels });

	// Saved again untouched: the same values go back, nothing turns into 0.
	await save.click();
	await expect(saved).toBeVisible();
	await expect(interval).toHaveValue('45');
	for (const level of levels)
		await expect(settings.locator(`input[name="satisfiedLevels"][value="${level}"]`)).toBeChecked();
	expect(await stored()).toEqual({ s: 45, levels });
	await reloadHydrated(page);
	await expect(interval).toHaveValue('45');

	for (const [typed, message] of [
		['', 'Nhập khoảng cách tối thiểu giữa hai lượt đánh giá'],
		['12,5', 'phải là số giây nguyên'],
		['5000', 'tối đa 3600 giây']
	]) {
		await interval.fill(typed);
		await save.click();
		await expect(settings.getByRole('alert')).toHaveText('Chưa lưu: hãy sửa các ô được đánh dấu.');
		await expect(interval).toHaveAttribute('aria-invalid', 'true');
		await expect(interval).toHaveAccessibleDescription(new RegExp(message));
		await expect(interval).toHaveValue(typed);
		expect(await stored()).toEqual({ s: 45, levels });
	}
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	for (const size of DESK) {
		await page.setViewportSize(size);
		await interval.scrollIntoViewIfNeeded();
		await page.screenshot({
			path: testInfo.outputPath(`devices-settings-error-${size.width}x${size.height}.png`)
		});
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			`width at ${size.width}`
		).toBeLessThanOrEqual(size.width);
	}
});
