import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as catalogue from '$lib/server/catalogue';
import { upload } from './upload.server';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const csv = (name: string, ...codes: string[]) =>
	new File(
		[
			[
				HEADER,
				...codes.map((c) => `${c},Thủ tục ${c},Hộ tịch,Cấp xã,UBND,Trực tuyến,1 ngày,,`)
			].join('\n')
		],
		name
	);

describe.each(engines)('the catalogue upload page on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('a preview writes nothing, and applying the previewed file writes what the preview showed', async () => {
		const file = csv('a.csv', '9.000001', '9.000002');
		const preview = await upload('test', file, null);
		expect(preview).toMatchObject({
			ok: true,
			step: 'preview',
			diff: { counts: { added: 2, changed: 0, removed: 0 } }
		});
		expect(await catalogue.active('test')).toEqual([]);
		if (!preview.ok) return;
		const applied = await upload('test', file, { userId: 'u', previewed: preview.sha256 });
		expect(applied).toMatchObject({ ok: true, step: 'applied', diff: preview.diff });
		expect((await catalogue.active('test')).map((p) => p.code)).toEqual(['9.000001', '9.000002']);
	});

	it('applying a file other than the one previewed is refused and changes nothing', async () => {
		const preview = await upload('test', csv('b.csv', '9.000001'), null);
		if (!preview.ok) throw new Error('preview failed');
		const swapped = await upload('test', csv('b.csv', '9.000009'), {
			userId: 'u',
			previewed: preview.sha256
		});
		expect(swapped).toEqual({
			ok: false,
			fileName: 'b.csv',
			errors: [expect.stringContaining('xem trước lại')]
		});
		expect((await catalogue.active('test')).map((p) => p.code)).toEqual(['9.000001', '9.000002']);
	});

	it('the preview names each row whose address is off the national portal; applying needs the tick', async () => {
		const phishing = 'https://dichvucong-gov.example/tthc/9.000001';
		const file = new File(
			[
				`${HEADER}\r\n9.000001,Thủ tục,Hộ tịch,Cấp xã,UBND,Trực tuyến,1 ngày,,${phishing}\r\n9.000002,Thủ tục 2,Hộ tịch,Cấp xã,UBND,Trực tuyến,1 ngày,,\n`
			],
			'd.csv'
		);
		const preview = await upload('test', file, null);
		expect(preview).toMatchObject({
			ok: true,
			rows: 2,
			foreignCount: 1,
			foreign: [{ line: 2, code: '9.000001', host: 'dichvucong-gov.example', url: phishing }]
		});
		if (!preview.ok) return;
		const unconfirmed = await upload('test', file, { userId: 'u', previewed: preview.sha256 });
		expect(unconfirmed).toEqual({
			ok: false,
			fileName: 'd.csv',
			errors: [expect.stringContaining('đánh dấu xác nhận')]
		});
		expect((await catalogue.active('test')).find((p) => p.code === '9.000001')?.url).toBe('');
		const confirmed = await upload('test', file, {
			userId: 'u',
			previewed: preview.sha256,
			confirmHosts: true
		});
		expect(confirmed).toMatchObject({ ok: true, step: 'applied', rows: 2 });
		expect((await catalogue.active('test')).find((p) => p.code === '9.000001')?.url).toBe(phishing);
	});

	it('a file abolishing more than a tenth of the catalogue is applied only with that number typed', async () => {
		const file = csv('e.csv', '9.000001');
		const preview = await upload('test', file, null);
		expect(preview).toMatchObject({ ok: true, diff: { counts: { removed: 1 } } });
		if (!preview.ok) return;
		for (const typed of [undefined, '', '2']) {
			const refused = await upload('test', file, {
				userId: 'u',
				previewed: preview.sha256,
				confirmAbolish: typed
			});
			expect(refused).toMatchObject({
				ok: true,
				step: 'preview',
				abolishError: expect.stringContaining('gõ đúng số thủ tục'),
				diff: preview.diff
			});
			expect((await catalogue.active('test')).map((p) => p.code)).toEqual(['9.000001', '9.000002']);
		}
		const applied = await upload('test', file, {
			userId: 'u',
			previewed: preview.sha256,
			confirmAbolish: '1'
		});
		expect(applied).toMatchObject({ ok: true, step: 'applied', diff: { counts: { removed: 1 } } });
		expect((await catalogue.active('test')).map((p) => p.code)).toEqual(['9.000001']);
	});

	it('a long diff is cut for the page while the counts stay whole', async () => {
		const codes = Array.from({ length: 620 }, (_, i) => `8.${String(i).padStart(6, '0')}`);
		const preview = await upload('test', csv('c.csv', ...codes), null);
		expect(preview.ok && preview.diff.counts).toEqual({
			added: 620,
			changed: 0,
			removed: 1,
			unchanged: 0
		});
		expect(preview.ok && preview.diff.added).toHaveLength(500);
		expect(preview.ok && preview.rows).toBe(620);
	});
});
