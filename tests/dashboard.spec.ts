// The director's dashboard at /admin: key figures against their targets, every chart drawn from real data (and the
// same figures in its table), and a rating synced by a tablet showing up without a reload.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, type AppServer } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { cliOn, counterPairingCode } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';
import { addDays, periodContaining } from '../src/lib/domain/periods';
import { localDate } from '../src/lib/domain/vn-time';

const PHONE =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const CODE = '1.001193'; // Thủ tục đăng ký khai sinh, in the demo catalogue
const MINUTE = 60_000;
const CHARTS = ['by-day', 'by-week', 'by-field', 'by-counter', 'dossiers-per-day', 'top'];

let token = '';
/** The ratings' clock: a minute apart, so none is flagged as too soon after the one before. */
let clock = Date.now() - 30 * MINUTE;

async function pair(request: APIRequestContext, server: AppServer): Promise<string> {
	const code = await counterPairingCode(server, 'Quầy 3');
	const res = await request.post('/api/v1/devices/pair', { data: { code } });
	expect(res.status()).toBe(200);
	return (await res.json()).token;
}

/** Ratings as the tablet sends them, plus its kiosk-view count for the demo procedure. */
async function sync(
	request: APIRequestContext,
	ratings: { level: string; field: string; counter: string }[],
	views = 0
): Promise<void> {
	const now = Date.now();
	const body = {
		sentAt: now,
		device: { appVersion: 'test', backlog: ratings.length, persistent: true },
		ratings: ratings.map((r) => ({
			id: crypto.randomUUID(),
			scale: 3,
			reasons: [],
			comment: '',
			ticket: null,
			dossier: null,
			ratedAt: (clock += MINUTE),
			clockOffsetMs: 0,
			...r
		})),
		counts: views ? [{ hour: now - (now % 3_600_000), kind: 'view', key: CODE, count: views }] : []
	};
	const res = await request.post('/api/v1/sync', {
		data: body,
		headers: { authorization: `Bearer ${token}` }
	});
	expect(res.status()).toBe(200);
	expect((await res.json()).acked).toHaveLength(ratings.length);
}

/** A local date (Việt Nam) some days from today. */
const localDay = (days: number) => addDays(localDate(new Date()), days);

/** Today's dossiers, imported as a manager would: one finished on time, two pending and not yet overdue. */
async function importDossiers(server: AppServer): Promise<void> {
	const [today, due] = [localDay(0), localDay(5)];
	const csv = [
		'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai',
		`HS1,Hộ tịch,truc_tuyen,${today},${due},${today},da_tra_ket_qua`,
		`HS2,Hộ tịch,truc_tiep,${today},${due},,dang_xu_ly`,
		`HS3,Đất đai,truc_tiep,${today},${today},,dang_xu_ly`
	].join('\n');
	const file = join(await mkdtemp(join(tmpdir(), 'sanhso-dashboard-')), 'ho-so.csv');
	await writeFile(file, csv);
	await cliOn(server, ['dossiers', 'import', file]);
}

/** Pixels of a chart's canvas in strong colour: the data (axes, grid and text are grey or black; the legend is HTML). */
function colouredPixels(page: Page, id: string): Promise<number> {
	return page.evaluate((id) => {
		const canvas = document.getElementById(`${id}-chart`);
		if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0) return 0;
		const context = canvas.getContext('2d');
		if (!context) return 0;
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		let n = 0;
		for (let i = 0; i < data.length; i += 4)
			if (
				data[i + 3] > 200 &&
				Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) >
					60
			)
				n++;
		return n;
	}, id);
}

const card = (page: Page, title: string) =>
	page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const panel = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

test.beforeAll(async ({ server, playwright }) => {
	await createUsers(server, [
		['giamdoc', 'viewer'],
		['truongphong', 'manager'],
		['quantri', 'admin']
	]);
	const request = await playwright.request.newContext({ baseURL: server.url });
	token = await pair(request, server);
	await sync(
		request,
		[
			{ level: 'rat_hai_long', field: 'Hộ tịch', counter: '3' },
			{ level: 'hai_long', field: 'Hộ tịch', counter: '3' },
			{ level: 'khong_hai_long', field: 'Hộ tịch', counter: '5' },
			{ level: 'hai_long', field: 'Đất đai', counter: '5' },
			{ level: 'khong_hai_long', field: 'Đất đai', counter: '5' }
		],
		4
	);
	// One QR scan of the demo procedure's phone page.
	expect((await request.get(`/p/${CODE}`, { headers: { 'user-agent': PHONE } })).status()).toBe(
		200
	);
	await request.dispose();
	await importDossiers(server);
});

test('the dashboard shows the key figures against their targets, every chart with data, and its tables', async ({
	page
}) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Tổng quan');

	const rate = card(page, 'Tỷ lệ hài lòng');
	await expect(rate).toContainText('60%');
	await expect(rate).toContainText('Chỉ tiêu: 95%');
	await expect(rate.getByText('Chưa đạt')).toBeVisible();
	await expect(card(page, 'Lượt đánh giá được tính').locator('.figure')).toHaveText('5');
	await expect(card(page, 'Lượt bị đánh dấu, không tính').locator('.figure')).toHaveText('0');
	await expect(card(page, 'Lượt quét mã QR').locator('.figure')).toHaveText('1');
	await expect(card(page, 'Hồ sơ tiếp nhận').locator('.figure')).toHaveText('3');
	await expect(card(page, 'Hồ sơ đã giải quyết').locator('.figure')).toHaveText('1');
	await expect(card(page, 'Tỷ lệ giải quyết đúng hạn, trước hạn')).toContainText('100%');
	await expect(
		card(page, 'Tỷ lệ giải quyết đúng hạn, trước hạn').getByText('Đạt', { exact: true })
	).toBeVisible();
	await expect(card(page, 'Hồ sơ đang giải quyết quá hạn').locator('.figure')).toHaveText('0');

	const below = page.getByRole('region', { name: 'Lĩnh vực dưới chỉ tiêu hài lòng' });
	await expect(below.getByRole('listitem')).toHaveText([
		'Đất đai: 50% (chỉ tiêu 90%) — Dưới chỉ tiêu',
		'Hộ tịch: 66,7% (chỉ tiêu 95%) — Dưới chỉ tiêu'
	]);

	for (const id of CHARTS) {
		const canvas = page.locator(`#${id}-chart`);
		await expect(canvas, id).toHaveAttribute('role', 'img');
		await expect(canvas, id).toHaveAttribute('aria-label', /^Biểu đồ/);
		await expect
			.poll(() => colouredPixels(page, id), { message: `${id} draws its data` })
			.toBeGreaterThan(100);
	}

	const fields = panel(page, 'Tỷ lệ hài lòng theo lĩnh vực');
	await fields.getByText('Xem số liệu').click();
	await expect(fields.getByRole('row', { name: /^Đất đai/ }).getByRole('cell')).toHaveText([
		'2',
		'1',
		'50%',
		'90%',
		'Dưới chỉ tiêu'
	]);
	await expect(fields.getByRole('row', { name: /^Hộ tịch/ }).getByRole('cell')).toHaveText([
		'3',
		'2',
		'66,7%',
		'95%',
		'Dưới chỉ tiêu'
	]);
	const counters = panel(page, 'Tỷ lệ hài lòng theo quầy');
	await counters.getByText('Xem số liệu').click();
	await expect(counters.getByRole('row', { name: /^3 / }).getByRole('cell')).toHaveText([
		'2',
		'2',
		'100%',
		'95%',
		'Đạt'
	]);
	await expect(counters.getByRole('row', { name: /^5 / }).getByRole('cell')).toHaveText([
		'3',
		'1',
		'33,3%',
		'95%',
		'Dưới chỉ tiêu'
	]);
	const top = panel(page, 'Thủ tục được tra cứu nhiều nhất');
	await top.getByText('Xem số liệu').click();
	await expect(top.getByRole('row', { name: /đăng ký khai sinh/ }).getByRole('cell')).toHaveText([
		CODE,
		'1',
		'4',
		'5'
	]);
	const dossiers = panel(page, 'Hồ sơ tiếp nhận và giải quyết theo ngày');
	await dossiers.getByText('Xem số liệu').click();
	const [y, m, d] = localDay(0).split('-');
	await expect(dossiers.getByRole('row', { name: `${d}/${m}/${y}` }).getByRole('cell')).toHaveText([
		'3',
		'1'
	]);

	// The heat map's cells add up to the counted ratings, each cell with its number.
	const cells = await page
		.getByRole('table', { name: /theo thứ/ })
		.locator('td')
		.allTextContents();
	expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(5);

	// The service-index estimate, from the same records: all three dossiers in time (20 / 20); satisfaction in
	// handling (3 in time − 2 dissatisfied) / 3 = 33,3 %, full from 90 %: 6 × 33,3 / 90 = 2,22; no fee or
	// digitisation column in the file, so those two are not counted.
	const index = panel(page, 'Ước tính Bộ chỉ số phục vụ (Quyết định 766)');
	await expect(index).toContainText('Đây là ước tính');
	await expect(index).toContainText('không phải điểm chính thức');
	await expect(index).toContainText('Các chỉ số ước tính được: 22,22 / 26 điểm');
	const indicator = (name: string) =>
		index.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
	await expect(indicator('Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn')).toContainText('20 / 20 điểm');
	await expect(
		indicator('Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính')
	).toContainText('02 hồ sơ quá hạn và lượt không hài lòng: −3,78 điểm');
	await expect(indicator('Tỷ lệ hồ sơ thanh toán trực tuyến')).toContainText('Chưa có số liệu');
	await expect(index.getByText(/Chưa ước tính được \(64 điểm\)/)).toBeVisible();

	// Every table open, so axe checks them too.
	await page
		.locator('details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('a rating synced by a tablet shows on the open dashboard without a reload', async ({
	page,
	playwright,
	server
}) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin?refresh=2');
	const counted = card(page, 'Lượt đánh giá được tính').locator('.figure');
	await expect(counted).toHaveText('5');
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

	const request = await playwright.request.newContext({ baseURL: server.url });
	await sync(request, [{ level: 'rat_hai_long', field: 'Hộ tịch', counter: '3' }]);
	await request.dispose();

	await expect(counted).toHaveText('6', { timeout: 15_000 });
	await expect(card(page, 'Tỷ lệ hài lòng')).toContainText('66,7%');
	const fields = panel(page, 'Tỷ lệ hài lòng theo lĩnh vực');
	await fields.getByText('Xem số liệu').click();
	await expect(fields.getByRole('row', { name: /^Hộ tịch/ }).getByRole('cell')).toHaveText([
		'4',
		'3',
		'75%',
		'95%',
		'Dưới chỉ tiêu'
	]);
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test('a bad custom range is refused in Vietnamese and the report month is shown instead', async ({
	page,
	playwright,
	server
}) => {
	await signIn(page, 'giamdoc');
	await gotoHydrated(page, '/admin?from=2026-02-30&to=2026-03-01');
	await expect(page.getByRole('alert')).toHaveText(/Ngày bắt đầu không hợp lệ/);
	await expect(page.getByRole('link', { name: 'Tháng này' })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await page.getByLabel('Từ ngày').fill('2020-01-01');
	await page.getByLabel('Đến ngày').fill('2020-01-31');
	await page.getByRole('button', { name: 'Xem', exact: true }).click();
	await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-31/);
	await expect(page.getByText('Từ ngày 01/01/2020 đến ngày 31/01/2020')).toBeVisible();
	await expect(card(page, 'Lượt đánh giá được tính').locator('.figure')).toHaveText('0');
	await expect(
		page.getByText('Chưa có đánh giá nào được tính trong khoảng thời gian này.').first()
	).toBeVisible();

	// The figures the page polls: a bad range is a 400 with the same words; without a session, the login page.
	const bad = await page.request.get('/admin/dashboard.json?range=forever');
	expect(bad.status()).toBe(400);
	expect((await bad.json()).message).toMatch(/Khoảng thời gian không hợp lệ/);
	const stranger = await playwright.request.newContext({ baseURL: server.url });
	const refused = await stranger.get('/admin/dashboard.json', { maxRedirects: 0 });
	expect(refused.status()).toBe(303);
	expect(refused.headers().location).toMatch(/^\/admin\/login/);
	await stranger.dispose();
});

test('figures typed by hand for the report month count on the dashboard as in the report, and the page says so', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	const { from, to } = periodContaining('month', 'chot-14', localDay(0));
	await gotoHydrated(page, '/admin/dossiers/manual');
	await page.getByLabel('Tên nguồn mới').fill('BHXH cơ sở');
	await page.getByLabel('Từ ngày').fill(from);
	await page.getByLabel('Đến ngày').fill(to);
	await page.getByLabel('Dòng 1: lĩnh vực').fill('Bảo hiểm');
	for (const [column, value] of [
		['(3) Tổng số tiếp nhận', '7'],
		['(4) Trực tuyến', '7'],
		['(7) Tổng số đã giải quyết', '7'],
		['(8) Trước hạn', '7']
	])
		await page.getByLabel(`Dòng 1: ${column}`, { exact: true }).fill(value);
	await page.getByRole('button', { name: /Kiểm tra và lưu/ }).click();
	await expect(page.getByRole('status')).toContainText('Đã lưu số liệu 1 lĩnh vực');

	await gotoHydrated(page, '/admin');
	// 3 dossiers imported today and 7 typed by hand: the report's 10.
	await expect(card(page, 'Hồ sơ tiếp nhận').locator('.figure')).toHaveText('10');
	await expect(card(page, 'Hồ sơ đã giải quyết').locator('.figure')).toHaveText('8');
	await expect(card(page, 'Hồ sơ tiếp nhận')).toContainText(
		'Từ hồ sơ đã ghi và số liệu nhập tay (BHXH cơ sở).'
	);
	await expect(page.locator('#dossier-sources')).toContainText(
		'Biểu đồ theo ngày chỉ gồm hồ sơ đã ghi'
	);
	for (const [name, width, height] of [
		['desk', 1440, 900],
		['tablet-landscape', 1280, 800],
		['tablet', 800, 1280],
		['phone', 390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.locator('#kpi-title').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `/tmp/shots-engine/dashboard-${name}.png` });
	}
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
});

test('an admin adds a version of the index weights when the rules change, and the estimate follows it', async ({
	page
}) => {
	await signIn(page, 'quantri');
	await gotoHydrated(page, '/admin/settings');
	const form = page.locator('form[action="?/indexRules"]');
	const onTime = 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn';
	/** Types a version with the on-time indicator's maximum and saves it. */
	const addVersion = async (version: string, from: string, source: string, max: string) => {
		await form.getByLabel('Tên phiên bản').fill(version);
		await form.getByLabel('Áp dụng từ ngày').fill(from);
		await form.getByLabel(/Văn bản quy định/).fill(source);
		await form
			.getByRole('group', { name: onTime })
			.getByLabel(/Điểm tối đa/)
			.fill(max);
		await form.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
	};
	await addVersion('766-thu', localDay(0), 'Quyết định thử nghiệm', '10');
	await expect(page.getByRole('status')).toContainText('Đã lưu phiên bản 766-thu');
	await expect(page.getByRole('listitem').filter({ hasText: 'Phiên bản 766-thu,' })).toContainText(
		'10 điểm, theo tỷ lệ'
	);

	// More than the group's points is refused in Vietnamese, and the typed values stay to be corrected.
	await addVersion('766-thu-2', localDay(1), 'Quyết định thử nghiệm 2', '25');
	await expect(page.getByRole('alert').filter({ hasText: 'Chưa lưu' })).toContainText(
		'không được lớn hơn 20, điểm của cả nhóm'
	);
	await expect(form.getByRole('group', { name: onTime }).getByLabel(/Điểm tối đa/)).toHaveValue(
		'25'
	);
	await expect(page.getByText('Phiên bản 766-thu-2')).toHaveCount(0);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	await gotoHydrated(page, '/admin');
	const index = panel(page, 'Ước tính Bộ chỉ số phục vụ (Quyết định 766)');
	await expect(index).toContainText('Trọng số theo: Quyết định thử nghiệm.');
	await expect(
		index.getByRole('listitem').filter({ has: page.getByRole('heading', { name: onTime }) })
	).toContainText('/ 10 điểm');

	await gotoHydrated(page, '/admin/settings');
	await page.getByRole('button', { name: 'Xóa phiên bản 766-thu', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('Đã xóa phiên bản 766-thu');
	await gotoHydrated(page, '/admin');
	await expect(panel(page, 'Ước tính Bộ chỉ số phục vụ (Quyết định 766)')).toContainText(
		'Quyết định 766/QĐ-TTg'
	);
});
