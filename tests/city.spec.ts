// A city of centers in one deployment: the city admin adds a center with its host name, the center answers on that
// name with its own data, the city's people open a center's pages with their city role's rights, and a center's
// people cannot reach the city's pages.
import http from 'node:http';
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, PASSWORD } from './support/admin';
import { gotoHydrated } from '../harness/hydrated';

test.describe.configure({ mode: 'serial' });

const NEW_CENTER = 'Trung tâm Phục vụ hành chính công phường Bến Thành';

/** A GET sent to the server's address with another host name, as a city's proxy forwards it. */
function getAs(url: string, host: string, path: string): Promise<{ status: number; body: string }> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ hostname, port, path, headers: { host: `${host}:${port}`, accept: 'text/html' } },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (body += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		req.end();
	});
}

async function signInAs(page: Page, username: string): Promise<void> {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
}

test.beforeAll(async ({ server }) => {
	await createUsers(server, [
		['thanhpho', 'city_admin'],
		['xem.thanhpho', 'city_viewer'],
		['quantri', 'admin']
	]);
});

test('the city admin adds a center, which then answers on its own host name with its own data', async ({
	page,
	server
}) => {
	await signInAs(page, 'thanhpho');
	await expect(page).toHaveURL(/\/city$/);
	await expect(page.getByRole('heading', { name: 'Các trung tâm của thành phố' })).toBeVisible();
	await page.getByRole('link', { name: 'Quản lý trung tâm' }).click();
	await expect(page).toHaveURL(/\/city\/centers$/);

	// A bad host name is refused, and nothing is added.
	await page.getByLabel('Mã trung tâm').fill('ben-thanh');
	await page.getByLabel('Tên chính thức').fill(NEW_CENTER);
	await page.getByLabel('Tên miền', { exact: true }).fill('ben thanh!');
	await page.getByRole('button', { name: 'Thêm trung tâm' }).click();
	await expect(page.getByRole('alert').first()).toContainText('Tên miền chỉ gồm');
	await expect(page.getByRole('heading', { name: NEW_CENTER })).toHaveCount(0);

	await page.getByLabel('Tên miền', { exact: true }).fill('BenThanh.example.vn');
	await page.getByRole('button', { name: 'Thêm trung tâm' }).click();
	await expect(page.getByRole('status')).toContainText(`Đã thêm ${NEW_CENTER} (mã ben-thanh).`);
	await expect(page.getByRole('heading', { name: NEW_CENTER })).toBeVisible();
	await checkA11y(page);

	// Its public page names it, on its host; the server's own address is still the demo center with its catalogue.
	const own = await getAs(server.url, 'benthanh.example.vn', '/p?q=khai+sinh');
	expect(own.status).toBe(200);
	expect(own.body).toContain(NEW_CENTER);
	expect(own.body).not.toContain('dữ liệu mẫu');
	const demo = await getAs(server.url, '127.0.0.1', '/p?q=khai+sinh');
	expect(demo.body).toContain('dữ liệu mẫu');
	expect(demo.body).not.toContain(NEW_CENTER);
	// Its devices get its own catalogue: none yet, under its name.
	const catalogue = await getAs(server.url, 'benthanh.example.vn', '/api/v1/catalogue');
	expect(catalogue.status).toBe(200);
	const list = JSON.parse(catalogue.body) as { center: { name: string }; procedures: unknown[] };
	expect(list.center.name).toBe(NEW_CENTER);
	expect(list.procedures).toHaveLength(0);
});

test("the city's people open a center's pages with their role's rights", async ({
	browser,
	server
}) => {
	const viewer = await browser.newPage({ baseURL: server.url });
	await signInAs(viewer, 'xem.thanhpho');
	await expect(viewer).toHaveURL(/\/city$/);
	await viewer
		.getByRole('row', { name: new RegExp(NEW_CENTER) })
		.getByRole('button', { name: `Xem trung tâm ${NEW_CENTER}` })
		.click();
	await expect(viewer).toHaveURL(/\/admin$/);
	await expect(viewer.getByText(`${NEW_CENTER} (thành phố đang xem)`)).toBeVisible();
	// Read-only: no accounts link, and the city is one link away.
	await expect(viewer.getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
	await expect(viewer.getByRole('link', { name: 'Thành phố' })).toBeVisible();
	// A city viewer cannot add centers: the form is not shown, and a post is refused.
	await gotoHydrated(viewer, '/city/centers');
	await expect(viewer.getByRole('button', { name: 'Thêm trung tâm' })).toHaveCount(0);
	const refused = await viewer.request.post('/city/centers?/create', {
		form: { id: 'lap-lo', name: 'Không được thêm', level: 'xa', hosts: '' },
		headers: { origin: server.url, 'x-sveltekit-action': 'true' }
	});
	expect(refused.status()).toBe(403);
	await viewer.close();
});

test("a center's admin cannot reach the city's pages", async ({ browser, server }) => {
	const admin = await browser.newPage({ baseURL: server.url });
	await signInAs(admin, 'quantri');
	await expect(admin).toHaveURL(/\/admin$/);
	await expect(admin.getByRole('link', { name: 'Thành phố' })).toHaveCount(0);
	const city = await admin.goto('/city');
	expect(city?.status()).toBe(403);
	await expect(admin.getByText('Trang này dành cho cán bộ của thành phố.')).toBeVisible();
	const look = await admin.request.post('/city?/look', {
		form: { center: 'ben-thanh' },
		headers: { origin: server.url, 'x-sveltekit-action': 'true' }
	});
	expect(look.status()).toBe(403);
	await admin.close();
});

test('the city table shows every center with its rank and the city total, sortable by any column', async ({
	page
}) => {
	await signInAs(page, 'thanhpho');
	await expect(page).toHaveURL(/\/city$/);
	const table = page.getByRole('table', { name: /Xếp hạng các trung tâm/ });
	await expect(table.getByRole('rowheader', { name: /Bến Thành/ })).toBeVisible();
	await expect(table.getByRole('rowheader', { name: /dữ liệu mẫu/ })).toBeVisible();
	await expect(table.getByRole('rowheader', { name: 'Toàn thành phố' })).toBeVisible();
	const counted = table.getByRole('columnheader', { name: /Lượt đánh giá/ });
	await expect(counted).toHaveAttribute('aria-sort', 'none');
	await counted.getByRole('button').click();
	await expect(counted).toHaveAttribute('aria-sort', 'descending');
	await counted.getByRole('button').click();
	await expect(counted).toHaveAttribute('aria-sort', 'ascending');
	await checkA11y(page);
});
