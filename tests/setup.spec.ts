// A new center's first run with no terminal: /admin leads to the one-time setup page, the code from the server's log
// creates the first admin, who fills in the center's identity; the kiosk, the phone page and the report then carry it.
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import type { AppServer } from '../harness/app-server';
import { checkA11y } from './support/axe';
import { createUsers, PASSWORD, signIn } from './support/admin';
import { gotoHydrated } from '../harness/hydrated';

// The environment names the center: a first-start default only, which the settings then replace.
const ENV_NAME = 'Trung tâm thử nghiệm (tên trong biến môi trường)';
test.use({ serverEnv: { CENTER_NAME: ENV_NAME, CENTER_PLACE_NAME: 'Nơi thử' } });
test.describe.configure({ mode: 'serial' });

const IDENTITY = {
	name: 'Trung tâm Phục vụ hành chính công phường An Phú',
	governingBody: 'UBND phường An Phú',
	placeName: 'An Phú',
	address: '12 Lê Lợi, phường An Phú, tỉnh An Giang',
	hours: 'Thứ Hai – Thứ Sáu: 7h30 – 11h30, 13h30 – 17h00',
	phone: '0296 3 123 456'
};

/** Every setup code the server printed, as JSON log lines, in order. */
function codesIn(server: AppServer): string[] {
	return server
		.log()
		.split('\n')
		.filter((line) => line.includes('"event":"setup_code"'))
		.map((line) => JSON.parse(line).code);
}

async function fillSetup(page: Page, code: string, username = 'quantri') {
	await page.getByLabel('Mã thiết lập').fill(code);
	await page.getByLabel('Tên đăng nhập của quản trị').fill(username);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: /Tạo tài khoản quản trị/ }).click();
}

test('an installation with no account leads /admin and the login page to the setup page, which is accessible', async ({
	page,
	server
}) => {
	expect(codesIn(server)).toHaveLength(1);
	expect(server.log()).toMatch(/mã thiết lập: [A-Z2-9]{5}-[A-Z2-9]{5}/);
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/admin\/setup$/);
	await page.goto('/admin/login');
	await expect(page).toHaveURL(/\/admin\/setup$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Thiết lập lần đầu');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('a wrong code is refused in Vietnamese and creates nothing', async ({ page }) => {
	await gotoHydrated(page, '/admin/setup');
	await fillSetup(page, 'AAAAA-BBBBB');
	await expect(page.getByRole('alert')).toHaveText(
		'Mã thiết lập không đúng. Hãy xem lại mã in trong nhật ký (log) của máy chủ.'
	);
	await expect(page).toHaveURL(/\/admin\/setup$/);
	await page.context().clearCookies();
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/admin\/setup$/);
});

test('the code from the log, typed in lower case, creates the admin, signs them in at the settings, and the page is gone', async ({
	page,
	browser,
	server
}) => {
	const [code] = codesIn(server);
	await gotoHydrated(page, '/admin/setup');
	await fillSetup(page, code.toLowerCase().replace('-', ' '));
	await expect(page).toHaveURL(/\/admin\/settings\?welcome=1$/);
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã tạo tài khoản quản trị' })
	).toBeVisible();
	await expect(page.getByRole('banner')).toContainText('quantri · Quản trị');

	// Gone for everyone now, the new admin included; a visitor is sent to sign in.
	expect((await page.goto('/admin/setup'))?.status()).toBe(404);
	const visitor = await browser.newContext();
	const other = await visitor.newPage();
	expect((await other.goto(`${server.url}/admin/setup`))?.status()).toBe(404);
	const posted = await visitor.request.post(`${server.url}/admin/setup`, {
		headers: { origin: server.url },
		form: { code, username: 'ke-gian', password: PASSWORD, confirm: PASSWORD },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(404);
	await other.goto(`${server.url}/admin`);
	await expect(other).toHaveURL(/\/admin\/login\?next=%2Fadmin$/);
	await visitor.close();
});

test("the identity saved on the settings reaches the kiosk, the phone page and the report; the environment's name was a default", async ({
	page,
	server,
	request
}) => {
	await gotoHydrated(page, '/kiosk');
	await expect(page.getByRole('banner')).toContainText(ENV_NAME);

	await signIn(page, 'quantri');
	await gotoHydrated(page, '/admin/settings');
	await expect(page.getByLabel('Địa danh ghi ngày báo cáo')).toHaveValue('Nơi thử');
	await page.getByLabel('Tên chính thức của trung tâm').fill('');
	await page.getByRole('button', { name: 'Lưu thông tin trung tâm' }).click();
	// The identity form's alert (the backup panel below carries one of its own on a new installation).
	await expect(page.getByRole('alert').filter({ hasText: 'Chưa lưu' })).toHaveText(
		'Chưa lưu: hãy sửa các ô được đánh dấu.'
	);
	await expect(page.getByText('Hãy nhập tên chính thức của trung tâm')).toBeVisible();

	await page.getByLabel('Tên chính thức của trung tâm').fill(`  ${IDENTITY.name} `);
	await page.getByLabel('Cơ quan chủ quản').fill(IDENTITY.governingBody);
	await page.getByLabel('Địa danh ghi ngày báo cáo').fill(IDENTITY.placeName);
	await page.getByLabel('Địa chỉ').fill(IDENTITY.address);
	await page.getByLabel('Giờ làm việc').fill(IDENTITY.hours);
	await page.getByLabel('Số điện thoại').fill(IDENTITY.phone);
	await page.getByRole('button', { name: 'Lưu thông tin trung tâm' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã lưu thông tin trung tâm' })
	).toBeVisible();
	await expect(page.getByRole('banner')).toContainText(IDENTITY.name);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	// The kiosk's header, from the catalogue it refreshes by ETag.
	await gotoHydrated(page, '/kiosk');
	await expect(page.getByRole('banner')).toContainText(IDENTITY.name);

	// The phone page a QR opens: where to go, when, and a number to call.
	// One the center receives (its posted list): the page then says where to hand the dossier in.
	const { posted } = (await (await request.get('/api/v1/catalogue')).json()) as {
		posted: { codes: string[] };
	};
	await page.goto(`/p/${posted.codes[0]}`);
	await expect(page.getByText(IDENTITY.name).first()).toBeVisible();
	const center = page.getByRole('region', { name: 'Nộp hồ sơ trực tiếp tại' });
	await expect(center).toContainText(IDENTITY.address);
	await expect(center).toContainText(IDENTITY.hours);
	await expect(center.getByRole('link', { name: IDENTITY.phone })).toHaveAttribute(
		'href',
		'tel:02963123456'
	);

	// The report: its issuer in the JSON, and the letterhead with the place and date on the print view.
	const period = 'from=2026-04-15&to=2026-05-14';
	const report = await (await page.request.get(`/api/v1/reports?${period}`)).json();
	expect(report.center).toEqual({
		id: 'demo',
		name: IDENTITY.name,
		governingBody: IDENTITY.governingBody,
		placeName: IDENTITY.placeName,
		// The document settings' defaults, until an admin sets them (report-print.spec.ts).
		reportSymbol: 'BC-TTPVHCC',
		recipients: ['Lưu: VT'],
		signerTitle: ['GIÁM ĐỐC'],
		signerName: ''
	});
	await gotoHydrated(page, `/admin/reports/print?${period}`);
	const letterhead = page.locator('.letterhead');
	await expect(letterhead).toContainText('UBND PHƯỜNG AN PHÚ');
	await expect(letterhead).toContainText('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG AN PHÚ');
	await expect(letterhead).toContainText(/An Phú, ngày \d{2} tháng \d{1,2} năm 20\d\d/);

	// A restart with the same environment keeps what was saved, and prints no new code: there is an admin now.
	await server.restart();
	expect(codesIn(server)).toHaveLength(1);
	await gotoHydrated(page, '/kiosk');
	await expect(page.getByRole('banner')).toContainText(IDENTITY.name);
});

test('a viewer sees the identity but cannot change it', async ({ page, server }) => {
	await createUsers(server, [['xem', 'viewer']]);
	await signIn(page, 'xem');
	await gotoHydrated(page, '/admin/settings');
	const section = page.getByRole('region', { name: /Thông tin trung tâm/ });
	await expect(section).toContainText(IDENTITY.governingBody);
	await expect(section).toContainText('Chỉ tài khoản quản trị sửa được các thông tin này.');
	await expect(section.getByRole('button')).toHaveCount(0);
	await expect(section.getByRole('textbox')).toHaveCount(0);
});
