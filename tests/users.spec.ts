// Managing accounts through the browser (/admin/users, admins only): create an account whose owner sets a password
// with its one-time code (once), change its role, end its sessions, disable it (its session ends, it cannot sign in),
// reset its password; the guard rails; and the page at desk sizes.
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { gotoHydrated, reloadHydrated } from '../harness/hydrated';
import { connectAdmin } from '../src/lib/server/db/remote';
import * as passwords from '../src/lib/server/auth/passwords';

test.describe.configure({ mode: 'serial' });

const LAN_PASSWORD = 'mot cau mat khau cua lan';
const LAN_NEW_PASSWORD = 'lan doi mat khau sau khi dat lai';

let admin: Page;
let lan: Page;

/** A browser of its own for the user: their cookies are not the admin's. */
async function newBrowserPage(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 720 },
		locale: 'vi-VN'
	});
	return context.newPage();
}

async function signInAs(page: Page, username: string, password: string): Promise<void> {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
}

const row = (page: Page, username: string) =>
	page
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${username}\\b`) }) });

async function oneTimeCode(page: Page): Promise<string> {
	const code = (await page.getByTestId('one-time-code').textContent()) ?? '';
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	return code;
}

async function setPassword(page: Page, code: string, password: string): Promise<void> {
	await gotoHydrated(page, `/admin/reset?code=${code}`);
	await page.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
	await page.getByLabel('Nhập lại mật khẩu mới').fill(password);
	await page.getByRole('button', { name: /Đặt mật khẩu/ }).click();
}

test.beforeAll(async ({ server, browser }) => {
	await createUsers(server, [['quantri', 'admin']]);
	admin = await newBrowserPage(browser, server.url);
	lan = await newBrowserPage(browser, server.url);
});

test.afterAll(async () => {
	await admin?.context().close();
	await lan?.context().close();
});

test('an admin finds Tài khoản in the header and creates an account; its owner sets a password with the code, once', async () => {
	await signIn(admin, 'quantri');
	await admin
		.getByRole('navigation', { name: 'Trang quản trị' })
		.getByRole('link', { name: /Tài khoản/ })
		.click();
	await expect(admin).toHaveURL(/\/admin\/users$/);
	await expect(admin.getByRole('heading', { level: 1 })).toContainText('Tài khoản');

	await admin.getByLabel('Tên đăng nhập').fill('lan');
	await admin.getByLabel('Vai trò', { exact: true }).selectOption('manager');
	await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(admin.getByRole('status').first()).toContainText('Đã tạo tài khoản lan (Quản lý).');
	const code = await oneTimeCode(admin);
	await expect(row(admin, 'lan')).toContainText('Có mã đặt mật khẩu chưa dùng');

	await setPassword(lan, code, LAN_PASSWORD);
	await expect(lan).toHaveURL(/\/admin\/login\?reset=lan$/);
	await expect(lan.getByRole('status')).toContainText('Đã đặt mật khẩu mới');
	await lan.getByLabel('Mật khẩu').fill(LAN_PASSWORD);
	await lan.getByRole('button', { name: /Đăng nhập/ }).click();
	await expect(lan).toHaveURL(/\/admin$/);
	// A manager has no accounts link, and the page refuses them.
	await expect(lan.getByRole('link', { name: /Tài khoản/ })).toHaveCount(0);
	expect((await lan.request.get('/admin/users', { maxRedirects: 0 })).status()).toBe(403);

	// The same code a second time: refused, and the password stays.
	await setPassword(lan, code, 'mot mat khau khac han');
	await expect(lan.getByRole('alert')).toHaveText(
		'Mã đặt mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy nhờ quản trị viên tạo mã mới.'
	);
});

test('a common password is refused on the code page, in Vietnamese', async () => {
	await reloadHydrated(admin);
	await admin.getByLabel('Tên đăng nhập').fill('tam');
	await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
	const code = await oneTimeCode(admin);
	await setPassword(lan, code, 'MatKhau123');
	await expect(lan.getByRole('alert')).toContainText('quá phổ biến');
});

test('a role change applies to the user’s open session', async () => {
	await gotoHydrated(admin, '/admin/users');
	await row(admin, 'lan').getByRole('combobox', { name: 'Vai trò của lan' }).selectOption('viewer');
	await row(admin, 'lan').getByRole('button', { name: 'Đổi vai trò của lan' }).click();
	await expect(admin.getByRole('status').first()).toHaveText(
		'Đã đổi vai trò của lan thành Chỉ xem.'
	);
	await reloadHydrated(lan);
	await gotoHydrated(lan, '/admin');
	// The account's name and role are in the header's account menu.
	await lan.locator('details.user summary').click();
	await expect(lan.getByText('lan · Chỉ xem')).toBeVisible();
});

test('ending a user’s sessions signs them out', async () => {
	await gotoHydrated(lan, '/admin');
	await reloadHydrated(admin);
	await expect(row(admin, 'lan')).toContainText('1 phiên');
	await row(admin, 'lan').getByRole('button', { name: 'Kết thúc phiên của lan' }).click();
	await expect(admin.getByRole('status').first()).toHaveText(
		'Đã kết thúc 1 phiên đăng nhập của lan.'
	);
	await lan.goto('/admin/reports');
	await expect(lan).toHaveURL(/\/admin\/login\?next=/);
});

test('disabling a user ends their session at once and refuses their sign-in', async () => {
	await signInAs(lan, 'lan', LAN_PASSWORD);
	await expect(lan).toHaveURL(/\/admin$/);
	await reloadHydrated(admin);
	await row(admin, 'lan').getByRole('button', { name: 'Vô hiệu hoá lan' }).click();
	await expect(admin.getByRole('status').first()).toContainText('Đã vô hiệu hoá tài khoản lan');
	await expect(row(admin, 'lan')).toContainText('Đã vô hiệu hoá');
	await lan.goto('/admin');
	await expect(lan).toHaveURL(/\/admin\/login\?next=/);
	await signInAs(lan, 'lan', LAN_PASSWORD);
	await expect(lan.getByRole('alert')).toHaveText(
		'Tài khoản này đã bị vô hiệu hoá. Hãy liên hệ quản trị viên của trung tâm.'
	);
});

test('a reset gives a new code that works once; enabled again, the user signs in with the new password', async () => {
	await row(admin, 'lan').getByRole('button', { name: 'Đặt lại mật khẩu cho lan' }).click();
	const code = await oneTimeCode(admin);
	await row(admin, 'lan').getByRole('button', { name: 'Kích hoạt lại lan' }).click();
	await expect(admin.getByRole('status').first()).toHaveText('Đã kích hoạt lại tài khoản lan.');
	await setPassword(lan, code, LAN_NEW_PASSWORD);
	await expect(lan).toHaveURL(/\/admin\/login\?reset=lan$/);
	await setPassword(lan, code, 'mot lan nua thi khong duoc');
	await expect(lan.getByRole('alert')).toContainText('đã dùng hoặc đã hết hạn');
	await signInAs(lan, 'lan', LAN_PASSWORD);
	await expect(lan.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
	await signInAs(lan, 'lan', LAN_NEW_PASSWORD);
	await expect(lan).toHaveURL(/\/admin$/);
});

test('guard rails: an admin has no button to disable themselves, and cannot demote the last admin', async () => {
	await gotoHydrated(admin, '/admin/users');
	await expect(row(admin, 'quantri').getByRole('button', { name: /Vô hiệu hoá/ })).toHaveCount(0);
	await row(admin, 'quantri')
		.getByRole('combobox', { name: 'Vai trò của quantri' })
		.selectOption('manager');
	await row(admin, 'quantri').getByRole('button', { name: 'Đổi vai trò của quantri' }).click();
	await expect(admin.getByRole('alert')).toHaveText(
		'Bạn không thể tự vô hiệu hoá hoặc tự bỏ quyền quản trị của chính mình.'
	);
	await reloadHydrated(admin);
	await admin.locator('details.user summary').click();
	await expect(admin.getByText('quantri · Quản trị')).toBeVisible();
});

test('a control character or a body that is not a form is a Vietnamese 400, never a 500', async ({
	server
}) => {
	const headers = { origin: server.url, accept: 'application/json' };
	// A form action asked for JSON answers 200 with the action's own status inside.
	const refused = async (
		response: Awaited<ReturnType<Page['request']['post']>>,
		message: string | RegExp
	) => {
		expect(response.status()).toBe(200);
		const body = (await response.json()) as { type: string; status: number; data: string };
		expect(body).toMatchObject({ type: 'failure', status: 400 });
		expect(body.data).toMatch(message);
	};
	await refused(
		await admin.request.post('/admin/users?/create', {
			headers,
			form: { username: 'ke\u0000gian', role: 'viewer' }
		}),
		/ký tự điều khiển/
	);
	// A body that is not a form never reaches the action: the server refuses it first (415, in Vietnamese).
	const plain = await admin.request.post('/admin/users?/disable', {
		headers: { ...headers, 'content-type': 'text/plain' },
		data: 'id=x'
	});
	expect(plain.status()).toBe(415);
	expect(await plain.text()).toMatch(/không phải biểu mẫu/);
	await refused(
		await lan.request.post('/admin/reset', {
			headers,
			form: { code: 'AAAA\u0000', password: 'x', confirm: 'x' }
		}),
		/ký tự điều khiển/
	);
	await refused(
		await lan.request.post('/admin/login', {
			headers,
			form: { username: 'lan\u0000', password: 'x' }
		}),
		/ký tự điều khiển/
	);
});

test('an account with an old 8-character password still signs in, is asked to change it, and the banner goes once it has', async ({
	server
}) => {
	// Made as before the password rules (the CLI and the pages now refuse such a password): straight into the database.
	const db = await connectAdmin(server.dataDir);
	if (!db) throw new Error('no server database');
	const [{ center }] = await db.query<{ center: string }>(
		`SELECT center_id AS center FROM users WHERE username = 'quantri'`
	);
	await db.query(
		`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ('cu-1', $1, 'cu', $2, 'viewer')`,
		[center, await passwords.hash('12345678')]
	);
	await db.close();
	const old = await newBrowserPage(admin.context().browser() as Browser, server.url);
	await signInAs(old, 'cu', '12345678');
	await expect(old).toHaveURL(/\/admin$/);
	const nudge = old
		.getByRole('status')
		.filter({ hasText: 'Mật khẩu của bạn chưa đạt yêu cầu mới' });
	await expect(nudge).toBeVisible();
	await old.screenshot({ path: 'test-results/users-weak-password-1280x720.png' });
	await nudge.getByRole('link', { name: 'Đổi mật khẩu ngay' }).click();
	await expect(old).toHaveURL(/\/admin\/password$/);
	await old.getByLabel('Mật khẩu hiện tại').fill('12345678');
	await old.getByLabel('Mật khẩu mới', { exact: true }).fill('mot cau dai cho tai khoan cu');
	await old.getByLabel('Nhập lại mật khẩu mới').fill('mot cau dai cho tai khoan cu');
	await old.getByRole('button', { name: /Đổi mật khẩu/ }).click();
	await expect(old.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu.' })).toBeVisible();
	await gotoHydrated(old, '/admin');
	await expect(old.getByText('Mật khẩu của bạn chưa đạt yêu cầu mới')).toHaveCount(0);
	await old.context().close();
});

test('/admin/users at 1440×900 and 1280×720: accessible, the header one row', async () => {
	// The center, the seven links of an admin and the account menu on one row at both desk sizes.
	for (const [width, height, rows] of [
		[1440, 900, 1],
		[1280, 720, 1]
	]) {
		await admin.setViewportSize({ width, height });
		await gotoHydrated(admin, '/admin/users');
		await admin.getByRole('button', { name: 'Đặt lại mật khẩu cho tam' }).click();
		await oneTimeCode(admin);
		await admin.screenshot({ path: `test-results/users-${width}x${height}.png`, fullPage: true });
		const { violations, summary } = await checkA11y(admin);
		expect(violations, summary).toEqual([]);
		const tops = await admin.evaluate(() =>
			[...document.querySelectorAll('header nav a, header summary')].map((e) =>
				Math.round(e.getBoundingClientRect().top)
			)
		);
		expect(new Set(tops).size, `header rows at ${width}px`).toBeLessThanOrEqual(rows);
		// No sideways scrolling at a desk.
		expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
	}
});
