import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import type { Config } from '$lib/server/config';
import * as dossiers from '$lib/server/dossiers';
import { cliRunner } from './testing';

const HEADER =
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
const row = (code: string, status = 'Đã trả kết quả', finished = '04/03/2026') =>
	`${code},Hộ tịch,Trực tuyến,02/03/2026,05/03/2026,${finished},${status}`;

describe.each(engines)('dossiers import on the command line, %s', (engine) => {
	let db: Db;
	let cfg: Config;
	let dir: string;
	const run = cliRunner(async () => ({ db, cfg }));
	const file = async (name: string, header: string, ...rows: string[]) => {
		const p = path.join(dir, name);
		await writeFile(p, [header, ...rows].join('\n'));
		return p;
	};
	const count = async () =>
		(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;

	beforeAll(async () => {
		({ db, cfg } = await bootTest(engine));
		dir = await mkdtemp(path.join(tmpdir(), 'sanhso-dossiers-'));
	});
	afterAll(() => db.close());

	it('imports into the default source and prints added, updated and unchanged; a second run updates', async () => {
		const first = await run([
			'dossiers',
			'import',
			await file('a.csv', HEADER, row('HS-1'), row('HS-2'))
		]);
		expect(first.exit).toBe(0);
		expect(first.out).toContain('Imported 2 dossiers');
		expect(first.out).toMatch(/Một cửa +added 2, updated 0, unchanged 0/);
		const second = await run([
			'dossiers',
			'import',
			await file('b.csv', HEADER, row('HS-1', 'Từ chối'), row('HS-2'), row('HS-3'))
		]);
		expect(second.out).toMatch(/Một cửa +added 1, updated 1, unchanged 1/);
		expect(await count()).toBe(3);
	});

	it('--source keeps another system’s dossiers apart, even with the same codes', async () => {
		const result = await run([
			'dossiers',
			'import',
			await file('c.csv', HEADER, row('HS-1')),
			'--source',
			'Bộ Tư pháp'
		]);
		expect(result.out).toMatch(/Bộ Tư pháp +added 1, updated 0, unchanged 0/);
		expect(await count()).toBe(4);
	});

	it('a bad file prints every error by row and column (capped), exits 1 and writes nothing', async () => {
		const bad = Array.from({ length: 60 }, (_, i) => row(`HS-B${i}`, 'Đang xử lý'));
		const result = await run([
			'dossiers',
			'import',
			await file('d.csv', HEADER, row('HS-A'), ...bad)
		]);
		expect(result.exit).toBe(1);
		expect(result.err).toContain('nothing was written. 60 error(s):');
		expect(result.err).toContain(
			'dòng 3, cột ngay_tra_ket_qua: hồ sơ "Đang xử lý" chưa có kết quả nên không được có ngày trả kết quả'
		);
		expect(result.err).toContain('… and 10 more.');
		expect(await count()).toBe(4);
	});

	it('unknown headers with no remembered mapping: exit 1, the missing columns and the file’s headers named', async () => {
		const header = 'Mã HS,Lĩnh vực,Kênh nộp,Ngày nhận,Hạn trả kết quả,Ngày trả kết quả,Trạng thái';
		const p = await file('e.csv', header, row('T-1'));
		const result = await run(['dossiers', 'import', p, '--source', 'VP đăng ký đất đai']);
		expect(result.exit).toBe(1);
		expect(result.err).toContain('Columns not found: ma_ho_so, ngay_tiep_nhan.');
		expect(result.err).toContain(`The file's headers: ${header.split(',').join(', ')}.`);
		expect(await count()).toBe(4);
		// Once the page has mapped them for that source, the same command works.
		const mapped = await dossiers.importFile(
			'test',
			new TextEncoder().encode(`${header}\n${row('T-0')}`),
			'x.csv',
			{
				source: 'VP đăng ký đất đai',
				mapping: { ma_ho_so: 'Mã HS', ngay_tiep_nhan: 'Ngày nhận' }
			}
		);
		expect(mapped.ok).toBe(true);
		const again = await run(['dossiers', 'import', p, '--source', 'VP đăng ký đất đai']);
		expect(again.out).toMatch(/VP đăng ký đất đai +added 1, updated 0, unchanged 0/);
	});

	it('bad usage exits 2; a missing file exits 1', async () => {
		expect((await run(['dossiers', 'import'])).exit).toBe(2);
		expect((await run(['dossiers', 'import', 'x.csv', '--source'])).exit).toBe(2);
		expect((await run(['dossiers', 'import', 'x.csv', '--source', '  '])).exit).toBe(2);
		expect(await run(['dossiers', 'import', path.join(dir, 'none.csv')])).toMatchObject({
			exit: 1,
			err: expect.stringContaining('no such file')
		});
	});
});
