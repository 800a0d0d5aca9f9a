// The report's print view: the same prose and tables as the DOCX on A4 sheets, a Print button that opens the
// browser's print dialog, nothing of the admin screen on paper, and the 16-column table on a landscape page.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { cliOn } from '../harness/cli';
import { gotoHydrated } from '../harness/hydrated';

// Tháng 5/2026 (15/4 – 14/5): two civil-status dossiers on time or early, a land dossier carried over and one late.
const DOSSIERS = [
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai',
	'HS-1,Hộ tịch,truc_tuyen,2026-04-20,2026-04-25,2026-04-22,da_tra_ket_qua',
	'HS-2,Hộ tịch,truc_tiep,2026-04-21,2026-04-25,2026-04-25,da_tra_ket_qua',
	'HS-3,Đất đai,truc_tuyen,2026-04-10,2026-05-30,,dang_xu_ly',
	'HS-4,Đất đai,truc_tuyen,2026-05-01,2026-05-05,2026-05-08,da_tra_ket_qua'
].join('\n');
const URL = '/admin/reports/print?from=2026-04-15&to=2026-05-14';

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['truongphong', 'viewer']]);
	const file = join(await mkdtemp(join(tmpdir(), 'sanhso-print-')), 'ho-so.csv');
	await writeFile(file, DOSSIERS);
	await cliOn(server, ['dossiers', 'import', file]);
});

test('the print view shows the report on A4 sheets with a Print button, and is accessible', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	await gotoHydrated(page, URL);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('BÁO CÁO');
	await expect(
		page.getByText('(Số liệu tính từ ngày 15/4/2026 đến ngày 14/5/2026)').first()
	).toBeVisible();
	await expect(
		page.getByText(
			'- Tổng số hồ sơ tiếp nhận là 4 hồ sơ, trong đó: tiếp nhận trong kỳ 03; kỳ trước chuyển sang 01 hồ sơ.'
		)
	).toBeVisible();
	await expect(
		page.getByText('+ Hồ sơ giải quyết quá hạn thuộc lĩnh vực: Đất đai (01 hồ sơ).')
	).toBeVisible();

	const table = page.getByRole('table', {
		name: 'Kết quả tiếp nhận và giải quyết thủ tục hành chính theo lĩnh vực'
	});
	const cells = (name: string) =>
		table
			.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) })
			.locator('td')
			.allTextContents();
	expect(await cells('Đất đai')).toEqual([
		'1',
		'2',
		'1',
		'0',
		'1',
		'1',
		'0',
		'0',
		'1',
		'0',
		'0',
		'1',
		'1',
		'0',
		'0'
	]);
	expect(await cells('Tổng cộng')).toEqual([
		'4',
		'2',
		'1',
		'1',
		'3',
		'1',
		'1',
		'1',
		'0',
		'0',
		'1',
		'1',
		'0',
		'0'
	]);
	expect((await cells('Tỷ lệ')).slice(0, 5)).toEqual(['100%', '50%', '25%', '25%', '75%']);

	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	// The button opens the browser's print dialog (replaced here, as a test cannot press its buttons).
	await page.evaluate(() => {
		window.print = () => document.body.setAttribute('data-printed', 'yes');
	});
	const print = page.getByRole('button', { name: /In báo cáo/ });
	expect((await print.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
	await print.click();
	await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
});

test('on paper: no admin header or toolbar, the prose on portrait A4 and the table on a landscape page', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	await gotoHydrated(page, URL);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: /In báo cáo/ })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Trang quản trị' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	// Chromium lays the pages out by the CSS @page rules: A4 is 595 × 842 pt, landscape the other way round.
	const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
	const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) =>
		Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'
	);
	expect(boxes[0]).toBe('portrait');
	expect(boxes.at(-1)).toBe('landscape');
	expect(boxes.filter((b) => b === 'landscape').length).toBeGreaterThanOrEqual(1);
});

test('a period that does not exist is refused with a message, not a server error', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	const response = await page.goto('/admin/reports/print?from=2026-02-30&to=2026-03-14');
	expect(response?.status()).toBe(400);
	await expect(page.getByText('Ngày bắt đầu không có thật.')).toBeVisible();
});

test("an official document: the admin's Số, Nơi nhận and signer print in the letterhead and the signature block", async ({
	page,
	server
}) => {
	await createUsers(server, [['quantri-in', 'admin']]);
	await signIn(page, 'quantri-in');
	await gotoHydrated(page, '/admin/settings');
	const section = page.getByRole('region', { name: /Báo cáo là văn bản hành chính/ });
	await section.getByLabel('Ký hiệu báo cáo').fill('BC TT');
	await section.getByRole('button', { name: 'Lưu thông tin văn bản' }).click();
	await expect(section.getByText(/Ký hiệu chỉ gồm chữ in hoa/)).toBeVisible();
	await expect(section.getByLabel('Ký hiệu báo cáo')).toHaveAttribute('aria-invalid', 'true');

	await section.getByLabel('Ký hiệu báo cáo').fill('bc-ttpvhcc');
	await section.getByLabel('Nơi nhận').fill('Như trên;\n- CT, các PCT UBND xã (b/c);\nLưu: VT.');
	await section.getByLabel('Chức vụ người ký').fill('KT. Giám đốc\nPhó Giám đốc');
	await section.getByLabel('Họ và tên người ký').fill('Ngô Thanh Phương');
	await section.getByRole('button', { name: 'Lưu thông tin văn bản' }).click();
	await expect(section.getByRole('status')).toHaveText(
		'Đã lưu thông tin văn bản. Báo cáo tải về và bản in dùng thông tin mới.'
	);
	await expect(section.getByLabel('Ký hiệu báo cáo')).toHaveValue('BC-TTPVHCC');
	await expect(section.getByLabel('Nơi nhận')).toHaveValue(
		'Như trên\nCT, các PCT UBND xã (b/c)\nLưu: VT'
	);
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	await gotoHydrated(page, URL);
	const letterhead = page.locator('.letterhead');
	await expect(letterhead).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
	await expect(letterhead).toContainText('/BC-TTPVHCC');
	// Quốc hiệu on one line: one line's height, at the width of a desk screen.
	const republic = letterhead.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
	const box = await republic.boundingBox();
	const lineHeight = await republic.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
	expect(box?.height ?? 0).toBeLessThan(1.5 * lineHeight);
	await expect(page.getByText('Nơi nhận:')).toBeVisible();
	await expect(page.getByText('- CT, các PCT UBND xã (b/c);')).toBeVisible();
	await expect(page.getByText('- Lưu: VT.')).toBeVisible();
	await expect(page.getByText('PHÓ GIÁM ĐỐC')).toBeVisible();
	await expect(page.getByText('Ngô Thanh Phương')).toBeVisible();
});
