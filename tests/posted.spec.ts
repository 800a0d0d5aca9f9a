// The center's posted list (danh mục niêm yết), issue 11: the demo commune center's kiosk opens on what it receives;
// a manager hides, shows and pins fields on /admin/catalogue, names their counters, and the kiosk follows after its
// next catalogue refresh; "Xem tất cả thủ tục" still reaches every procedure; a hidden procedure's phone page says so.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './support/server';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';
import { createUsers, signIn } from './support/admin';
import { checkA11y } from './support/axe';

const SHOTS = '/tmp/shots-posted';
mkdirSync(SHOTS, { recursive: true });

/** The field tiles of the kiosk's home, in order. */
const homeFields = (page: Page) =>
	page.getByRole('main').getByRole('list').first().getByRole('link');
const fieldNames = async (page: Page) =>
	(await homeFields(page).allInnerTexts()).map((t) => t.split('\n')[0].trim());

async function managerPage(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await signIn(page, 'quanly');
	await gotoHydrated(page, '/admin/catalogue');
	return page;
}

/** Presses a button of the posted list and waits for the page's confirmation. */
async function press(admin: Page, name: string, done: string | RegExp): Promise<void> {
	await admin.getByRole('button', { name, exact: true }).click();
	await expect(admin.getByRole('status').filter({ hasText: done })).toBeVisible();
}

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['quanly', 'manager']]);
});

test('the demo kiosk home offers its posted fields, pinned ones first, and no customs, tax or maritime field', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk');
	await expect(homeFields(page).first()).toContainText('Hộ tịch');
	const names = await fieldNames(page);
	expect(names.slice(0, 4)).toEqual([
		'Hộ tịch',
		'Chứng thực',
		'Đăng ký, quản lý cư trú',
		'Đất đai'
	]);
	for (const foreign of ['Hải quan', 'Thuế', 'Hàng hải và đường thủy nội địa'])
		expect(names).not.toContain(foreign);

	await page.getByRole('link', { name: /Thủ tục theo lĩnh vực/ }).click();
	await expect(page.getByRole('button', { name: /^Hộ tịch/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Hải quan/ })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Thuế\s/ })).toHaveCount(0);
	// The fields follow the pins, not the catalogue's sizes.
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText('Hộ tịch');

	await page.getByRole('button', { name: /Xem tất cả thủ tục/ }).click();
	await expect(page.getByRole('button', { name: /^Hải quan\s*\d+ thủ tục/ })).toBeVisible();
	await page.getByRole('button', { name: /Thủ tục tiếp nhận tại trung tâm/ }).click();
	await expect(page.getByRole('button', { name: /^Hải quan/ })).toHaveCount(0);
});

test('"Xem tất cả thủ tục" on the home reaches every procedure of every level', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk');
	await page.getByRole('link', { name: /Xem tất cả thủ tục/ }).click();
	await expect(page.getByText('Tất cả thủ tục (mọi cấp)')).toBeVisible();
	await page.getByRole('button', { name: /^Hải quan\s*\d+ thủ tục/ }).click();
	await expect(page.getByRole('heading', { name: /Hải quan/ })).toBeVisible();
	expect(await page.getByRole('main').getByRole('listitem').count()).toBeGreaterThan(100);
});

test('a field hidden on /admin/catalogue leaves the kiosk home and browse after its next refresh, and comes back', async ({
	page,
	browser,
	baseURL
}) => {
	await gotoHydrated(page, '/kiosk');
	await expect(homeFields(page).filter({ hasText: 'Chứng thực' })).toHaveCount(1);

	const admin = await managerPage(browser, baseURL ?? '');
	await expect(admin.getByText(/Đang niêm yết \d+ \/ 2\.643 thủ tục/)).toBeVisible();
	const before = Number(
		(await admin.getByText(/Đang niêm yết/).innerText())
			.match(/Đang niêm yết ([\d.]+)/)?.[1]
			.replace('.', '')
	);
	await press(admin, 'Ẩn lĩnh vực Chứng thực', 'Đã ẩn lĩnh vực Chứng thực.');
	await expect(admin.getByText(`Đang niêm yết ${before - 12} / 2.643 thủ tục`)).toBeVisible();

	// The kiosk's next refresh (here, on the next start of the page) takes the new list.
	await reloadHydrated(page);
	await expect(homeFields(page).filter({ hasText: 'Chứng thực' })).toHaveCount(0);
	await expect(homeFields(page).first()).toContainText('Hộ tịch');
	await gotoHydrated(page, '/kiosk/procedures');
	await expect(page.getByRole('button', { name: /^Hộ tịch/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Chứng thực/ })).toHaveCount(0);
	await page.getByRole('button', { name: /Xem tất cả thủ tục/ }).click();
	await expect(page.getByRole('button', { name: /^Chứng thực/ })).toBeVisible();

	await press(admin, 'Về mặc định lĩnh vực Chứng thực', 'Lĩnh vực Chứng thực trở về mặc định.');
	await gotoHydrated(page, '/kiosk');
	await expect(homeFields(page).filter({ hasText: 'Chứng thực' })).toHaveCount(1);
	await admin.context().close();
});

test('a field pinned and moved to the top comes first on the kiosk, with the counter that serves it', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const admin = await managerPage(browser, baseURL ?? '');
	await press(admin, 'Ghim lĩnh vực Thủy lợi', 'Đã ghim Thủy lợi.');
	const pins = admin
		.getByRole('region', { name: /Lĩnh vực ghim trên ki-ốt/ })
		.getByRole('listitem');
	await expect(pins.nth(4)).toContainText('Thủy lợi');
	for (let at = 3; at >= 0; at--) {
		await admin.getByRole('button', { name: 'Lên Thủy lợi', exact: true }).click();
		await expect(pins.nth(at)).toContainText('Thủy lợi');
	}
	await expect(admin.getByRole('button', { name: 'Lên Thủy lợi', exact: true })).toBeDisabled();
	const counter = admin.getByRole('textbox', { name: 'Quầy tiếp nhận lĩnh vực Thủy lợi' });
	await counter.fill('3');
	await press(admin, 'Lưu quầy lĩnh vực Thủy lợi', 'Lĩnh vực Thủy lợi: quầy 3.');

	await gotoHydrated(page, '/kiosk');
	await expect(homeFields(page).first()).toContainText('Thủy lợi');
	await expect(homeFields(page).first()).toContainText('Quầy 3');
	expect((await fieldNames(page)).slice(0, 5)).toEqual([
		'Thủy lợi',
		'Hộ tịch',
		'Chứng thực',
		'Đăng ký, quản lý cư trú',
		'Đất đai'
	]);
	await gotoHydrated(page, '/kiosk/procedures');
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText('Thủy lợi');
	await admin.context().close();
});

test('the pins stop at eight: the ninth field cannot be pinned', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const admin = await managerPage(browser, baseURL ?? '');
	for (const field of ['Bảo trợ xã hội', 'Nuôi con nuôi', 'Người có công'])
		await press(admin, `Ghim lĩnh vực ${field}`, `Đã ghim ${field}.`);
	await expect(
		admin.getByRole('heading', { name: /Lĩnh vực ghim trên ki-ốt \(8\/8\)/ })
	).toBeVisible();
	await expect(
		admin.getByRole('button', {
			name: 'Ghim lĩnh vực Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)'
		})
	).toBeDisabled();
	await admin.context().close();
});

test('a counter longer than 40 characters is an error at the field, and the counter stays as it was', async ({
	browser,
	baseURL
}) => {
	const admin = await managerPage(browser, baseURL ?? '');
	const input = admin.getByRole('textbox', { name: 'Quầy tiếp nhận lĩnh vực Hộ tịch' });
	await input.fill('Quầy số 3 tầng trệt bên trái cạnh cửa ra vào chính');
	await admin.getByRole('button', { name: 'Lưu quầy lĩnh vực Hộ tịch', exact: true }).click();
	await expect(
		admin.getByRole('alert').filter({ hasText: 'Hộ tịch: Tên quầy dài quá 40 ký tự.' })
	).toBeVisible();
	await expect(input).toHaveAttribute('aria-invalid', 'true');
	await gotoHydrated(admin, '/admin/catalogue');
	await expect(admin.getByRole('textbox', { name: 'Quầy tiếp nhận lĩnh vực Hộ tịch' })).toHaveValue(
		''
	);
	await admin.context().close();
});

test('a manager finds a procedure by accent-free search and hides it alone; its phone page still opens, with a note', async ({
	page,
	browser,
	baseURL
}) => {
	const admin = await managerPage(browser, baseURL ?? '');
	await admin
		.getByRole('searchbox', { name: /Tên, mã thủ tục hoặc lĩnh vực/ })
		.fill('dang ky khai sinh');
	await admin.getByRole('button', { name: 'Tìm', exact: true }).click();
	const row = admin.getByRole('row').filter({ hasText: '1.001193' });
	await expect(row).toContainText('Đang niêm yết');
	await press(admin, 'Ẩn thủ tục 1.001193', 'Đã ẩn thủ tục 1.001193.');
	await expect(row).toContainText('Đã ẩn riêng thủ tục này');

	await page.goto('/p/1.001193');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục đăng ký khai sinh');
	await expect(page.getByRole('note')).toContainText('không tiếp nhận thủ tục này');

	await press(admin, 'Niêm yết thủ tục 1.001193', 'Đã niêm yết thủ tục 1.001193.');
	await page.goto('/p/1.001193');
	await expect(page.getByRole('note')).toHaveCount(0);
	await admin.context().close();
});

test('screenshots and axe: /admin/catalogue at desk sizes, the kiosk home in normal and large text', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const admin = await managerPage(browser, baseURL ?? '');
	const found = await checkA11y(admin);
	expect(found.violations, found.summary).toEqual([]);
	for (const [width, height] of [
		[1440, 900],
		[1280, 720]
	]) {
		await admin.setViewportSize({ width, height });
		expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
		await admin.screenshot({ path: `${SHOTS}/admin-catalogue-${width}x${height}.png` });
		await admin
			.getByRole('table', { name: 'Lĩnh vực và thủ tục niêm yết' })
			.scrollIntoViewIfNeeded();
		await admin.screenshot({ path: `${SHOTS}/admin-catalogue-${width}x${height}-fields.png` });
		await admin.evaluate(() => window.scrollTo(0, 0));
	}
	await gotoHydrated(admin, '/admin/catalogue?field=H%E1%BB%99%20t%E1%BB%8Bch');
	await admin.screenshot({ path: `${SHOTS}/admin-catalogue-field-1280x720.png` });
	await admin.context().close();

	await gotoHydrated(page, '/kiosk');
	await expect(homeFields(page).first()).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/kiosk-home-1080x1920.png` });
	const kiosk = await checkA11y(page);
	expect(kiosk.violations, kiosk.summary).toEqual([]);
	await page.getByRole('button', { name: 'Chữ to' }).click();
	await expect(page.locator('html')).toHaveClass(/large-text/);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1080);
	await page.screenshot({ path: `${SHOTS}/kiosk-home-1080x1920-large.png` });
	const large = await checkA11y(page);
	expect(large.violations, large.summary).toEqual([]);
});
