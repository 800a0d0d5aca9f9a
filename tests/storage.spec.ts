// A full disk or a read-only data directory: a clear message in the log and on the page, nothing half-written, and
// the server serves again once the disk is back. The disk is a real small tmpfs, which only root may mount.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, AppServer } from './support/server';
import { createUsers, signIn } from './support/admin';
import { gotoHydrated } from '../harness/hydrated';

const root = process.getuid?.() === 0;
// Not a silent skip: without root there is no way to make a small disk here; CI runs as root.
test.skip(!root, 'mounting a small tmpfs needs root');

/** A tmpfs of `mb` megabytes, unmounted when the returned function is called. */
function smallDisk(mb: number): { dir: string; unmount(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'sanhso-disk-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]);
	return {
		dir,
		unmount: () => {
			execFileSync('umount', ['-l', dir]);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Fills the disk but for `leftKb` kilobytes; returns the filler's path. */
function fill(dir: string, leftKb: number): string {
	const filler = path.join(dir, 'filler');
	const { bavail, bsize } = statfsSync(dir);
	writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - leftKb * 1024)));
	return filler;
}

/** A dossier export of `n` rows (about 100 bytes each). */
function dossierCsv(n: number): string {
	const rows = [
		'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai'
	];
	for (let i = 1; i <= n; i++)
		rows.push(
			`HS-${i},Hộ tịch,truc_tiep,2026-04-${String(15 + (i % 10)).padStart(2, '0')},2026-04-30,,dang_xu_ly`
		);
	return rows.join('\n');
}

async function upload(page: import('@playwright/test').Page, csv: string): Promise<void> {
	await gotoHydrated(page, '/admin/dossiers');
	await page
		.getByLabel(/Tệp hồ sơ/)
		.setInputFiles({ name: 'ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await page.getByRole('button', { name: /Xem trước/ }).click();
	await page.getByRole('button', { name: /Ghi hồ sơ/ }).click();
}

async function received(page: import('@playwright/test').Page): Promise<number> {
	const res = await page.request.get('/api/v1/reports?from=2026-04-15&to=2026-05-14');
	expect(res.status()).toBe(200);
	return (await res.json()).throughput.total.received.total;
}

test('a disk that fills during an import: the page says so, nothing is written, and the same import works once there is room', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const disk = smallDisk(160);
	const server = await AppServer.launch({
		dataDir: path.join(disk.dir, 'data'),
		label: 'disk-full'
	});
	const context = await browser.newContext({
		baseURL: server.url,
		viewport: { width: 1440, height: 900 },
		locale: 'vi-VN'
	});
	try {
		const page = await context.newPage();
		await createUsers(server, [['quantri', 'admin']]);
		await signIn(page, 'quantri');
		const csv = dossierCsv(40_000);
		const filler = fill(disk.dir, 512);

		await upload(page, csv);
		await expect(page.getByRole('alert')).toContainText('ổ đĩa đã đầy');
		expect(server.log()).toMatch(/"event":"storage_failed".*No space left on device/);
		expect(await received(page)).toBe(0);
		// Reads go on while the disk is full.
		expect((await fetch(server.url + '/api/v1/catalogue')).status).toBe(200);

		rmSync(filler);
		await upload(page, csv);
		// The written result, not the preview before it (which shows 40.000 too): only then is the import committed.
		await expect(page.getByRole('heading', { name: /Đã ghi/ })).toBeVisible({ timeout: 60_000 });
		expect(await received(page)).toBe(40_000);
	} finally {
		await context.close();
		await server.dispose();
		disk.unmount();
	}
});

test('a read-only data directory at start: a page that says why, then service as soon as it can be written', async () => {
	test.setTimeout(120_000);
	// An installation whose disk the kernel remounted read-only (as it does after file system errors).
	const disk = smallDisk(120);
	mkdirSync(path.join(disk.dir, 'data'));
	execFileSync('mount', ['-o', 'remount,ro', disk.dir]);
	const server = await AppServer.create({
		dataDir: path.join(disk.dir, 'data'),
		label: 'read-only'
	});
	try {
		// The server comes up and answers, but with the reason instead of the app.
		const starting = server.start().catch((e: unknown) => e);
		await expect
			.poll(
				() =>
					fetch(server.url + '/admin').then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 30_000 }
			)
			.toBe(503);
		const page = await (await fetch(server.url + '/admin')).text();
		expect(page).toContain('thư mục dữ liệu không ghi được');
		expect(readFileSync(server.logFile, 'utf8')).toMatch(
			/"event":"storage_unavailable".*(EROFS|read-only)/i
		);

		execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
		expect(await starting).toBeGreaterThan(0);
		expect((await fetch(server.url + '/api/v1/catalogue')).status).toBe(200);
		expect(server.log()).toContain('"event":"storage_available"');
	} finally {
		await server.dispose();
		disk.unmount();
	}
});
