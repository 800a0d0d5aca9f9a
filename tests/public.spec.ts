// The public side of the catalogue: the phone page a QR opens (/p/[code]) and the printed posters (/posters).
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { decodeQr } from './support/qr';

const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh, commune level, in the demo catalogue
const COMMUNE_PROCEDURES = 589;
const QR = /^Mã QR/;

interface PostedProcedure {
	code: string;
	name: string;
	levels: string[];
	url: string;
}

/** The posted catalogue as the devices get it. */
async function catalogue(request: APIRequestContext, baseUrl: string): Promise<PostedProcedure[]> {
	const response = await request.get(`${baseUrl}/api/v1/catalogue`);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { procedures: PostedProcedure[] };
	return body.procedures;
}

async function procedure(
	request: APIRequestContext,
	baseUrl: string,
	code: string
): Promise<PostedProcedure> {
	const found = (await catalogue(request, baseUrl)).find((p) => p.code === code);
	if (!found) throw new Error(`${code} is not in the posted catalogue`);
	return found;
}

/** What the server exposes of its counters: scans and views per code over the last 90 days, as the kiosks get it. */
async function popularity(
	request: APIRequestContext,
	baseUrl: string
): Promise<Record<string, number>> {
	const response = await request.get(`${baseUrl}/api/v1/catalogue/popularity`);
	expect(response.status()).toBe(200);
	return ((await response.json()) as { counts: Record<string, number> }).counts;
}

/** A procedure's row on the poster: the nearest ancestor of its code's cell that holds a QR code. */
function posterRow(page: Page, code: string) {
	return page
		.getByText(code, { exact: true })
		.locator('xpath=ancestor::*[.//*[@role="img" and starts-with(@aria-label, "Mã QR")]][1]');
}

test.describe('the phone page a QR opens', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

	test('a phone counts one scan per procedure and hour, however often it opens the page', async ({
		page,
		browser,
		request,
		server
	}) => {
		// Scans are counted per clock hour: started in an hour's last two minutes, the visits could fall in two.
		const intoHour = Date.now() % 3_600_000;
		if (intoHour > 3_480_000) {
			test.setTimeout(200_000);
			await page.waitForTimeout(3_600_000 - intoHour + 1_000);
		}
		const before = (await popularity(request, server.url))[BIRTH] ?? 0;

		const first = await page.goto(`/p/${BIRTH}`);
		expect(first?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/đăng ký khai sinh/i);
		expect((await popularity(request, server.url))[BIRTH]).toBe(before + 1);
		await page.screenshot({ path: 'test-results/phone-page-390.png' });

		await page.goto(`/p/${BIRTH}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/đăng ký khai sinh/i);
		expect((await popularity(request, server.url))[BIRTH]).toBe(before + 1);

		// 200 GETs from one client that keeps no cookie: its address and browser make it one client.
		const agent =
			'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';
		for (let i = 0; i < 200; i++) {
			const res = await fetch(`${server.url}/p/${BIRTH}`, { headers: { 'user-agent': agent } });
			expect(res.status).toBe(200);
			await res.arrayBuffer();
		}
		expect((await popularity(request, server.url))[BIRTH]).toBe(before + 2);

		// Another phone is another scan.
		const other = await browser.newContext({
			userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1'
		});
		await (await other.newPage()).goto(`${server.url}/p/${BIRTH}`);
		await other.close();
		expect((await popularity(request, server.url))[BIRTH]).toBe(before + 3);
	});

	test('shows the procedure and links to its page on the national portal', async ({
		page,
		request,
		server
	}) => {
		const expected = await procedure(request, server.url, BIRTH);
		await page.goto(`/p/${BIRTH}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected.name);
		await expect(page.getByText(BIRTH, { exact: true })).toBeVisible();
		const portal = page.getByRole('link', { name: /Cổng Dịch vụ công/ });
		await expect(portal).toHaveAttribute('href', expected.url);
	});

	test('an unknown code gets a Vietnamese 404 page with a way on to search', async ({ page }) => {
		const response = await page.goto('/p/UNKNOWN');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Không tìm thấy/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		const search = page.getByRole('link', { name: /Tìm/ });
		await expect(search).toBeVisible();
		expect(await search.getAttribute('href')).toBe('/p?q=UNKNOWN');
	});

	test('an unknown code is not counted', async ({ page, request, server }) => {
		const before = await popularity(request, server.url);
		await page.goto('/p/UNKNOWN');
		expect(await popularity(request, server.url)).toEqual(before);
	});

	test('axe finds no WCAG A/AA violations on the phone page or its 404', async ({ page }) => {
		await page.goto(`/p/${BIRTH}`);
		const found = await checkA11y(page);
		expect(found.violations, found.summary).toEqual([]);

		await page.goto('/p/UNKNOWN');
		const missing = await checkA11y(page);
		expect(missing.violations, missing.summary).toEqual([]);
	});
});

test.describe('the printed posters', () => {
	test('/posters lists every procedure of the posted list and nothing else, each with a QR code', async ({
		page,
		request,
		server
	}) => {
		const response = await request.get(`${server.url}/api/v1/catalogue`);
		const body = (await response.json()) as {
			procedures: PostedProcedure[];
			posted: { codes: string[] };
		};
		const codes = new Set(body.posted.codes);
		const posted = body.procedures.filter((p) => codes.has(p.code));
		const commune = body.procedures.filter((p) => p.levels.includes('xa'));
		expect(commune).toHaveLength(COMMUNE_PROCEDURES);
		// The demo center does not post the customs, tax and maritime procedures the portal lists at commune level.
		expect(posted.length).toBeGreaterThan(300);
		expect(posted.length).toBeLessThan(COMMUNE_PROCEDURES);

		const poster = await page.goto('/posters');
		expect(poster?.status()).toBe(200);
		await expect(page.getByRole('img', { name: QR })).toHaveCount(posted.length);
		const text = (await page.locator('body').textContent()) ?? '';
		const missing = posted.filter((p) => !text.includes(p.code)).map((p) => p.code);
		expect(missing, 'codes missing from the posters').toEqual([]);
		expect(text).not.toContain('Lĩnh vực: Hải quan');
	});

	test("a poster row's QR code, read by zbarimg, is the procedure's counted phone page", async ({
		page,
		server
	}) => {
		await page.goto('/posters');
		const row = posterRow(page, BIRTH);
		await expect(row).toContainText(/đăng ký khai sinh/i);
		const qr = row.getByRole('img', { name: QR });
		await expect(qr).toHaveCount(1);
		expect(await decodeQr(qr)).toBe(`${server.url}/p/${BIRTH}`);
	});

	test('printed, a poster row is never cut by a page break', async ({ page }) => {
		await page.goto('/posters');
		await page.emulateMedia({ media: 'print' });
		const row = posterRow(page, BIRTH);
		const breakInside = await row.evaluate((el) => getComputedStyle(el).breakInside);
		expect(['avoid', 'avoid-page']).toContain(breakInside);
	});
});
