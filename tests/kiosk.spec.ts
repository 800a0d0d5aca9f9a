// The lobby kiosk: a citizen finds a procedure and takes it home by QR, with the server up or down.
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';
import { checkA11y } from './support/axe';
import { decodeQr } from './support/qr';
import { waitForServiceWorker } from '../harness/device';

const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh
const MARRIAGE = '1.000894'; // Thủ tục đăng ký kết hôn

async function typeOnScreen(page: Page, text: string) {
	const keyboard = page.getByRole('group', { name: 'Bàn phím' });
	for (const ch of text) {
		await keyboard
			.getByRole('button', { name: ch === ' ' ? 'Dấu cách' : ch.toUpperCase(), exact: true })
			.click();
	}
}

test('searching "dang ky khai sinh" on the on-screen keyboard finds Đăng ký khai sinh first', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk');
	await page.getByRole('link', { name: /Tìm thủ tục/ }).click();
	const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
	await expect(search).toBeVisible();
	await typeOnScreen(page, 'dang ky khai sinh');
	await expect(search).toHaveValue('dang ky khai sinh');
	const first = page.getByRole('main').getByRole('listitem').first();
	await expect(first).toContainText(/đăng ký khai sinh/i);
	await expect(first).toContainText(BIRTH);
});

test('typing with accents, in decomposed Unicode, finds the same procedure', async ({ page }) => {
	await gotoHydrated(page, '/kiosk/procedures');
	await page
		.getByRole('searchbox', { name: 'Tìm thủ tục' })
		.fill('Đăng ký khai sinh'.normalize('NFD'));
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(BIRTH);
});

test('Telex on the keys writes the accents, and the search still finds the procedure', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk/procedures?search=1');
	const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
	await typeOnScreen(page, 'ddawng kys khai sinh');
	await expect(search).toHaveValue('đăng ký khai sinh');
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(BIRTH);
});

test('the tone row puts a tone on the last word: "a" then "sắc" gives "á"', async ({ page }) => {
	await gotoHydrated(page, '/kiosk/procedures?search=1');
	const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
	const keyboard = page.getByRole('group', { name: 'Bàn phím' });
	const tones = keyboard.getByRole('group', { name: 'Dấu thanh' });
	await expect(tones.getByRole('button')).toHaveText([
		/á.*sắc/,
		/à.*huyền/,
		/ả.*hỏi/,
		/ã.*ngã/,
		/ạ.*nặng/
	]);
	await keyboard.getByRole('button', { name: 'A', exact: true }).click();
	await tones.getByRole('button', { name: 'Dấu sắc' }).click();
	await expect(search).toHaveValue('á');
	// Another tone replaces it; a mark applies to the last word's letter.
	await tones.getByRole('button', { name: 'Dấu ngã' }).click();
	await keyboard
		.getByRole('group', { name: 'Chữ có dấu' })
		.getByRole('button', { name: 'Â', exact: true })
		.click();
	await expect(search).toHaveValue('ẫ');
});

test('Back from a procedure opened from a search shows the same query, filter and results; the idle reset clears them', async ({
	page
}) => {
	await page.clock.install();
	await gotoHydrated(page, '/kiosk');
	await page.getByRole('link', { name: /Tìm thủ tục/ }).click();
	const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
	await typeOnScreen(page, 'ket hon');
	await page.getByRole('button', { name: 'Cấp xã' }).click();
	const results = page.getByRole('main').getByRole('listitem');
	await expect(results.first()).toContainText(/kết hôn/i);
	const shown = await results.allInnerTexts();
	expect(shown.length).toBeGreaterThan(2);

	await results.nth(1).getByRole('link').click();
	await expect(page.getByRole('img', { name: /^Mã QR/ })).toBeVisible();
	await page.getByRole('button', { name: 'Quay lại' }).click();
	await expect(search).toHaveValue('ket hon');
	await expect(page.getByRole('button', { name: 'Cấp xã' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(results).toHaveText(shown);

	// The next citizen, after 90 s untouched: home, and an empty search.
	await page.clock.fastForward(91_000);
	await expect(page).toHaveURL(/\/kiosk$/);
	await page.getByRole('link', { name: /Tìm thủ tục/ }).click();
	await expect(search).toHaveValue('');
	await expect(page.getByRole('button', { name: 'Tất cả các cấp' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByRole('main').getByRole('status')).toBeHidden();
});

test('the empty search lists the procedures most looked up at this center', async ({
	page,
	server
}) => {
	// Phones scanning the QR codes: three for the marriage, one for the birth registration (one scan per phone and hour).
	for (const [code, phones] of [
		[MARRIAGE, 3],
		[BIRTH, 1]
	] as const) {
		for (let i = 0; i < phones; i++) {
			const res = await fetch(`${server.url}/p/${code}`, {
				headers: { 'user-agent': `Mozilla/5.0 (Linux; Android 14; phone ${i}) Mobile` }
			});
			expect(res.status).toBe(200);
			await res.arrayBuffer();
		}
	}
	await gotoHydrated(page, '/kiosk/procedures?search=1');
	const popular = page.getByRole('region', { name: 'Thủ tục được tra cứu nhiều' });
	await expect(popular.getByRole('listitem').first()).toContainText(MARRIAGE);
	await expect(popular.getByRole('listitem').nth(1)).toContainText(BIRTH);
	// Typing replaces them with the results.
	await typeOnScreen(page, 'khai sinh');
	await expect(popular).toBeHidden();
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(BIRTH);
});

test('browsing by field shows the fields with counts, then the procedures of one field', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk/procedures');
	const field = page.getByRole('button', { name: /^Hộ tịch\s*\d+ thủ tục$/ });
	await expect(field).toBeVisible();
	const count = Number((await field.innerText()).match(/(\d+) thủ tục/)?.[1]);
	await field.click();
	await expect(page.getByRole('heading', { name: /Hộ tịch/ })).toBeVisible();
	await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(count);
	await page.getByRole('button', { name: 'Cấp tỉnh' }).click();
	const provincial = await page.getByRole('main').getByRole('listitem').count();
	expect(provincial).toBeLessThan(count);
});

test('the detail page shows the procedure and a QR that decodes to its counted phone page', async ({
	page,
	server
}) => {
	await gotoHydrated(page, `/kiosk/procedures/${BIRTH}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục đăng ký khai sinh');
	await expect(page.getByText('Hộ tịch', { exact: true })).toBeVisible();
	const qr = page.getByRole('img', { name: /^Mã QR/ });
	await expect(qr).toBeVisible();
	expect(await decodeQr(qr)).toBe(`${server.url}/p/${BIRTH}`);
});

test('after 90 s untouched the kiosk goes home and resets larger text for the next citizen', async ({
	page
}) => {
	await page.clock.install();
	await gotoHydrated(page, `/kiosk/procedures/${BIRTH}`);
	await page.getByRole('button', { name: 'Chữ to' }).click();
	await expect(page.locator('html')).toHaveClass(/large-text/);
	await page.clock.fastForward(60_000);
	await expect(page).toHaveURL(new RegExp(`/kiosk/procedures/${BIRTH}$`));
	await page.clock.fastForward(31_000);
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect(page.locator('html')).not.toHaveClass(/large-text/);
});

test('a touch in between starts the idle count again', async ({ page }) => {
	await page.clock.install();
	await gotoHydrated(page, '/kiosk/procedures');
	// The list must be loaded before time jumps, or a fetch timeout in flight fires in the jump instead.
	const level = page.getByRole('button', { name: 'Cấp xã' });
	await expect(level).toBeVisible();
	await page.clock.fastForward(80_000);
	await level.click();
	await page.clock.fastForward(80_000);
	await expect(page).toHaveURL(/\/kiosk\/procedures/);
});

test('the language switch shows the kiosk in English and back', async ({ page }) => {
	await gotoHydrated(page, '/kiosk');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome! Look up a procedure');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Xin chào! Mời ông/bà tra cứu thủ tục'
	);
});

test('every button and link on the kiosk is at least 64 px tall', async ({ page }) => {
	for (const url of ['/kiosk', '/kiosk/procedures?q=khai+sinh', `/kiosk/procedures/${BIRTH}`]) {
		await gotoHydrated(page, url);
		await expect(page.getByRole('main')).not.toBeEmpty();
		const small = await page
			.locator('main a, main button, header a, header button')
			.evaluateAll((els) =>
				els
					.map((e) => ({
						text: (e.textContent ?? '').trim().slice(0, 40),
						h: e.getBoundingClientRect().height
					}))
					.filter((t) => t.h > 0 && t.h < 64)
			);
		expect(small, url).toEqual([]);
	}
});

test('axe finds no accessibility violations on the kiosk pages, in both text sizes', async ({
	page
}) => {
	for (const url of [
		'/kiosk',
		'/kiosk/procedures',
		'/kiosk/procedures?q=ket+hon',
		`/kiosk/procedures/${BIRTH}`
	]) {
		await gotoHydrated(page, url);
		await expect(page.getByRole('main')).not.toBeEmpty();
		const normal = await checkA11y(page);
		expect(normal.violations, `${url}\n${normal.summary}`).toEqual([]);
		await page.getByRole('button', { name: 'Chữ to' }).click();
		const large = await checkA11y(page);
		expect(large.violations, `${url} (chữ to)\n${large.summary}`).toEqual([]);
	}
});

test('the web app manifest names the app, its icons and /kiosk as start', async ({
	request,
	server
}) => {
	const manifest = await (await request.get(`${server.url}/manifest.webmanifest`)).json();
	expect(manifest.start_url).toBe('/kiosk');
	expect(['fullscreen', 'standalone']).toContain(manifest.display);
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons)
		expect((await request.get(`${server.url}${icon.src}`)).status()).toBe(200);
});

test('with the server stopped, a reload of the kiosk still browses and searches, and says it is offline', async ({
	page,
	server
}) => {
	await gotoHydrated(page, '/kiosk');
	await waitForServiceWorker(page);
	await expect(page.getByRole('status').filter({ hasText: 'Đang kết nối' })).toBeVisible();

	await server.stop();
	try {
		await reloadHydrated(page);
		await expect(page.getByRole('status').filter({ hasText: 'Mất kết nối' })).toBeVisible();
		await page.getByRole('link', { name: /Thủ tục theo lĩnh vực/ }).click();
		await page.getByRole('button', { name: /^Hộ tịch\s*\d+ thủ tục$/ }).click();
		await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();

		// A cold start on another URL, also served by the service worker.
		await page.goto('/kiosk/procedures?q=ket+hon');
		await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(/kết hôn/i);
		await page.getByRole('main').getByRole('listitem').first().getByRole('link').click();
		await expect(page.getByRole('img', { name: /^Mã QR/ })).toBeVisible();
	} finally {
		await server.start();
	}

	// Back online: the kiosk asks with its ETag and the unchanged catalogue comes back as 304.
	const revalidated = page.waitForResponse(
		(r) => r.url().endsWith('/api/v1/catalogue') && r.status() === 304
	);
	await reloadHydrated(page);
	await revalidated;
	await expect(page.getByRole('status').filter({ hasText: 'Đang kết nối' })).toBeVisible();
});
