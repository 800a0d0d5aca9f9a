// A counter tablet without its server: it opens its rating screen from the service worker (after a reload, after a
// browser restart), keeps the answers, and sends them once the server is back. A new app version waits until the
// tablet is idle on its start screen, and the outbox the old version kept is sent by the new one.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { test, expect, type AppServer } from './support/server';
import { launchOptions } from '../harness/browser';
import { cliOn, counterPairingCode, ratingTotals as totals } from '../harness/cli';
import { gotoHydrated, reloadHydrated, waitForHydration } from '../harness/hydrated';
import {
	pairOnDevice,
	servedVersion,
	unsyncedCount,
	updateWaiting,
	waitForServiceWorker
} from '../harness/device';
import { copyBuildAsNewVersion } from './support/new-version';
import { VN_ZONE } from '../src/lib/domain/vn-time';

/** The thank-you stays this long (src/routes/rate/+page.svelte). */
const THANKS_MS = 5_000;
/** Untouched this long, /rate sends an abandoned answer, or applies a waiting version on its start screen. */
const IDLE_MS = 60_000;
/** How often a device asks for a new version (src/lib/device/pwa.ts). */
const UPDATE_CHECK_MS = 60 * 60_000;

const newCode = (server: AppServer, name: string) => counterPairingCode(server, name, '8');

const startScreen = (page: Page) => page.getByRole('button', { name: /^Rất hài lòng/ });
const thanks = (page: Page) => page.getByRole('heading', { name: /Cảm ơn ông\/bà đã đánh giá/ });

/** Three citizens in a row, each answer thanked; the clock (installed) skips the thank-you. */
async function rateThreeTimes(page: Page) {
	for (const level of [/^Rất hài lòng/, /^Hài lòng/, /^Rất hài lòng/]) {
		await expect(startScreen(page)).toBeVisible();
		await page.getByRole('button', { name: level }).click();
		await expect(thanks(page)).toBeVisible();
		await page.clock.fastForward(THANKS_MS);
	}
	await expect(startScreen(page)).toBeVisible();
}

/** The server is back: the tablet, told it is online, sends everything it kept. */
async function sendWhenBack(page: Page) {
	await page.evaluate(() => dispatchEvent(new Event('online')));
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
}

test.beforeAll(async ({ server }) => {
	// Answers seconds apart on a skipped clock: these tests are about keeping and sending, not stuffing.
	await cliOn(server, ['ratings', 'settings', '--min-interval', '0']);
});

test('a tablet reloaded with the server down shows its rating screen, keeps 3 ratings and sends them once it is back', async ({
	page,
	server
}) => {
	await page.clock.install();
	await pairOnDevice(page, await newCode(server, 'Quầy 8'));
	await waitForServiceWorker(page);
	const before = await totals(server);

	await server.stop();
	try {
		await reloadHydrated(page);
		await expect(page.getByText('Lĩnh vực: Hộ tịch')).toBeVisible();
		await rateThreeTimes(page);
		await expect(page.getByRole('status').filter({ hasText: 'Mất mạng' })).toBeVisible();
		expect(await unsyncedCount(page)).toBe(3);
		// The device page opens from its own shell too, and counts what waits.
		await gotoHydrated(page, '/device');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Thiết bị');
		// The term and its value are two blocks: the text between them is only layout whitespace.
		await expect(page.getByText(/^Đánh giá chưa gửi\s*3$/)).toBeVisible();
		await gotoHydrated(page, '/rate');
		await expect(startScreen(page)).toBeVisible();
	} finally {
		await server.start();
	}

	await sendWhenBack(page);
	const after = await totals(server);
	expect(after.counted - before.counted).toBe(3);
	expect(after.stored - before.stored).toBe(3);
});

test('after a browser restart with the server down, the tablet opens /rate, keeps 3 ratings and sends them once it is back', async ({
	server
}) => {
	test.setTimeout(120_000);
	const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-profile-'));
	const open = () =>
		chromium.launchPersistentContext(userDataDir, {
			...launchOptions,
			baseURL: server.url,
			serviceWorkers: 'allow',
			viewport: { width: 800, height: 1280 },
			locale: 'vi-VN',
			timezoneId: VN_ZONE
		});
	let context: BrowserContext | undefined = await open();
	try {
		const first = context.pages()[0] ?? (await context.newPage());
		await pairOnDevice(first, await newCode(server, 'Quầy 9'));
		await waitForServiceWorker(first);
		const before = await totals(server);
		await context.close();

		await server.stop();
		context = await open();
		const page = context.pages()[0] ?? (await context.newPage());
		await page.clock.install();
		try {
			await gotoHydrated(page, '/rate');
			await expect(page.getByText('Lĩnh vực: Hộ tịch')).toBeVisible();
			await rateThreeTimes(page);
			expect(await unsyncedCount(page)).toBe(3);
		} finally {
			await server.start();
		}

		await sendWhenBack(page);
		const after = await totals(server);
		expect(after.counted - before.counted).toBe(3);
		expect(after.stored - before.stored).toBe(3);
	} finally {
		await context?.close();
		await rm(userDataDir, { recursive: true, force: true });
	}
});

test('a new version waits until the tablet is idle on its start screen, then sends the ratings the old one kept, once', async ({
	page,
	server
}, testInfo) => {
	// Six server starts (two versions, the CLI's totals) on a shared machine.
	test.setTimeout(180_000);
	const nextBuild = testInfo.outputPath('build-next');
	const nextVersion = await copyBuildAsNewVersion(nextBuild);
	await page.clock.install();
	await pairOnDevice(page, await newCode(server, 'Quầy 10'));
	await waitForServiceWorker(page);
	const before = await totals(server);
	const oldVersion = await servedVersion(page);
	expect(oldVersion).not.toBe(nextVersion);

	// The ratings of the old version stay in its outbox: the server is refused to it.
	await page.route('**/api/v1/sync', (route) => route.abort('internetdisconnected'));
	try {
		await startScreen(page).click();
		await expect(thanks(page)).toBeVisible();
		await page.clock.fastForward(THANKS_MS);
		await startScreen(page).click();
		await expect(thanks(page)).toBeVisible();
		await page.clock.fastForward(THANKS_MS);
		await expect(startScreen(page)).toBeVisible();
		expect(await unsyncedCount(page)).toBe(2);

		// The next version is released; within the hour the tablet finds it, and it installs and waits.
		server.serveBuild(nextBuild);
		await server.restart();
		await page.evaluate(() => document.body.setAttribute('data-same-page', 'true'));
		const samePage = page.locator('body[data-same-page="true"]');
		await page.clock.fastForward(UPDATE_CHECK_MS);
		await expect.poll(() => updateWaiting(page), { timeout: 30_000 }).toBe(true);

		// A citizen answers meanwhile and walks away from the reasons: their answer is sent as it stands, no reload.
		await page.getByRole('button', { name: /^Không hài lòng/ }).click();
		await expect(page.getByRole('button', { name: /Bỏ qua/ })).toBeVisible();
		await page.clock.fastForward(IDLE_MS);
		await expect(thanks(page)).toBeVisible();
		await expect(samePage).toBeAttached();
		expect(await servedVersion(page)).toBe(oldVersion);

		// Back on the start screen and idle: the new version takes over.
		await page.clock.fastForward(THANKS_MS);
		await expect(startScreen(page)).toBeVisible();
		await expect(samePage).toBeAttached();
		await page.clock.fastForward(IDLE_MS);
		await expect(samePage).not.toBeAttached();
		await waitForHydration(page);
		expect(await servedVersion(page)).toBe(nextVersion);
		expect(await unsyncedCount(page)).toBe(3);
		await page.unroute('**/api/v1/sync');

		// The new version sends the old outbox; nothing is counted twice. The page's clock is the test's: the sync's
		// backoff after the refused attempts runs on it, so time is moved on until the outbox is empty.
		await page.evaluate(() => dispatchEvent(new Event('online')));
		await expect
			.poll(
				async () => {
					await page.clock.fastForward(60_000);
					await page.evaluate(() => dispatchEvent(new Event('online')));
					return unsyncedCount(page);
				},
				{ timeout: 60_000 }
			)
			.toBe(0);
		const after = await totals(server);
		expect(after.counted - before.counted).toBe(3);
		expect(after.stored - before.stored).toBe(3);
	} finally {
		server.serveBuild(undefined);
		await server.restart();
		await rm(nextBuild, { recursive: true, force: true });
	}
});
