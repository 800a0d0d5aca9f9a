// A manager brings in dossier data: a new source's export with its own headers (mapped once, remembered after),
// and figures typed by hand whose broken identity is named before anything is saved.
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { gotoHydrated } from '../harness/hydrated';
import { createUsers, signIn } from './support/admin';

const HEADER = 'Số HS,Lĩnh vực,Hình thức,Ngày nhận,Hạn giải quyết,Ngày trả,Tình trạng';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));
const SOURCE = 'Hệ thống Bộ Tư pháp';

test.beforeAll(async ({ server }) => {
	await createUsers(server, [
		['truongphong', 'manager'],
		['canbo', 'viewer']
	]);
});

test('a new source’s file is mapped, previewed and written; the next file of that source needs no mapping', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	await gotoHydrated(page, '/admin/dossiers');
	const count = (text: string) =>
		page.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

	await page
		.getByRole('combobox', { name: /^Nguồn dữ liệu/ })
		.selectOption({ label: 'Nguồn mới… (nhập tên)' });
	await page.getByLabel('Tên nguồn mới').fill(SOURCE);
	await page.getByLabel(/Tệp hồ sơ/).setInputFiles({
		name: 'bo-tu-phap.csv',
		mimeType: 'text/csv',
		buffer: csv(
			'TP-1,Chứng thực,Trực tiếp,02/03/2026,03/03/2026,03/03/2026,Đã trả kết quả',
			'TP-2,Chứng thực,Trực tuyến,02/03/2026 10:15,05/03/2026,,Đang xử lý',
			'TP-3,Hộ tịch,Trực tuyến,04/03/2026,06/03/2026,05/03/2026,Từ chối'
		)
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(page.getByRole('alert')).toContainText('chưa ghép đủ cột');

	// The mapping step: the recognised column is already chosen, the others are picked from the file's headers.
	await expect(page.getByRole('combobox', { name: /^Lĩnh vực/ })).toHaveValue('Lĩnh vực');
	for (const [column, header] of [
		[/^Mã hồ sơ/, 'Số HS'],
		[/^Kênh nộp/, 'Hình thức'],
		[/^Ngày tiếp nhận/, 'Ngày nhận'],
		[/^Hạn trả kết quả/, 'Hạn giải quyết'],
		[/^Ngày trả kết quả/, 'Ngày trả'],
		[/^Trạng thái/, 'Tình trạng']
	] as const) {
		await page.getByRole('combobox', { name: column }).selectOption(header);
	}
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(count('3 thêm mới')).toBeVisible();
	await page.getByRole('button', { name: /Ghi hồ sơ/ }).click();
	await expect(page.getByRole('heading', { name: /Đã ghi/ })).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(SOURCE) })).toContainText('3');

	// Next month's export of the same source: its headers are remembered, so it goes straight to the preview.
	await expect(page.getByRole('combobox', { name: /^Nguồn dữ liệu/ })).toHaveValue(SOURCE);
	await page.getByLabel(/Tệp hồ sơ/).setInputFiles({
		name: 'bo-tu-phap-thang-4.csv',
		mimeType: 'text/csv',
		buffer: csv(
			'TP-1,Chứng thực,Trực tiếp,02/03/2026,03/03/2026,03/03/2026,Đã trả kết quả',
			'TP-2,Chứng thực,Trực tuyến,02/03/2026 10:15,05/03/2026,06/03/2026,Đã trả kết quả',
			'TP-3,Hộ tịch,Trực tuyến,04/03/2026,06/03/2026,05/03/2026,Từ chối',
			'TP-4,Hộ tịch,Bưu chính,20/03/2026,25/03/2026,,Yêu cầu bổ sung'
		)
	});
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await expect(count('1 thêm mới')).toBeVisible();
	await expect(count('1 cập nhật')).toBeVisible();
	await expect(count('2 không đổi')).toBeVisible();
	await expect(page.getByRole('combobox', { name: /^Mã hồ sơ/ })).toHaveCount(0);
	await page.getByRole('button', { name: /Ghi hồ sơ/ }).click();
	await expect(page.getByRole('heading', { name: /Đã ghi/ })).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(SOURCE) })).toContainText('4');
});

test('figures typed by hand that do not add up are named before saving, and saved only when confirmed', async ({
	page
}) => {
	await signIn(page, 'truongphong');
	await gotoHydrated(page, '/admin/dossiers/manual');
	await page.getByLabel('Tên nguồn mới').fill('Chi nhánh VP đăng ký đất đai');
	await page.getByLabel('Từ ngày').fill('2026-01-15');
	await page.getByLabel('Đến ngày').fill('2026-02-14');
	await page.getByLabel('Dòng 1: lĩnh vực').fill('Đất đai');
	// Seed 004's arithmetic: 921 received, of which 14 carried over and 879 new.
	const typed: [string, string][] = [
		['(3) Tổng số tiếp nhận', '921'],
		['(4) Trực tuyến', '879'],
		['(6) Kỳ trước chuyển sang', '14'],
		['(7) Tổng số đã giải quyết', '919'],
		['(9) Đúng hạn', '919'],
		['(13) Tổng số đang giải quyết', '2'],
		['(14) Trong hạn', '2']
	];
	for (const [column, value] of typed)
		await page.getByLabel(`Dòng 1: ${column}`, { exact: true }).fill(value);
	await page.getByRole('button', { name: /Kiểm tra và lưu/ }).click();

	const problems = page.getByRole('alert');
	await expect(problems).toContainText('Chưa lưu: 1 chỗ số liệu không khớp');
	await expect(problems).toContainText(
		'Đất đai, (3) = (4) + (5) + (6): Tổng tiếp nhận khác tổng trực tuyến, trực tiếp và kỳ trước chuyển sang (921 ≠ 893)'
	);
	await expect(page.getByText('Chưa có số liệu nhập thủ công nào.')).toBeVisible();
	// The cells of the broken identity are marked in the table; the others are not.
	for (const column of ['(3) Tổng số tiếp nhận', '(4) Trực tuyến', '(6) Kỳ trước chuyển sang']) {
		await expect(page.getByLabel(`Dòng 1: ${column}`, { exact: true })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
	}
	await expect(
		page.getByLabel('Dòng 1: (7) Tổng số đã giải quyết', { exact: true })
	).not.toHaveAttribute('aria-invalid', 'true');
	const { violations, summary } = await checkA11y(page);
	expect(violations, summary).toEqual([]);

	await page.getByRole('button', { name: /Lưu dù có sai lệch/ }).click();
	await expect(page.getByRole('status')).toContainText(
		'Đã lưu số liệu 1 lĩnh vực của nguồn “Chi nhánh VP đăng ký đất đai”, kỳ 15/01/2026 – 14/02/2026'
	);
	await expect(page.getByRole('row', { name: /Chi nhánh VP đăng ký đất đai/ })).toContainText(
		'921'
	);
});

test('a viewer sees the sources and saved figures but no upload or entry form', async ({
	page
}) => {
	await signIn(page, 'canbo');
	await gotoHydrated(page, '/admin/dossiers');
	await expect(page.getByRole('heading', { name: /Nguồn dữ liệu/ })).toBeVisible();
	await expect(page.getByText('Tài khoản chỉ xem không nhập được hồ sơ')).toBeVisible();
	await expect(page.getByLabel(/Tệp hồ sơ/)).toHaveCount(0);
	await gotoHydrated(page, '/admin/dossiers/manual');
	await expect(page.getByRole('heading', { name: /Số liệu đã lưu/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /Kiểm tra và lưu/ })).toHaveCount(0);
});
