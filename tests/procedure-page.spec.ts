// A procedure's page answers a citizen's questions on the first screen: which counter, what to bring, and the QR to
// take it home; the phone page says the same; "Đọc to" reads it where the device has a Vietnamese voice.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect } from './support/server';
import { gotoHydrated } from '../harness/hydrated';
import { checkA11y } from './support/axe';
import { waitForServiceWorker } from '../harness/device';

const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh: the demo center gives its documents and counter (quầy 1)
const BARE = '1.000094'; // kết hôn ... khu vực biên giới: no details, and the portal's agency says "Không có thông tin"
const KIOSK = { width: 1080, height: 1920 };

/** The element lies wholly inside the first screen, with no scrolling. */
async function inFirstViewport(page: Page, locator: Locator): Promise<void> {
	await expect(locator).toBeVisible();
	const box = await locator.boundingBox();
	const viewport = page.viewportSize();
	expect(box && viewport).toBeTruthy();
	if (!box || !viewport) return;
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	expect(box.y, 'top on screen').toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, 'bottom on screen').toBeLessThanOrEqual(viewport.height);
	expect(box.x + box.width, 'right edge on screen').toBeLessThanOrEqual(viewport.width);
}

/** The kiosk page of a procedure, once its catalogue is on the device (a new browser downloads all of it first). */
/** The birth registration's details as the demo catalogue gives them: 4 documents, 4 steps, the decree it rests on. */
async function expectBirthDetails(page: Page): Promise<void> {
	await expect(
		page.getByRole('region', { name: 'Hồ sơ cần mang' }).getByRole('listitem')
	).toHaveCount(4);
	await expect(
		page.getByRole('region', { name: 'Các bước thực hiện' }).getByRole('listitem')
	).toHaveCount(4);
	await expect(page.getByRole('region', { name: 'Căn cứ pháp lý' })).toContainText(
		'Nghị định số 123/2015/NĐ-CP'
	);
}

async function openKiosk(page: Page, code: string): Promise<void> {
	await gotoHydrated(page, `/kiosk/procedures/${code}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/** A Vietnamese voice for the page, recording what it is asked to say (window.__spoken) and each cancel. */
function fakeVietnameseVoice() {
	const spoken: string[] = [];
	let cancels = 0;
	const voice = {
		lang: 'vi-VN',
		name: 'Tiếng Việt (thử)',
		voiceURI: 'vi-test',
		localService: true,
		default: false
	};
	const synth = {
		getVoices: () => [voice],
		speak: (u: { text: string }) => void spoken.push(u.text),
		cancel: () => void cancels++,
		addEventListener: () => undefined,
		removeEventListener: () => undefined
	};
	Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
	// A real utterance accepts only a real voice: the fake voice comes with a plain utterance.
	Object.defineProperty(window, 'SpeechSynthesisUtterance', {
		value: class {
			text: string;
			constructor(text: string) {
				this.text = text;
			}
		},
		configurable: true
	});
	Object.defineProperty(window, '__speech', { value: { spoken, cancels: () => cancels } });
}

test.describe('the kiosk procedure page at 1080×1920', () => {
	test.use({ viewport: KIOSK });

	test('shows the counter prominently and what to bring as a list, with the QR beside it on the first screen', async ({
		page
	}, testInfo) => {
		await openKiosk(page, BIRTH);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục đăng ký khai sinh');
		await expect(page.getByText('Nộp tại quầy số 1', { exact: true })).toBeVisible();
		const bring = page.getByRole('region', { name: 'Hồ sơ cần mang' });
		await expect(bring.getByRole('listitem')).toHaveCount(4);
		await expect(bring.getByRole('listitem').first()).toHaveText(/^Tờ khai đăng ký khai sinh/);
		await expect(
			page.getByRole('region', { name: 'Các bước thực hiện' }).getByRole('listitem')
		).toHaveCount(4);
		await expect(page.getByRole('region', { name: 'Kết quả nhận được' })).toContainText(
			'Giấy khai sinh'
		);
		await expect(page.getByRole('region', { name: 'Căn cứ pháp lý' })).toContainText(
			'Luật Hộ tịch số 60/2014/QH13'
		);

		const qr = page.getByRole('img', { name: /^Mã QR/ });
		for (const size of ['normal', 'large'] as const) {
			if (size === 'large') await page.getByRole('button', { name: 'Chữ to' }).click();
			await expect(page.locator('html')).toHaveClass(
				size === 'large' ? /large-text/ : /^(?!.*large-text)/
			);
			await inFirstViewport(page, qr);
			await inFirstViewport(page, bring);
			// Beside the QR, not squeezed into a strip by it.
			expect((await bring.boundingBox())?.width ?? 0).toBeGreaterThan(KIOSK.width * 0.45);
			await inFirstViewport(page, page.getByText('Nộp tại quầy số 1', { exact: true }));
			const { violations, summary } = await checkA11y(page);
			expect(violations, `${size}\n${summary}`).toEqual([]);
			await shot(page, testInfo, `kiosk-detail-1080x1920-${size}`);
		}
	});

	test('a procedure without details shows no empty headings and never "Không có thông tin"', async ({
		page
	}, testInfo) => {
		await openKiosk(page, BARE);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'kết hôn có yếu tố nước ngoài'
		);
		await expect(page.getByRole('img', { name: /^Mã QR/ })).toBeVisible();
		await expect(page.getByText('Thời hạn giải quyết')).toBeVisible();
		const main = page.getByRole('main');
		await expect(main).not.toContainText('Không có thông tin');
		await expect(main).not.toContainText('Chưa công bố');
		await expect(main).not.toContainText('Nộp tại quầy');
		for (const heading of [
			'Hồ sơ cần mang',
			'Các bước thực hiện',
			'Kết quả nhận được',
			'Căn cứ pháp lý'
		]) {
			await expect(page.getByRole('heading', { name: heading })).toHaveCount(0);
		}
		await expect(page.getByText('Cơ quan thực hiện')).toHaveCount(0);
		await shot(page, testInfo, 'kiosk-detail-bare-1080x1920');
	});
});

test.describe('the kiosk procedure page offline', () => {
	test.use({ viewport: KIOSK });

	// The kiosk's lists hold only names, codes, fields and levels; a procedure's details are read from the device's
	// IndexedDB when its page opens, so they must be there with the server gone.
	test('with the server stopped, a procedure opened cold still shows its counter, what to bring, the steps and the law', async ({
		page,
		server
	}) => {
		await gotoHydrated(page, '/kiosk');
		await waitForServiceWorker(page);
		await expect(page.getByRole('link', { name: /Tìm thủ tục/ })).toBeVisible({ timeout: 30_000 });

		await server.stop();
		try {
			await page.goto(`/kiosk/procedures/${BIRTH}`);
			await expect(page.getByRole('status').filter({ hasText: 'Mất kết nối' })).toBeVisible();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục đăng ký khai sinh');
			await expect(page.getByText('Nộp tại quầy số 1', { exact: true })).toBeVisible();
			await expectBirthDetails(page);
			await expect(page.getByText('Miễn phí')).toBeVisible();
			await expect(page.getByRole('img', { name: /^Mã QR/ })).toBeVisible();

			// A code the catalogue does not have is still said to be unknown, not left blank.
			await page.goto('/kiosk/procedures/9.999999');
			await expect(page.getByRole('alert')).toHaveText('Không tìm thấy thủ tục này.');
		} finally {
			await server.start();
		}
	});
});

test.describe('read aloud (Đọc to)', () => {
	test.use({ viewport: KIOSK });

	test('is not offered where the browser has no Vietnamese voice', async ({ page }) => {
		await openKiosk(page, BIRTH);
		await expect(page.getByText('Nộp tại quầy số 1', { exact: true })).toBeVisible();
		// The premise: this headless Chromium has no Vietnamese voice (else the test would prove nothing).
		const vietnamese = await page.evaluate(
			() => speechSynthesis.getVoices().filter((v) => v.lang.toLowerCase().startsWith('vi')).length
		);
		expect(vietnamese).toBe(0);
		await expect(page.getByRole('button', { name: /Đọc to/ })).toHaveCount(0);
	});

	test('with a Vietnamese voice it reads the name, time, fee, counter and documents, and a second press stops', async ({
		page
	}, testInfo) => {
		await page.addInitScript(fakeVietnameseVoice);
		await openKiosk(page, BIRTH);
		const button = page.getByRole('button', { name: 'Đọc to' });
		await expect(button).toBeVisible();
		await shot(page, testInfo, 'kiosk-detail-read-aloud');
		await button.click();
		const spoken = () =>
			page.evaluate(
				() => (window as unknown as { __speech: { spoken: string[] } }).__speech.spoken
			);
		await expect.poll(spoken).toHaveLength(1);
		const [text] = await spoken();
		expect(text).toContain('Thủ tục đăng ký khai sinh');
		expect(text).toContain('Thời hạn giải quyết: 1 ngày làm việc');
		expect(text).toContain('Phí, lệ phí: Miễn phí');
		expect(text).toContain('Nộp tại quầy số 1');
		expect(text).toContain('Hồ sơ cần mang: 1. Tờ khai đăng ký khai sinh');
		expect(text).toContain('Giấy chứng sinh');

		const stop = page.getByRole('button', { name: 'Dừng đọc' });
		await expect(stop).toBeVisible();
		const cancels = () =>
			page.evaluate(() =>
				(window as unknown as { __speech: { cancels: () => number } }).__speech.cancels()
			);
		const before = await cancels();
		await stop.click();
		await expect(page.getByRole('button', { name: 'Đọc to' })).toBeVisible();
		expect(await cancels()).toBeGreaterThan(before);
		expect(await spoken()).toHaveLength(1);
	});
});

test.describe('the phone page at 390×844', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

	test('shows the counter and what to bring first, the steps and law after, and hides what is not given', async ({
		page
	}, testInfo) => {
		await page.goto(`/p/${BIRTH}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục đăng ký khai sinh');
		await inFirstViewport(page, page.getByText('Nộp tại quầy số 1', { exact: true }));
		await expectBirthDetails(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		const { violations, summary } = await checkA11y(page);
		expect(violations, summary).toEqual([]);
		await shot(page, testInfo, 'phone-390x844');
		await page.screenshot({ path: testInfo.outputPath('phone-390-full.png'), fullPage: true });

		await page.goto(`/p/${BARE}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'kết hôn có yếu tố nước ngoài'
		);
		await expect(page.getByRole('main')).not.toContainText('Không có thông tin');
		await expect(page.getByRole('main')).not.toContainText('Chưa công bố');
		await expect(page.getByRole('main')).not.toContainText('Nộp tại quầy');
		await expect(page.getByRole('heading', { name: 'Hồ sơ cần mang' })).toHaveCount(0);
	});
});
