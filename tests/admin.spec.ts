// A center's manager: signs in, previews a new catalogue file, applies it; the kiosk's API follows.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './support/server';
import { ROOT } from '../harness/app-server';
import { checkA11y } from './support/axe';
import { gotoHydrated } from '../harness/hydrated';
import { createUsers, signIn } from './support/admin';

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['giamdoc', 'admin']]);
});

test('the admin pages send a visitor who is not signed in to the login page', async ({ page }) => {
	await page.goto('/admin/catalogue');
	await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fcatalogue/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Đăng nhập quản trị');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('a wrong password is refused in Vietnamese', async ({ page }) => {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill('giamdoc');
	await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
	await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
	await expect(page).toHaveURL(/\/admin\/login/);
});

test('a bad catalogue file is rejected with every error by row and column, and nothing changes', async ({
	page,
	request,
	server
}) => {
	const before = (await request.get(`${server.url}/api/v1/catalogue`)).headers().etag;
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin/catalogue');
	await page.getByLabel(/Tệp danh mục/).setInputFiles({
		name: 'sai.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien\n1.1,Tên,Hộ tịch,Cấp huyện\n1.2,,Hộ tịch,Cấp xã\n'
		)
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(page.getByRole('alert')).toContainText('bị từ chối: 2 lỗi');
	await expect(page.getByText('dòng 2, cột cap_thuc_hien')).toBeVisible();
	await expect(page.getByText('dòng 3, cột ten_thu_tuc: không được để trống')).toBeVisible();
	expect((await request.get(`${server.url}/api/v1/catalogue`)).headers().etag).toBe(before);
});

test('a new catalogue is previewed, then applied, and the devices get it', async ({
	page,
	request,
	server
}) => {
	const demo = await readFile(path.join(ROOT, 'demo/tthc-catalogue.csv'), 'utf8');
	const edited = demo.replace(
		'1.001193,Thủ tục đăng ký khai sinh,',
		'1.001193,Thủ tục đăng ký khai sinh (mẫu mới),'
	);
	expect(edited).not.toBe(demo);

	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin/catalogue');
	await page
		.getByLabel(/Tệp danh mục/)
		.setInputFiles({ name: 'danh-muc.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
	await page.getByRole('button', { name: /Xem trước/ }).click();
	const count = (text: string) =>
		page.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
	await expect(count('1 thay đổi')).toBeVisible();
	await expect(count('0 bãi bỏ')).toBeVisible();
	await expect(page.getByText(/1\.001193.*đổi tên/)).toBeVisible();

	// Nothing is written by the preview.
	const posted = async () =>
		(await (await request.get(`${server.url}/api/v1/catalogue`)).json()) as {
			procedures: { code: string; name: string }[];
		};
	expect((await posted()).procedures.find((p) => p.code === '1.001193')?.name).toBe(
		'Thủ tục đăng ký khai sinh'
	);

	await page.getByRole('button', { name: /Áp dụng thay đổi/ }).click();
	await expect(page.getByRole('heading', { name: /Đã áp dụng/ })).toBeVisible();
	expect((await posted()).procedures.find((p) => p.code === '1.001193')?.name).toBe(
		'Thủ tục đăng ký khai sinh (mẫu mới)'
	);
});

test('signing out ends the session', async ({ page }) => {
	await signIn(page, 'giamdoc');
	// Sign-out sits in the header's account menu, named by the user.
	await page.locator('header summary', { hasText: 'giamdoc' }).click();
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/admin\/login/);
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/admin\/login/);
});

test('the catalogue page links to the posters; both warn on screen, not on paper, that a local address is no QR target', async ({
	page
}, testInfo) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin/catalogue');
	// The test server answers on 127.0.0.1 with no PUBLIC_URL: the QR codes would point at it.
	await expect(page.locator('.qr-warning')).toContainText('127.0.0.1');
	await page.getByRole('link', { name: /In niêm yết/ }).click();
	await expect(page).toHaveURL(/\/posters$/);
	const warning = page.locator('.qr-warning');
	await expect(warning).toBeVisible();
	await expect(page.getByText(/^Niêm yết ngày \d{2}\/\d{1,2}\/\d{4}$/)).toBeVisible();

	const hoTich = page.locator('table').filter({ hasText: 'Lĩnh vực: Hộ tịch' });
	const names = await hoTich.locator('tbody .name').allTextContents();
	expect(names.length).toBeGreaterThan(5);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
	await expect(hoTich.locator('tbody .facts').first()).toContainText(/Thời hạn:|Phí, lệ phí:/);
	expect(
		await hoTich
			.locator('tbody .name')
			.first()
			.evaluate((el) => getComputedStyle(el).fontSize)
	).toBe('16px'); // 12 pt

	for (const size of [
		{ width: 1440, height: 900 },
		{ width: 1280, height: 720 }
	]) {
		await page.setViewportSize(size);
		await page.screenshot({
			path: testInfo.outputPath(`posters-${size.width}x${size.height}.png`)
		});
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			`width at ${size.width}`
		).toBeLessThanOrEqual(size.width);
	}
	await page.emulateMedia({ media: 'print' });
	await expect(warning).toBeHidden();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.byteLength).toBeGreaterThan(10_000);
});
