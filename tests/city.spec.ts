// A city of centers in one deployment: the city admin adds a center with its host name, the center answers on that
// name with its own data, the city's people open a center's pages with their city role's rights, and a center's
// people cannot reach the city's pages. The city's report downloads in every format, and its charts have their words.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, PASSWORD } from './support/admin';
import { gotoHydrated } from '../harness/hydrated';
import { cliOn } from '../harness/cli';

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

/** The period the report tests ask for, and the demo center's dossiers in it (imported through the CLI). */
const HALF = '/city?from=2026-01-01&to=2026-06-30';
const DOSSIERS = [
	'Mã hồ sơ,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Hạn trả kết quả,Ngày trả kết quả,Trạng thái',
	'HS-1,Hộ tịch,truc_tuyen,02/03/2026,05/03/2026,04/03/2026,Đã trả kết quả',
	'HS-2,Hộ tịch,truc_tiep,03/03/2026,06/03/2026,09/03/2026,Đã trả kết quả',
	'HS-3,Chứng thực,truc_tiep,10/04/2026,12/04/2026,,Đang xử lý',
	'HS-4,Đất đai,truc_tuyen,12/05/2026,30/07/2026,,Đang xử lý',
	'HS-5,Đất đai,truc_tiep,20/05/2026,25/05/2026,22/05/2026,Từ chối'
];

test.beforeAll(async ({ server }) => {
	await createUsers(server, [
		['thanhpho', 'city_admin'],
		['xem.thanhpho', 'city_viewer'],
		['quantri', 'admin']
	]);
	const file = join(await mkdtemp(join(tmpdir(), 'sanhso-city-')), 'ho-so.csv');
	await writeFile(file, DOSSIERS.join('\n'));
	await cliOn(server, ['dossiers', 'import', file, '--source', 'Một cửa']);
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

test('a city on one address: a path prefix opens a center, the browser keeps it, and its QR codes carry it', async ({
	page,
	server
}) => {
	// The server's own address is claimed by no center: the prefix says which one.
	const own = await page.request.get('/c/ben-thanh/p?q=khai+sinh');
	expect(own.status()).toBe(200);
	const html = await own.text();
	expect(html).toContain(NEW_CENTER);
	expect(html).not.toContain('dữ liệu mẫu');
	// The app's own links carry no prefix: the browser remembers the center.
	const after = await page.request.get('/p?q=khai+sinh');
	expect(await after.text()).toContain(NEW_CENTER);
	const catalogue = (await (await page.request.get('/api/v1/catalogue')).json()) as {
		center: { name: string };
		qr: { publicUrl: string };
	};
	expect(catalogue.center.name).toBe(NEW_CENTER);
	expect(catalogue.qr.publicUrl).toBe(`${server.url}/c/ben-thanh`);
	// A prefix naming no center is refused; the staff pages under a prefix still ask for a sign-in.
	expect((await page.request.get('/c/khong-co/p')).status()).toBe(404);
	const admin = await page.request.get('/c/ben-thanh/admin', { maxRedirects: 0 });
	expect(admin.status()).toBe(303);
	expect(admin.headers()['location']).toContain('/admin/login');
	// In the browser: the page opens under its prefix and a search (a plain form) stays in the center.
	await page.goto('/c/ben-thanh/p'); // a phone page: server-rendered, no script
	await expect(page.getByText(NEW_CENTER).first()).toBeVisible();
	await page.getByLabel('Tên hoặc mã thủ tục').fill('khai sinh');
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page).toHaveURL(/\/p\?q=khai/);
	await expect(page.getByText(NEW_CENTER).first()).toBeVisible();
	// An app page under a prefix hydrates: the browser's router takes the route without it too (src/hooks.ts).
	await gotoHydrated(page, '/c/ben-thanh/kiosk');
	// Another browser, with no prefix and nothing remembered, gets the server's own center.
	const demo = await getAs(server.url, '127.0.0.1', '/p?q=khai+sinh');
	expect(demo.body).toContain('dữ liệu mẫu');
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

/** Downloads the file a link on the page names. */
async function download(page: Page, name: RegExp): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

const sums = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((n, r) => n + r[i], 0));

test("the city's report downloads as DOCX, XLSX and CSV with a row per center and the city's total", async ({
	page
}) => {
	await signInAs(page, 'xem.thanhpho');
	await expect(page).toHaveURL(/\/city$/);
	await gotoHydrated(page, HALF);
	const files = page.getByRole('navigation', { name: 'Tải báo cáo của thành phố' });
	await expect(files.getByRole('link')).toHaveCount(4);

	const xlsx = await download(page, /Tải Excel/);
	expect(xlsx.name).toBe('bao-cao-thanh-pho-2026-01-01_2026-06-30.xlsx');
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
	expect(book.worksheets.map((w) => w.name)).toEqual([
		'Tiếp nhận – giải quyết',
		'Hài lòng',
		'Ước tính chỉ số 766',
		'Lưu ý về số liệu'
	]);
	const rows: unknown[][] = [];
	book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	const figures = (r: unknown[] | undefined) => (r ?? []).slice(-14).map(Number);
	const centers = rows.filter((r) => typeof r[0] === 'number');
	expect(centers.map((r) => r[1])).toEqual(
		expect.arrayContaining([NEW_CENTER, expect.stringMatching(/dữ liệu mẫu/)])
	);
	const city = rows.find((r) => r[0] === 'Toàn thành phố');
	expect(figures(city)).toEqual(sums(centers.map(figures)));
	// The demo center's five dossiers, as its own report counts them: (3) received, (7) resolved, (13) pending.
	const demo = centers.find((r) => /dữ liệu mẫu/.test(String(r[1])));
	expect([figures(demo)[0], figures(demo)[4], figures(demo)[10]]).toEqual([5, 3, 2]);

	const docx = await download(page, /Tải Word/);
	expect(docx.name).toMatch(/\.docx$/);
	const xml =
		(await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string')) ?? '';
	expect(xml).toContain('w:orient="landscape"');
	expect(xml).toContain(NEW_CENTER);
	expect(xml).toContain('Toàn thành phố');
	expect(xml).toContain('Lưu ý về số liệu');

	for (const [name, delimiter] of [
		[/^Tải CSV\s*:/, ','],
		[/Tải CSV cho Excel tiếng Việt/, ';']
	] as const) {
		const csv = await download(page, name);
		const records: string[][] = parseCsv(csv.bytes, { bom: true, delimiter });
		expect(records[0][1]).toBe('(2) Trung tâm');
		const body = records.slice(1).filter((r) => /^\d+$/.test(r[0]));
		expect(body).toHaveLength(centers.length);
		const total = records.find((r) => r[1] === 'Toàn thành phố');
		const numbers = (r: string[] | undefined) => (r ?? []).slice(2, 16).map(Number);
		expect(numbers(total)).toEqual(sums(body.map(numbers)));
		expect(numbers(total)).toEqual(figures(city));
	}

	// A period that does not exist is refused in words, never with a server error.
	const bad = await page.request.get('/city/report?from=2026-02-30&to=2026-03-14&format=xlsx');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('không có thật');
	const noFormat = await page.request.get('/city/report?from=2026-02-01&to=2026-02-28&format=pdf');
	expect(noFormat.status()).toBe(400);
	expect(await noFormat.text()).toContain('Định dạng tệp');
});

test("the city's charts draw, each with its figures in words for screen readers", async ({
	page
}) => {
	await signInAs(page, 'thanhpho');
	await expect(page).toHaveURL(/\/city$/);
	await gotoHydrated(page, HALF);
	for (const [title, caption] of [
		['Các trung tâm theo tỷ lệ hài lòng', /Số trung tâm theo tỷ lệ hài lòng/],
		['Toàn thành phố theo tháng', /Toàn thành phố theo tháng báo cáo/]
	] as const) {
		const panel = page.getByRole('region', { name: title });
		const chart = panel.getByRole('img', { name: /Biểu đồ/ });
		await expect(chart).toBeVisible();
		// Drawn: Chart.js has sized the canvas to its box.
		await expect.poll(() => chart.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		await panel.getByText('Xem số liệu').click();
		await expect(panel.getByRole('table', { name: caption })).toBeVisible();
	}
	const months = page.getByRole('table', { name: /Toàn thành phố theo tháng báo cáo/ });
	await expect(months.getByRole('row')).toHaveCount(13);
	const bins = page.getByRole('table', { name: /Số trung tâm theo tỷ lệ hài lòng/ });
	await expect(bins.getByRole('rowheader', { name: 'Chưa có đánh giá' })).toBeVisible();
	await checkA11y(page);
});

test("a center's admin gets 403 on the city's report", async ({ browser, server }) => {
	const admin = await browser.newPage({ baseURL: server.url });
	await signInAs(admin, 'quantri');
	await expect(admin).toHaveURL(/\/admin$/);
	const file = await admin.request.get('/city/report?from=2026-05-15&to=2026-06-14&format=xlsx');
	expect(file.status()).toBe(403);
	await admin.close();
});
