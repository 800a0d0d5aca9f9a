import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '.';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const row = (
	code: string,
	name = `Thủ tục ${code}`,
	extra = 'Cấp xã,UBND cấp xã,Trực tiếp; Trực tuyến,5 Ngày làm việc,Miễn phí,'
) => `${code},${name},Hộ tịch,${extra}`;
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));

describe.each(engines)('catalogue import on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('imports the whole demo catalogue of 2,643 procedures', async () => {
		const data = await readFile('demo/tthc-catalogue.csv');
		const outcome = await catalogue.importFile('test', data, 'tthc-catalogue.csv');
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.diff.added).toHaveLength(2643);
		const all = await catalogue.active('test');
		expect(all).toHaveLength(2643);
		expect(all.filter((p) => p.levels.includes('xa'))).toHaveLength(589);
		expect(all.every((p) => p.name === p.name.normalize('NFC'))).toBe(true);
	});

	it('a second import shows what it adds, changes and removes, and marks removed ones abolished', async () => {
		await catalogue.importFile(
			'test',
			csv(row('9.000001'), row('9.000002'), row('9.000003')),
			'a.csv'
		);
		const outcome = await catalogue.importFile(
			'test',
			csv(row('9.000001'), row('9.000002', 'Tên mới của thủ tục'), row('9.000004')),
			'b.csv'
		);
		expect(outcome.ok && outcome.diff.added.map((p) => p.code)).toEqual(['9.000004']);
		expect(outcome.ok && outcome.diff.changed.map((c) => [c.after.code, c.fields])).toEqual([
			['9.000002', ['name']]
		]);
		expect(outcome.ok && outcome.diff.removed.map((p) => p.code)).toEqual(['9.000003']);
		expect(await catalogue.find('test', '9.000003')).toBeUndefined();
		const [kept] = await db.query<{ abolished: boolean }>(
			`SELECT abolished_at IS NOT NULL AS abolished FROM procedures WHERE center_id = 'test' AND code = '9.000003'`
		);
		expect(kept.abolished).toBe(true);
	});

	it('a dry run reports the diff and writes nothing', async () => {
		const before = await catalogue.active('test');
		const outcome = await catalogue.importFile('test', csv(row('9.000005')), 'c.csv', {
			dryRun: true
		});
		expect(outcome.ok && outcome.applied).toBe(false);
		expect(outcome.ok && outcome.diff.removed.length).toBe(before.length);
		expect(await catalogue.active('test')).toEqual(before);
	});

	it('a file with one bad row is rejected whole and changes nothing', async () => {
		const before = await catalogue.active('test');
		const outcome = await catalogue.importFile(
			'test',
			csv(row('9.000006'), row('9.000007', 'Tên', 'Cấp huyện,UBND,Trực tiếp,1,,')),
			'd.csv'
		);
		expect(outcome).toEqual({
			ok: false,
			errors: [
				'dòng 3, cột cap_thuc_hien: "Cấp huyện" không phải cấp thực hiện (Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác)'
			]
		});
		expect(await catalogue.active('test')).toEqual(before);
	});

	it('the posted catalogue carries an ETag that changes only when the catalogue does', async () => {
		const qr = {
			target: 'public' as const,
			publicUrl: 'http://x',
			portalSearchTemplate: 'http://p?k={code}'
		};
		const a = await catalogue.posted('test', qr);
		const b = await catalogue.posted('test', qr);
		expect(a?.etag).toBe(b?.etag);
		await catalogue.importFile('test', csv(row('9.000001'), row('9.000008')), 'e.csv');
		const c = await catalogue.posted('test', qr);
		expect(c?.etag).not.toBe(a?.etag);
	});

	it('counts QR scans per procedure', async () => {
		await catalogue.countScan('test', '9.000001', new Date('2026-11-01T03:10:00Z'));
		await catalogue.countScan('test', '9.000001', new Date('2026-11-01T03:50:00Z'));
		await catalogue.countScan('test', '9.000001', new Date('2026-11-01T04:05:00Z'));
		expect(await catalogue.scanCount('test', '9.000001')).toBe(3);
	});

	it('a scan changes the popularity figures but not the catalogue a device must download', async () => {
		const qr = {
			target: 'public' as const,
			publicUrl: 'http://x',
			portalSearchTemplate: 'http://p?k={code}'
		};
		const [cat, pop] = [await catalogue.posted('test', qr), await catalogue.popularity('test')];
		await catalogue.countScan('test', '9.000002', new Date());
		expect((await catalogue.posted('test', qr))?.etag).toBe(cat?.etag);
		const after = await catalogue.popularity('test');
		expect(after.etag).not.toBe(pop.etag);
		expect(JSON.parse(after.body).counts['9.000002']).toBe(1);
	});
});
