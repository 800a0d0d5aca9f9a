// A kiosk refreshing its whole catalogue (2,643 procedures) stays usable: the download, the IndexedDB write and the
// search keys are the catalogue worker's, so a citizen's tap is answered while the refresh runs.
import { test, expect } from './support/server';
import { gotoHydrated } from '../harness/hydrated';

const REFRESHED = 'Trung tâm Phục vụ hành chính công (làm mới)';

test('a tap during a refresh of the whole catalogue takes effect while it runs, and the refresh still lands', async ({
	page
}) => {
	await gotoHydrated(page, '/kiosk');
	await expect(page.getByRole('link', { name: /Tìm thủ tục/ })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(/2\.643/)).toBeVisible();

	// The next catalogue request is held until the tap is done: the refresh is under way meanwhile. Then it is
	// answered with the whole catalogue under a new ETag and a renamed center, so its arrival shows.
	let asked!: () => void;
	const requested = new Promise<void>((resolve) => (asked = resolve));
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.context().route('**/api/v1/catalogue', async (route) => {
		asked();
		await released;
		const headers = { ...route.request().headers() };
		delete headers['if-none-match'];
		const response = await route.fetch({ headers });
		const body = (await response.json()) as { center: { name: string }; procedures: unknown[] };
		expect(body.procedures).toHaveLength(2643);
		body.center.name = REFRESHED;
		// Sent as plain JSON: the server's gzip encoding and length describe the body it made, not this one.
		const kept = Object.fromEntries(
			Object.entries(response.headers()).filter(
				([name]) => name !== 'content-encoding' && name !== 'content-length'
			)
		);
		await route.fulfill({ status: 200, json: body, headers: { ...kept, etag: '"refreshed"' } });
	});
	// The kiosk refreshes when the network comes back, as after a cut.
	await page.evaluate(() => dispatchEvent(new Event('online')));
	await requested;

	const largeText = page.getByRole('button', { name: 'Chữ to' });
	await largeText.click();
	await expect(page.locator('html')).toHaveClass(/large-text/);
	await expect(page.getByRole('button', { name: 'Chữ thường' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// Still the old catalogue: the refresh had not finished when the tap took effect.
	await expect(page.getByRole('banner')).not.toContainText(REFRESHED);

	release();
	await expect(page.getByRole('banner')).toContainText(REFRESHED, { timeout: 30_000 });
	await expect(page.getByText(/2\.643/)).toBeVisible();
	await expect(page.locator('html')).toHaveClass(/large-text/);

	// The page itself never fetched the catalogue: its own resource timeline has no such request (a worker's
	// requests are on the worker's timeline), so the download and what follows ran off the page's thread.
	const fromPage = await page.evaluate(
		() =>
			performance
				.getEntriesByType('resource')
				.filter((e) => new URL(e.name).pathname === '/api/v1/catalogue').length
	);
	expect(fromPage).toBe(0);

	// And the search still finds a procedure by name in the refreshed catalogue.
	await page.getByRole('link', { name: /Tìm thủ tục/ }).click();
	await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('đăng ký khai sinh');
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText('1.001193');
});
