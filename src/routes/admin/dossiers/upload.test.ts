import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import { ERRORS_SHOWN, upload } from './upload.server';

const HEADER =
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
const csv = (name: string, ...codes: string[]) =>
	new File(
		[
			[
				HEADER,
				...codes.map(
					(c) => `${c},Hộ tịch,Trực tuyến,02/03/2026,05/03/2026,04/03/2026,Đã trả kết quả`
				)
			].join('\n')
		],
		name
	);

describe.each(engines)('the dossier upload page on %s', (engine) => {
	let db: Db;
	const stored = async () =>
		(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0].n;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('a preview writes nothing, and writing the previewed file writes what the preview counted', async () => {
		const file = csv('a.csv', 'HS-1', 'HS-2');
		const preview = await upload('test', { file, source: 'Một cửa', mapping: null }, null);
		expect(preview).toMatchObject({
			ok: true,
			step: 'preview',
			rows: 2,
			counts: { added: 2, updated: 0, unchanged: 0 },
			mapped: false
		});
		expect(await stored()).toBe(0);
		if (!preview.ok) return;
		const applied = await upload(
			'test',
			{ file, source: 'Một cửa', mapping: null },
			{ userId: 'u', previewed: preview.sha256 }
		);
		expect(applied).toMatchObject({ ok: true, step: 'applied', counts: preview.counts });
		expect(await stored()).toBe(2);
	});

	it('writing a file other than the one previewed is refused and writes nothing', async () => {
		const preview = await upload(
			'test',
			{ file: csv('b.csv', 'HS-3'), source: 'Một cửa', mapping: null },
			null
		);
		if (!preview.ok) throw new Error('preview failed');
		const swapped = await upload(
			'test',
			{ file: csv('b.csv', 'HS-4'), source: 'Một cửa', mapping: null },
			{ userId: 'u', previewed: preview.sha256 }
		);
		expect(swapped).toMatchObject({
			ok: false,
			kind: 'changed',
			errors: [expect.stringContaining('xem trước lại')]
		});
		expect(await stored()).toBe(2);
	});

	it('a long error list is cut for the page while its count stays whole', async () => {
		const bad = new File(
			[
				[
					HEADER,
					...Array.from(
						{ length: 400 },
						(_, i) => `HS-${i},Hộ tịch,Fax,02/03/2026,05/03/2026,,Đang xử lý`
					)
				].join('\n')
			],
			'c.csv'
		);
		const outcome = await upload('test', { file: bad, source: 'Một cửa', mapping: null }, null);
		expect(outcome.ok || [outcome.errors.length, outcome.errorCount]).toEqual([ERRORS_SHOWN, 400]);
	});
});
