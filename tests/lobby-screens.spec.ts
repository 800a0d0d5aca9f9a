// Issue 11's lobby screens at their real sizes: the counter tablet's rating screen in portrait and landscape, in
// normal and large text; the way home from /rate on a kiosk; the phone search; the kiosk's first start.
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { counterPairingCode, pairingCode } from '../harness/cli';
import { pairOnDevice } from '../harness/device';
import { gotoHydrated } from '../harness/hydrated';

const SHOTS = '/tmp/shots-tab';
mkdirSync(SHOTS, { recursive: true });
const ADDRESS = 'Số 12 đường Trần Hưng Đạo, phường Bến Thành';
const HOURS = 'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00';
const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh

test.use({ serverEnv: { CENTER_ADDRESS: ADDRESS, CENTER_OPENING_HOURS: HOURS } });
// Each test walks several screens and sizes, with screenshots: more than the default minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

const TABLETS = [
	{ name: 'portrait', width: 800, height: 1280 },
	{ name: 'landscape', width: 1280, height: 800 }
];
const ANSWERS = [
	['Rất hài lòng', 'Very satisfied'],
	['Hài lòng', 'Satisfied'],
	['Không hài lòng', 'Dissatisfied']
];

/** The page is no wider than the screen: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
	const { scroll, width } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		width: innerWidth
	}));
	expect(scroll, 'document width').toBeLessThanOrEqual(width);
}

/** The element lies wholly inside the first screen (the page not scrolled). */
async function expectOnFirstScreen(page: Page, element: Locator, what: string) {
	const box = await element.boundingBox();
	const size = page.viewportSize();
	expect(box, what).not.toBeNull();
	if (!box || !size) return;
	expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
	expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(size.width);
	expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(size.height);
}

async function setLargeText(page: Page, large: boolean) {
	if (!large) return;
	await page.getByRole('button', { name: /Chữ to/ }).click();
	await expect(page.locator('html.large-text')).toHaveCount(1);
}

test('on a counter tablet of either orientation, in normal and large text, the answers and their words fit the first screen', async ({
	page,
	server
}) => {
	await pairOnDevice(page, await counterPairingCode(server, 'Quầy 2', '2'));
	for (const size of TABLETS) {
		for (const large of [false, true]) {
			const label = `rate-${size.name}-${large ? 'large' : 'normal'}`;
			await page.setViewportSize(size);
			await gotoHydrated(page, '/rate');
			await setLargeText(page, large);
			for (const [vi, en] of ANSWERS) {
				const answer = page.getByRole('button', { name: new RegExp(`^${vi} ${en}$`) });
				await expectOnFirstScreen(page, answer, `${label}: ${vi}`);
				await expectOnFirstScreen(
					page,
					answer.getByText(vi, { exact: true }),
					`${label}: the word ${vi}`
				);
				await expectOnFirstScreen(
					page,
					answer.getByText(en, { exact: true }),
					`${label}: the words ${en}`
				);
			}
			await expectNoSidewaysScroll(page);
			await page.screenshot({ path: `${SHOTS}/${label}.png` });

			// The reasons step after a dissatisfied answer: Send on the screen without scrolling.
			await page.getByRole('button', { name: /^Không hài lòng/ }).click();
			const send = page.getByRole('button', { name: /Gửi đánh giá/ });
			await expect(send).toBeVisible();
			await expectOnFirstScreen(page, send, `${label}: Gửi đánh giá`);
			await expectNoSidewaysScroll(page);
			await page.screenshot({ path: `${SHOTS}/${label}-reasons.png` });
			if (size.name === 'landscape' && large) {
				const { violations, summary } = await checkA11y(page);
				expect(violations, summary).toEqual([]);
			}
			await page.getByRole('button', { name: /^Bỏ qua/ }).click();
			await expect(page.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();
		}
	}
});

test('an unpaired kiosk explains where to rate; a paired one opens /rate with a large way home', async ({
	page,
	server
}) => {
	await gotoHydrated(page, '/kiosk');
	// The first start downloads the whole catalogue before the home screen shows.
	await expect(
		page.getByText('Sau khi được phục vụ, ông/bà đánh giá trên máy tính bảng đặt tại quầy.')
	).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('link', { name: /Đánh giá/ })).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/kiosk-unpaired.png` });

	// Reached anyway (an old bookmark): the citizen reads where to rate, never a staff instruction, and can go home.
	await gotoHydrated(page, '/rate?from=kiosk');
	await expect(page.getByRole('heading', { name: /Máy này chưa nhận đánh giá/ })).toBeVisible();
	await expect(page.getByText(/ghép nối|Nhân viên vào/)).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/rate-from-unpaired-kiosk.png` });
	await page.getByRole('link', { name: /Về trang chủ/ }).click();
	await expect(page).toHaveURL(/\/kiosk$/);

	// Paired on /device as a kiosk, which then opens its catalogue.
	await gotoHydrated(page, '/device');
	const keypad = page.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of await pairingCode(server, ['--name', 'Kiosk sảnh', '--kind', 'kiosk']))
		await keypad.getByRole('button', { name: digit, exact: true }).click();
	await page.getByRole('button', { name: 'Ghép nối' }).click();
	await expect(page).toHaveURL(/\/kiosk$/);
	await gotoHydrated(page, '/kiosk');
	await page.getByRole('link', { name: /Đánh giá sự hài lòng/ }).click();
	await expect(page).toHaveURL(/\/rate\?from=kiosk$/);
	const home = page.getByRole('link', { name: /Về trang chủ/ });
	await expectOnFirstScreen(page, home, 'Về trang chủ');
	const box = await home.boundingBox();
	expect(box?.height ?? 0, 'a large target').toBeGreaterThanOrEqual(64);
	await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeEnabled();
	await page.screenshot({ path: `${SHOTS}/rate-from-kiosk.png` });
	await home.click();
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect(page.getByRole('link', { name: /Tìm thủ tục/ })).toBeVisible();
});

test("on a phone, an unknown code leads to a phone search with the phone's keyboard, results open their pages", async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	const missing = await page.goto('/p/9.999999');
	expect(missing?.status()).toBe(404);
	await page.getByRole('link', { name: 'Tìm thủ tục' }).click();
	await expect(page).toHaveURL(/\/p\?q=9\.999999$/);
	const box = page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' });
	await expect(box).toHaveValue('9.999999');
	await expect(page.getByText(/Không tìm thấy thủ tục nào/)).toBeVisible();
	// The phone's own keyboard: no on-screen keys, no kiosk header.
	await expect(page.getByRole('group', { name: 'Bàn phím' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Chữ to|Tiếng Việt|English/ })).toHaveCount(0);

	await box.fill('dang ky khai sinh');
	await box.press('Enter');
	await expect(page).toHaveURL(/\/p\?q=dang\+ky\+khai\+sinh$/);
	const results = page.getByRole('list').getByRole('link');
	await expect(results.first()).toHaveAttribute('href', `/p/${BIRTH}`);
	for (const href of await results.evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
		expect(href).toMatch(/^\/p\/[^/?#]+$/);
	await expect(page.getByText(ADDRESS)).toBeVisible();
	await expect(page.getByText('Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00')).toBeVisible();
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: `${SHOTS}/phone-search.png`, fullPage: true });
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	// Larger text (as a phone set to large type shows it): still nothing to scroll sideways.
	await page.evaluate(() => document.documentElement.classList.add('large-text'));
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: `${SHOTS}/phone-search-large.png`, fullPage: true });

	await results.first().click();
	await expect(page).toHaveURL(new RegExp(`/p/${BIRTH.replace('.', '\\.')}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/khai sinh/i);
	await expect(page.getByText(ADDRESS)).toBeVisible();
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: `${SHOTS}/phone-procedure.png`, fullPage: true });

	// A query no one could mean: a message at the field, nothing found, no error page.
	const long = await page.goto(`/p?q=${'khai sinh '.repeat(12)}`);
	expect(long?.status()).toBe(200);
	await expect(page.getByRole('alert')).toContainText('dài quá 100 ký tự');
	await expect(page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
});

test('a first start says the catalogue is downloading while it is, and that it has none only once the download failed', async ({
	page
}) => {
	let release: (how: 'abort' | 'continue') => void = () => undefined;
	const held = new Promise<'abort' | 'continue'>((resolve) => (release = resolve));
	let asked = 0;
	await page.context().route('**/api/v1/catalogue', async (route) => {
		asked++;
		if ((await held) === 'abort') await route.abort('internetdisconnected');
		else await route.continue();
	});
	await page.setViewportSize({ width: 1080, height: 1920 });
	await gotoHydrated(page, '/kiosk');
	await expect(page.getByText('Đang tải danh mục thủ tục…')).toBeVisible();
	await expect.poll(() => asked).toBeGreaterThanOrEqual(1);
	await expect(page.getByText(/Chưa có danh mục/)).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/kiosk-first-start-downloading.png` });

	release('abort');
	await expect(
		page.getByText('Chưa có danh mục thủ tục trên máy này. Vui lòng kết nối mạng.')
	).toBeVisible();
	await expect(page.getByText('Đang tải danh mục thủ tục…')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/kiosk-first-start-failed.png` });

	// The network is back: the next try downloads it, and the kiosk opens.
	await page.context().unroute('**/api/v1/catalogue');
	await page.evaluate(() => dispatchEvent(new Event('online')));
	await expect(page.getByRole('link', { name: /Tìm thủ tục/ })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText(/Chưa có danh mục/)).toHaveCount(0);
});
