// The staff panel's choice on the counter tablet (issue 12): the field, ticket and dossier chosen for the next rating
// are saved on the device, so a reload between the choice and the rating keeps them; a choice that no longer makes
// sense (a field the center stops posting, codes keyed in on an earlier day) is dropped with a note for staff.
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, type AppServer } from './support/server';
import { cliOn, counterPairingCode } from '../harness/cli';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';
import { pairOnDevice as pair, unsyncedCount } from '../harness/device';
import { createUsers, signIn } from './support/admin';
import { queryServer } from './support/admin-db';
import { checkA11y } from './support/axe';

const PIN = '246813';

// Each test signs in a manager, pairs a tablet and waits for sync: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });
const DAY_MS = 86_400_000;

const newCode = (server: AppServer, name: string) => counterPairingCode(server, name);

/** What the server stored of a device's ratings, oldest first. */
function storedRatings(server: AppServer, deviceName: string) {
	return queryServer<{ field: string | null; ticket: string | null; dossier: string | null }>(
		server.dataDir,
		`SELECT r.field, r.ticket, r.dossier FROM ratings r JOIN devices d ON d.id = r.device_id
		 WHERE d.name = $1 ORDER BY r.id`,
		[deviceName]
	);
}

async function waitSynced(page: Page) {
	await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);
}

/** Opens the staff panel behind the PIN. */
async function openStaff(page: Page): Promise<Locator> {
	await page.getByRole('button', { name: 'Nhân viên' }).click();
	const dialog = page.getByRole('dialog', { name: /Dành cho nhân viên/ });
	const keypad = dialog.getByRole('group', { name: 'Bàn phím số' });
	for (const digit of PIN) await keypad.getByRole('button', { name: digit, exact: true }).click();
	await dialog.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(
		dialog.getByRole('heading', { name: 'Lĩnh vực cho công dân tiếp theo' })
	).toBeVisible();
	return dialog;
}

/** Keys a ticket or dossier code in on the panel's keyboard and hands the tablet over. */
async function keyCode(page: Page, kind: 'Số phiếu' | 'Mã hồ sơ', code: string) {
	const dialog = await openStaff(page);
	await dialog.getByRole('radio', { name: kind }).click();
	const keyboard = dialog.getByRole('group', { name: 'Bàn phím' });
	for (const key of code)
		await keyboard.getByRole('button', { name: key.toUpperCase(), exact: true }).click();
	await expect(dialog.getByRole('textbox', { name: kind })).toHaveValue(code.toLowerCase());
	await dialog.getByRole('button', { name: 'Lưu và giao máy cho công dân' }).click();
	await expect(dialog).toBeHidden();
}

async function chooseField(page: Page, field: string) {
	const dialog = await openStaff(page);
	await dialog.getByRole('button', { name: field, exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText(`Lĩnh vực: ${field}`)).toBeVisible();
}

async function rateBest(page: Page) {
	await page.getByRole('button', { name: /^Rất hài lòng/ }).click();
	await expect(page.getByRole('heading', { name: /Cảm ơn ông\/bà đã đánh giá/ })).toBeVisible();
}

/** The manager hides a field on /admin/catalogue (or gives it back to the default), as on posted.spec.ts. */
async function setFieldPosted(browser: Browser, baseURL: string, field: string, posted: boolean) {
	const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
	const admin = await context.newPage();
	await signIn(admin, 'quanly');
	await gotoHydrated(admin, '/admin/catalogue');
	const [button, done] = posted
		? [`Về mặc định lĩnh vực ${field}`, `Lĩnh vực ${field} trở về mặc định.`]
		: [`Ẩn lĩnh vực ${field}`, `Đã ẩn lĩnh vực ${field}.`];
	await admin.getByRole('button', { name: button, exact: true }).click();
	await expect(admin.getByRole('status').filter({ hasText: done })).toBeVisible();
	await context.close();
}

test.beforeAll(async ({ server }) => {
	await cliOn(server, ['ratings', 'settings', '--staff-pin', PIN]);
	await createUsers(server, [['quanly', 'manager']]);
});

test('the field, ticket and dossier chosen in the staff panel survive a reload and reach the server with the rating', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 11'));
	await chooseField(page, 'Chứng thực');
	await keyCode(page, 'Số phiếu', 'A12');
	await keyCode(page, 'Mã hồ sơ', 'HS-2026.77');

	await reloadHydrated(page);
	await expect(page.getByText('Lĩnh vực: Chứng thực')).toBeVisible();
	await rateBest(page);
	await waitSynced(page);
	expect(await storedRatings(server, 'Quầy 11')).toEqual([
		{ field: 'Chứng thực', ticket: 'A12', dossier: 'HS-2026.77' }
	]);

	// The codes were for that citizen only; the field stays for the next one, reload or not.
	await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeVisible({ timeout: 10_000 });
	await reloadHydrated(page);
	await rateBest(page);
	await waitSynced(page);
	expect((await storedRatings(server, 'Quầy 11'))[1]).toEqual({
		field: 'Chứng thực',
		ticket: null,
		dossier: null
	});
});

test('a field the center stops posting is dropped at the tablet’s next start, with a note staff must close', async ({
	page,
	server,
	browser,
	baseURL
}) => {
	await pair(page, await newCode(server, 'Quầy 12'));
	await chooseField(page, 'Chứng thực');
	await setFieldPosted(browser, baseURL ?? '', 'Chứng thực', false);
	try {
		// The device's catalogue learns the new posted list on this tablet's next refresh (here, from the kiosk page).
		await gotoHydrated(page, '/kiosk');
		await expect(
			page
				.getByRole('main')
				.getByRole('link', { name: /^Hộ tịch/ })
				.first()
		).toBeVisible();
		await expect(page.getByRole('main').getByRole('link', { name: /^Chứng thực/ })).toHaveCount(0);

		await gotoHydrated(page, '/rate');
		const note = page.getByRole('alert').filter({ hasText: 'không còn trong danh mục niêm yết' });
		await expect(note).toContainText('Lĩnh vực «Chứng thực»');
		await expect(note).toContainText('đang dùng lĩnh vực mặc định «Hộ tịch»');
		await expect(page.getByText('Lĩnh vực: Hộ tịch')).toBeVisible();
		// The note is saved too: a reload before staff read it does not lose it.
		await reloadHydrated(page);
		await expect(note).toBeVisible();
		await rateBest(page);
		await waitSynced(page);
		expect(await storedRatings(server, 'Quầy 12')).toEqual([
			{ field: 'Hộ tịch', ticket: null, dossier: null }
		]);

		await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeVisible({ timeout: 10_000 });
		await note.getByRole('button', { name: 'Đã hiểu' }).click();
		await expect(note).toBeHidden();
		await reloadHydrated(page);
		await expect(page.getByRole('button', { name: /^Hài lòng/ })).toBeVisible();
		await expect(note).toHaveCount(0);
	} finally {
		await setFieldPosted(browser, baseURL ?? '', 'Chứng thực', true);
	}
});

test('the staff panel drops a chosen field its refreshed catalogue no longer posts, and says so', async ({
	page,
	server,
	browser,
	baseURL
}) => {
	await pair(page, await newCode(server, 'Quầy 13'));
	await chooseField(page, 'Chứng thực');
	await setFieldPosted(browser, baseURL ?? '', 'Chứng thực', false);
	try {
		const dialog = await openStaff(page);
		await expect(dialog.getByRole('status')).toContainText(
			'Lĩnh vực «Chứng thực» không còn trong danh mục niêm yết'
		);
		await expect(dialog.getByText('Đang chọn: Hộ tịch')).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Chứng thực', exact: true })).toHaveCount(0);
		await dialog.getByRole('button', { name: 'Đóng' }).click();
		await reloadHydrated(page);
		await expect(page.getByText('Lĩnh vực: Hộ tịch')).toBeVisible();
		await rateBest(page);
		await waitSynced(page);
		expect(await storedRatings(server, 'Quầy 13')).toEqual([
			{ field: 'Hộ tịch', ticket: null, dossier: null }
		]);
	} finally {
		await setFieldPosted(browser, baseURL ?? '', 'Chứng thực', true);
	}
});

test('a ticket and dossier keyed in one day and never used are dropped the next day, with the day said', async ({
	page,
	server
}) => {
	await page.clock.install({ time: new Date() });
	await pair(page, await newCode(server, 'Quầy 14'));
	await chooseField(page, 'Chứng thực');
	await keyCode(page, 'Số phiếu', 'B7');
	await keyCode(page, 'Mã hồ sơ', 'HS-9');
	const keyedOn = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	const [y, m, d] = keyedOn.split('-');

	await page.clock.setSystemTime(new Date(Date.now() + DAY_MS));
	await reloadHydrated(page);
	const note = page.getByRole('alert').filter({ hasText: 'số phiếu «B7» và mã hồ sơ «HS-9»' });
	await expect(note).toContainText(`nhập ngày ${d}/${m}/${y}`);
	// The field is not a code: it stays.
	await expect(page.getByText('Lĩnh vực: Chứng thực')).toBeVisible();
	await rateBest(page);
	await waitSynced(page);
	expect(await storedRatings(server, 'Quầy 14')).toEqual([
		{ field: 'Chứng thực', ticket: null, dossier: null }
	]);
});

test('screenshots and axe: /rate with the note and the staff panel at tablet sizes, normal and large text', async ({
	page,
	server
}, testInfo) => {
	await pair(page, await newCode(server, 'Quầy 15'));
	await page.clock.install({ time: new Date() });
	await reloadHydrated(page);
	await keyCode(page, 'Số phiếu', 'C3');
	await page.clock.setSystemTime(new Date(Date.now() + DAY_MS));
	await reloadHydrated(page);
	const note = page.getByRole('alert').filter({ hasText: 'số phiếu «C3»' });
	await expect(note).toBeVisible();
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	for (const [width, height] of [
		[800, 1280],
		[1280, 800]
	]) {
		await page.setViewportSize({ width, height });
		for (const large of [false, true]) {
			const toggle = page.getByRole('button', { name: large ? 'Chữ to' : 'Chữ thường' });
			if (await toggle.isVisible()) await toggle.click();
			const name = `${width}x${height}${large ? '-large' : ''}`;
			await page.screenshot({ path: testInfo.outputPath(`rate-note-${name}.png`) });
			const dialog = await openStaff(page);
			await page.screenshot({ path: testInfo.outputPath(`rate-panel-${name}.png`) });
			await dialog.getByRole('button', { name: 'Đóng' }).click();
		}
	}
});

test('a ticket longer than the server takes is refused at the field, and the panel stays open', async ({
	page,
	server
}) => {
	await pair(page, await newCode(server, 'Quầy 16'));
	const dialog = await openStaff(page);
	// A dossier code may be 40 characters; the same 25 as a ticket are more than the 20 a ticket may have.
	await dialog.getByRole('radio', { name: 'Mã hồ sơ' }).click();
	const keyboard = dialog.getByRole('group', { name: 'Bàn phím' });
	for (let i = 0; i < 25; i++)
		await keyboard.getByRole('button', { name: 'H', exact: true }).click();
	await dialog.getByRole('radio', { name: 'Số phiếu' }).click();
	await dialog.getByRole('button', { name: 'Lưu và giao máy cho công dân' }).click();
	await expect(dialog.getByRole('alert')).toHaveText('Số phiếu dài quá 20 ký tự.');
	await expect(dialog.getByRole('textbox', { name: 'Số phiếu' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(dialog.getByText('Đang lưu:')).toHaveCount(0);
});
