// No rating lost, none counted twice: 200+ taps on /rate while the network comes and goes, the server is killed
// with SIGKILL in the middle of a batch and restarted, and the page is reloaded while a sync is in flight.
import type { Route } from '@playwright/test';
import { test, expect } from './support/server';
import { seededRandom } from '../src/lib/domain/random';
import { cliOn, pairingCode, ratingTotals } from '../harness/cli';
import { pairOnDevice, unsyncedCount } from '../harness/device';
import { waitForHydration } from '../harness/hydrated';

const TAPS = 210;
const SEED = 20261123;

test('every tapped rating is counted exactly once through network cuts, a killed server and reloads', async ({
	page,
	server
}) => {
	test.setTimeout(15 * 60_000);
	const random = seededRandom(SEED);
	console.log(`fault test seed ${SEED}`);
	// Spaced taps are not stuffing anyway (thanks stays 5 s); with no minimum the count depends on sync alone.
	await cliOn(server, ['ratings', 'settings', '--min-interval', '0']);
	const code = await pairingCode(server, [
		'--name',
		'Quầy thử lỗi',
		'--kind',
		'counter',
		'--counter',
		'9'
	]);

	await page.clock.install();
	await pairOnDevice(page, code);

	let networkUp = true;
	let killOnNextBatch = false;
	let killed: Promise<void> | null = null;
	let holdNext: ((release: () => void) => void) | null = null;
	const stats = { cuts: 0, kills: 0, reloads: 0, batchesThrough: 0 };

	await page.route('**/api/v1/sync', async (route: Route) => {
		if (!networkUp) return route.abort('internetdisconnected');
		if (holdNext) {
			const hold = holdNext;
			holdNext = null;
			await new Promise<void>((release) => hold(release));
			return route.continue().catch(() => undefined);
		}
		stats.batchesThrough++;
		const forwarded = route.continue().catch(() => undefined);
		if (killOnNextBatch) {
			killOnNextBatch = false;
			stats.kills++;
			// The batch is on its way: the server dies with it, committed or not.
			await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
			killed = server.stop('SIGKILL');
		}
		await forwarded;
	});

	const start = page.getByRole('button', { name: /^Rất hài lòng/ });
	for (let tap = 0; tap < TAPS; tap++) {
		const r = random();
		if (r < 0.08) {
			networkUp = !networkUp;
			stats.cuts++;
		} else if (r < 0.11 && networkUp && !killed) killOnNextBatch = true;

		await expect(start).toBeVisible();
		const level = random();
		if (level < 0.2) {
			await page.getByRole('button', { name: /^Không hài lòng/ }).click();
			await page.getByRole('button', { name: /Bỏ qua/ }).click();
		} else await (level < 0.6 ? start : page.getByRole('button', { name: /^Hài lòng/ })).click();
		await expect(page.getByRole('heading', { name: /Cảm ơn/ })).toBeVisible();

		if (killed) {
			await killed;
			killed = null;
			await server.start();
		}
		if (networkUp && random() < 0.04) {
			// Reload while a batch is in flight: hold the next sync request, reload, then let it go.
			const held = new Promise<() => void>((ok) => (holdNext = ok));
			await page.clock.fastForward(30_000);
			const release = await Promise.race([
				held,
				new Promise<null>((ok) => setTimeout(() => ok(null), 5_000))
			]);
			holdNext = null;
			const reloading = page.reload();
			release?.();
			await reloading;
			await waitForHydration(page);
			stats.reloads++;
			continue;
		}
		await page.clock.fastForward(5_000);
	}

	// Quiet: the network is back and the server up; time passes until the outbox is empty.
	networkUp = true;
	if (!server.running) await server.start();
	await expect
		.poll(
			async () => {
				await page.clock.fastForward(60_000);
				await page.evaluate(() => dispatchEvent(new Event('online')));
				return unsyncedCount(page);
			},
			{ timeout: 120_000, intervals: [500] }
		)
		.toBe(0);

	const totals = await ratingTotals(server);
	console.log(
		`fault test: ${TAPS} taps, ${JSON.stringify(stats)}, server ${JSON.stringify(totals)}`
	);
	expect(stats.cuts).toBeGreaterThan(0);
	expect(stats.kills).toBeGreaterThan(0);
	expect(stats.reloads).toBeGreaterThan(0);
	expect(totals.counted).toBe(TAPS);
	expect(totals.stored).toBe(TAPS);
});
