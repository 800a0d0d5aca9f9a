import { test } from './support/server';
import { createUsers, signIn } from './support/admin';
import { gotoHydrated } from '../harness/hydrated';

test('shots', async ({ page, server }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await gotoHydrated(page, '/admin/setup');
	await page.getByRole('button', { name: /Tạo tài khoản/ }).click();
	await page.screenshot({ path: '/tmp/shots/setup-errors.png', fullPage: true });
	await createUsers(server, [['quantri', 'admin']]);
	await gotoHydrated(page, '/admin/login');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.screenshot({ path: '/tmp/shots/login-errors.png', fullPage: true });
	await signIn(page, 'quantri');
	await page.setViewportSize({ width: 1280, height: 720 });
	await gotoHydrated(page, '/admin/password');
	await page.getByLabel('Mật khẩu mới', { exact: true }).fill('abc');
	await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await page.waitForTimeout(800);
	await page.screenshot({ path: '/tmp/shots/password.png', fullPage: true });
	await gotoHydrated(page, '/admin/settings');
	await page.screenshot({ path: '/tmp/shots/settings.png', fullPage: true });
});
