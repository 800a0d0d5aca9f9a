// Files a manager imports, as they come from the field: mixed line endings read in full, a control character refused
// at its row and column, and a catalogue address off the national portal applied only once confirmed.
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { gotoHydrated, waitForHydration } from '../harness/hydrated';
import { createUsers, signIn } from './support/admin';

const DESK = [
	{ width: 1440, height: 900 },
	{ width: 1280, height: 720 }
];

const CATALOGUE =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const DOSSIERS =
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
const PHISHING = 'https://dichvucong-gov.example/thu-tuc/9.100001';

/** First lines ending in CRLF, the later ones in LF: the file that lost rows without a word. */
const mixed = (lines: string[]) =>
	Buffer.from(`${lines.slice(0, 3).join('\r\n')}\r\n${lines.slice(3).join('\n')}\n`);

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['quanly', 'manager']]);
});

test('a catalogue address off the national portal is named in the preview and applied only once confirmed', async ({
	page,
	request,
	server
}, testInfo) => {
	const portal =
		'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-4fc1-768b-9ba3-94be4bca58ee';
	const row = (code: string, url: string) =>
		`${code},Thủ tục thử ${code},Hộ tịch,Cấp xã,UBND xã,Trực tiếp,5 Ngày,,${url}`;
	const file = mixed([
		CATALOGUE,
		row('9.100001', PHISHING),
		row('9.100002', portal),
		row('9.100003', portal),
		row('9.100004', portal),
		row('9.100005', 'http://phish.example/a')
	]);

	await signIn(page, 'quanly');
	await gotoHydrated(page, '/admin/catalogue');
	await page
		.getByLabel(/Tệp danh mục/)
		.setInputFiles({ name: 'danh-muc-moi.csv', mimeType: 'text/csv', buffer: file });
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(page.getByText('Đã đọc 5 dòng thủ tục của tệp.')).toBeVisible();
	const warning = page.getByRole('group', {
		name: /địa chỉ không thuộc Cổng Dịch vụ công quốc gia/
	});
	await expect(warning).toContainText('dòng 2, mã 9.100001: dichvucong-gov.example');
	await expect(warning).toContainText('dòng 6, mã 9.100005: phish.example');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	for (const size of DESK) {
		await page.setViewportSize(size);
		await warning.evaluate((el) => el.scrollIntoView({ block: 'end' }));
		await page.screenshot({
			path: testInfo.outputPath(`catalogue-preview-${size.width}x${size.height}.png`)
		});
	}

	const posted = async () =>
		(
			(await (await request.get(`${server.url}/api/v1/catalogue`)).json()) as {
				procedures: { code: string; url: string }[];
			}
		).procedures;
	// Without the tick nothing is sent, and nothing is applied.
	await page.getByRole('button', { name: /Áp dụng thay đổi/ }).click();
	await expect(page.getByRole('alert')).toContainText('đánh dấu xác nhận');
	expect((await posted()).find((p) => p.code === '9.100001')).toBeUndefined();

	await page.getByLabel(/Tôi đã kiểm tra và xác nhận/).check();
	// Five rows over the demo catalogue abolish the rest of it: that too is confirmed by typing the number.
	const abolished = page.getByRole('group', { name: /Cảnh báo: tệp này bãi bỏ/ });
	const count =
		(await abolished.getByRole('heading').textContent())?.match(/bãi bỏ ([\d.]+) trong/)?.[1] ?? '';
	await abolished.getByLabel(/gõ số thủ tục sẽ bị bãi bỏ/).fill(count);
	await page.getByRole('button', { name: /Áp dụng thay đổi/ }).click();
	await expect(page.getByRole('heading', { name: /Đã áp dụng/ })).toBeVisible();
	expect((await posted()).find((p) => p.code === '9.100001')?.url).toBe(PHISHING);
});

test('a dossier file with mixed line endings is read in full; one with a control character is refused at its row and column', async ({
	page
}, testInfo) => {
	const row = (code: string, field = 'Hộ tịch') =>
		`${code},${field},Trực tuyến,02/03/2026,05/03/2026,04/03/2026,Đã trả kết quả`;
	await signIn(page, 'quanly');
	await gotoHydrated(page, '/admin/dossiers');

	await page.getByLabel(/Tệp hồ sơ/).setInputFiles({
		name: 'ho-so-thang-3.csv',
		mimeType: 'text/csv',
		buffer: mixed([DOSSIERS, row('HS-1'), row('HS-2'), row('HS-3'), row('HS-4'), row('HS-5')])
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(page.getByText(/Đã đọc 5 dòng hồ sơ của tệp/)).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: /^\s*5 thêm mới\s*$/ })).toBeVisible();

	await page.getByLabel(/Tệp hồ sơ/).setInputFiles({
		name: 'ho-so-loi.csv',
		mimeType: 'text/csv',
		buffer: mixed([
			DOSSIERS,
			row('HS-1'),
			row('HS-2'),
			row('HS-3', 'Hộ\u0000tịch'),
			`${row('HS-4')},thừa`,
			row('HS-5')
		])
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(page.getByRole('alert')).toContainText('bị từ chối: 2 lỗi');
	await expect(
		page.getByText('dòng 4, cột linh_vuc: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0000)')
	).toBeVisible();
	await expect(page.getByText(/dòng 5: có 8 ô nhưng dòng tiêu đề có 7 cột/)).toBeVisible();
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	for (const size of DESK) {
		await page.setViewportSize(size);
		await page.getByRole('alert').evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await page.screenshot({
			path: testInfo.outputPath(`dossier-error-${size.width}x${size.height}.png`)
		});
	}
});

test('a 2-row file over the whole catalogue warns in red of the mass abolish and applies only with the number typed', async ({
	page,
	request,
	server
}, testInfo) => {
	const posted = async () =>
		(
			(await (await request.get(`${server.url}/api/v1/catalogue`)).json()) as {
				procedures: { code: string }[];
			}
		).procedures.length;
	// The catalogue now (the demo's, or the file the test above applied): every procedure of it is abolished.
	const before = await posted();
	expect(before).toBeGreaterThan(2);
	const row = (code: string) =>
		`${code},Thủ tục thử ${code},Hộ tịch,Cấp xã,UBND xã,Trực tiếp,5 Ngày,,`;
	await signIn(page, 'quanly');
	await gotoHydrated(page, '/admin/catalogue');
	await page.getByLabel(/Tệp danh mục/).setInputFiles({
		name: 'hai-dong.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([CATALOGUE, row('9.200001'), row('9.200002')].join('\n'))
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	const warning = page.getByRole('group', { name: /Cảnh báo: tệp này bãi bỏ/ });
	await expect(warning).toContainText(
		`bãi bỏ ${before.toLocaleString('vi-VN')} trong ${before.toLocaleString('vi-VN')} thủ tục`
	);
	const typed = warning.getByLabel(/gõ số thủ tục sẽ bị bãi bỏ/);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	for (const size of DESK) {
		await page.setViewportSize(size);
		await warning.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await page.screenshot({
			path: testInfo.outputPath(`catalogue-abolish-${size.width}x${size.height}.png`)
		});
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			`width at ${size.width}`
		).toBeLessThanOrEqual(size.width);
	}

	// Nothing typed, or a wrong number: refused at the field, nothing applied.
	const apply = page.getByRole('button', { name: /Áp dụng thay đổi/ });
	await apply.click();
	await expect(typed).toHaveAccessibleDescription(/gõ đúng số thủ tục sẽ bị bãi bỏ/);
	await typed.fill('2');
	await apply.click();
	await expect(typed).toHaveAttribute('aria-invalid', 'true');
	expect(await posted()).toBe(before);

	// The server checks it too: a post that skips the page's check is refused the same way.
	await page.evaluate(() => {
		const form = document.querySelector('form[action="?/preview"]') as HTMLFormElement;
		const clone = form.cloneNode(true) as HTMLFormElement;
		form.replaceWith(clone); // drops the page's enhance handler, so the browser posts the form itself
	});
	await page.getByLabel(/Tệp danh mục/).setInputFiles({
		name: 'hai-dong.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([CATALOGUE, row('9.200001'), row('9.200002')].join('\n'))
	});
	await page.getByLabel(/gõ số thủ tục sẽ bị bãi bỏ/).fill('12');
	await page.getByRole('button', { name: /Áp dụng thay đổi/ }).click();
	await expect(
		page.getByText('Chưa áp dụng: hãy gõ đúng số thủ tục sẽ bị bãi bỏ để xác nhận.')
	).toBeVisible();
	expect(await posted()).toBe(before);

	await waitForHydration(page);
	await page.getByLabel(/Tệp danh mục/).setInputFiles({
		name: 'hai-dong.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([CATALOGUE, row('9.200001'), row('9.200002')].join('\n'))
	});
	// Typed only once this preview's answer is in: the page shows the last answer's box until then.
	await Promise.all([
		page.waitForResponse((r) => r.url().includes('/preview')),
		page.getByRole('button', { name: /Xem trước/ }).click()
	]);
	// The new answer's box carries no error from the refused post.
	await expect(typed).not.toHaveAttribute('aria-invalid', 'true');
	await typed.fill(before.toLocaleString('vi-VN'));
	await expect(typed).toHaveValue(before.toLocaleString('vi-VN'));
	await page.getByRole('button', { name: /Áp dụng thay đổi/ }).click();
	await expect(page.getByRole('heading', { name: /Đã áp dụng/ })).toBeVisible();
	expect(await posted()).toBe(2);
});
