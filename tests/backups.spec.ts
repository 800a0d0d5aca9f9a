// Backups on /admin/settings, as a clerk uses them: warned while there is none, backs up now, downloads the file; then
// the server is stopped, its data wiped, the file restored with the CLI, and the same people sign in to the same data.
// Only an admin sees or downloads backups, and a download names only a backup in the folder.
import { readFile, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { cli, pairingCode as newPairingCode, withServerStopped } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';

// Each CLI run starts Vite: one stop of the server for all of them, and time for a loaded machine.
const SLOW = 180_000;
let pairingCode = '';

test.beforeAll(async ({ server }) => {
	test.setTimeout(SLOW);
	await createUsers(server, [
		['quantri', 'admin'],
		['quanly', 'manager'],
		['xem', 'viewer']
	]);
	pairingCode = await newPairingCode(server, [
		'--name',
		'Quầy 5',
		'--kind',
		'counter',
		'--counter',
		'5'
	]);
});

test('an admin is warned there is no backup, backs up now, downloads it, and a restore from it gives the same sign-in', async ({
	page,
	server
}, testInfo) => {
	test.setTimeout(SLOW);
	expect(
		(await page.request.post('/api/v1/devices/pair', { data: { code: pairingCode } })).status()
	).toBe(200);
	await signIn(page, 'quantri');
	await gotoHydrated(page, '/admin/settings');
	const panel = page.getByRole('region', { name: /Sao lưu dữ liệu/ });
	await expect(panel.getByRole('alert')).toContainText('Chưa có bản sao lưu nào');
	await panel.getByRole('button', { name: 'Sao lưu ngay' }).click();
	await expect(panel.getByRole('status')).toContainText('Đã sao lưu xong');
	await expect(panel).toContainText(
		/Bản mới nhất: \d\d:\d\d ngày .* \(vừa xong\), [\d.,]+ (kB|MB)\./
	);
	await expect(panel.getByRole('alert')).toHaveCount(0);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('link', { name: 'Tải bản sao lưu mới nhất' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^sanhso-backup-\d{8}-\d{6}Z\.ndjson\.gz$/);
	const file = testInfo.outputPath('backup.ndjson.gz');
	await download.saveAs(file);
	const header = JSON.parse(
		gunzipSync(await readFile(file))
			.toString('utf8')
			.split('\n')[0]
	);
	expect(header).toMatchObject({
		format: 'sanhso-backup',
		engine: 'pglite',
		tables: expect.arrayContaining([{ name: 'users', rows: 3 }])
	});

	await withServerStopped(server, async () => {
		const devicesBefore = await cli(server.dataDir, ['device', 'list']);
		expect(devicesBefore).toContain('Quầy 5');
		await rm(server.dataDir, { recursive: true, force: true });
		expect(await cli(server.dataDir, ['restore', file])).toMatch(
			/Restored \d+ rows in \d+ tables\./
		);
		expect(await cli(server.dataDir, ['device', 'list'])).toBe(devicesBefore);
	});
	await page.context().clearCookies();
	await signIn(page, 'quantri');
	await gotoHydrated(page, '/admin/settings');
	await expect(page.getByRole('region', { name: /Sao lưu dữ liệu/ })).toContainText(
		'Chưa có bản sao lưu nào'
	); // the folder went with the data
});

test('a manager or a viewer sees no backups and may not download one; a download names only a backup in the folder', async ({
	page,
	server
}) => {
	await signIn(page, 'quantri');
	await gotoHydrated(page, '/admin/settings');
	await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
	const link = page.getByRole('link', { name: 'Tải bản sao lưu mới nhất' });
	const href = (await link.getAttribute('href')) ?? '';
	expect((await page.request.get(href)).status()).toBe(200);
	for (const name of [
		'..%2F..%2Fpackage.json',
		'..%2Fpglite%2FPG_VERSION',
		'sanhso-backup-20200101-000000Z.ndjson.gz',
		'%2Fetc%2Fpasswd'
	]) {
		expect((await page.request.get(`/admin/settings/backups/${name}`)).status(), name).toBe(404);
	}
	for (const username of ['quanly', 'xem']) {
		await page.context().clearCookies();
		await signIn(page, username);
		await gotoHydrated(page, '/admin/settings');
		await expect(page.getByRole('heading', { name: /Chỉ tiêu hài lòng/ })).toBeVisible();
		await expect(page.getByRole('region', { name: /Sao lưu dữ liệu/ })).toHaveCount(0);
		expect((await page.request.get(href, { maxRedirects: 0 })).status(), username).toBe(403);
		expect(
			(
				await page.request.post('/admin/settings?/backupNow', {
					headers: { origin: server.url },
					form: {},
					maxRedirects: 0
				})
			).status(),
			username
		).toBe(403);
	}
});

test('the command line backs up while the server runs, and restores through it with --force', async ({
	server
}, testInfo) => {
	test.setTimeout(SLOW);
	const file = testInfo.outputPath('cli-backup.ndjson.gz');
	expect(await cli(server.dataDir, ['backup', '--out', file])).toContain(file);
	const header = JSON.parse(
		gunzipSync(await readFile(file))
			.toString('utf8')
			.split('\n')[0]
	);
	expect(header).toMatchObject({ format: 'sanhso-backup', engine: 'pglite' });
	const devicesBefore = await cli(server.dataDir, ['device', 'list']);
	// Over the running server's data: refused without --force, then replaced whole, and served at once.
	await expect(cli(server.dataDir, ['restore', file])).rejects.toThrow(/--force/);
	expect(await cli(server.dataDir, ['restore', file, '--force'])).toMatch(
		/Restored \d+ rows in \d+ tables\./
	);
	expect(await cli(server.dataDir, ['device', 'list'])).toBe(devicesBefore);
	expect((await fetch(server.url + '/api/v1/catalogue')).status).toBe(200);
});
