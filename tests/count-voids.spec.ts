// Voiding a kiosk's counts from /admin/devices: choose the device and days, see what would be set aside, confirm;
// the void shows with who made it, and an undo counts them again. A NUL typed into a device form is a form error.
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { pairingCode } from '../harness/cli';
import { localDate } from '../src/lib/domain/vn-time';

const HOUR = 3_600_000;

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['quantri', 'admin']]);
	const code = await pairingCode(server, ['--name', 'Ki-ốt bị bấm liên tục', '--kind', 'kiosk']);
	const paired = await fetch(`${server.url}/api/v1/devices/pair`, {
		method: 'POST',
		body: JSON.stringify({ code }),
		headers: { 'content-type': 'application/json' }
	});
	const { token } = (await paired.json()) as { token: string };
	const hour = Math.floor(Date.now() / HOUR) * HOUR;
	const res = await fetch(`${server.url}/api/v1/sync`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({
			sentAt: Date.now(),
			device: { appVersion: 'e2e', backlog: 0, persistent: true },
			ratings: [],
			counts: [{ hour, kind: 'view', key: '1.000001', count: 120 }]
		})
	});
	expect(res.status).toBe(200);
});

const today = () => localDate(Date.now());

test('an admin voids a kiosk’s counts for a day after seeing what they are, and undoes it', async ({
	page
}) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await signIn(page, 'quantri');
	await page.goto('/admin/devices');
	const section = page.getByRole('region', { name: 'Hủy số đếm của một thiết bị' });
	await section.getByLabel('Thiết bị').selectOption({ label: 'Ki-ốt bị bấm liên tục' });
	await section.getByLabel('Từ ngày').fill(today());
	await section.getByLabel('Đến ngày').fill(today());
	await section.getByLabel('Lý do').fill('Trẻ em bấm liên tục');
	await section.getByRole('button', { name: 'Xem trước' }).click();
	await expect(section.getByRole('status')).toContainText('120 lượt xem thủ tục');
	await section.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/count-voids-preview-1440.png' });
	await section.getByRole('button', { name: 'Xác nhận hủy số đếm' }).click();
	await expect(section.getByRole('status')).toContainText('Đã hủy số đếm');
	const row = section.getByRole('row', { name: /Ki-ốt bị bấm liên tục/ });
	await expect(row).toContainText('quantri');
	await expect(row).toContainText('Trẻ em bấm liên tục');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	await page.setViewportSize({ width: 1280, height: 720 });
	await section.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/count-voids-list-1280.png' });

	page.once('dialog', (d) => void d.accept());
	await row.getByRole('button', { name: /Hoàn tác/ }).click();
	await expect(section.getByRole('row', { name: /Ki-ốt bị bấm liên tục/ })).toContainText(
		'Đã hoàn tác (quantri'
	);
});

test('a NUL in a new device’s name is a form error, not a 500', async ({ page }) => {
	await signIn(page, 'quantri');
	await page.goto('/admin/devices');
	await page.getByLabel('Tên thiết bị').fill('Máy quầy');
	await page
		.getByLabel('Tên thiết bị')
		.evaluate((input: HTMLInputElement) => (input.value = 'Máy\u0000quầy'));
	await page.getByRole('button', { name: 'Tạo mã ghép nối' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'ký tự điều khiển' })).toBeVisible();
});
