import { describe, it, expect, afterEach } from 'vitest';
import { centerIdentitySchema, type CenterIdentity } from '$lib/schemas/center';
import { boot } from './boot';
import { bootTest, engines, testConfig } from './testing';
import type { Db } from './db';
import * as center from './center';
import * as catalogue from './catalogue';

const AN_PHU: CenterIdentity = {
	name: 'Trung tâm Phục vụ hành chính công phường An Phú',
	governingBody: 'UBND phường An Phú',
	placeName: 'An Phú',
	address: '12 Lê Lợi, phường An Phú, tỉnh An Giang',
	openingHours: 'Thứ Hai – Thứ Sáu: 7h30 – 11h30, 13h30 – 17h00\nSáng thứ Bảy: 7h30 – 11h30',
	phone: '0296 3 123 456',
	level: 'xa'
};

describe.each(engines)("the center's identity on %s", (engine) => {
	let db: Db | undefined;
	afterEach(() => db?.close());

	it('a first start takes every field from the environment', async () => {
		({ db } = await bootTest(engine, {
			CENTER_NAME: 'Trung tâm A',
			CENTER_GOVERNING_BODY: 'UBND xã A',
			CENTER_PLACE_NAME: 'A',
			CENTER_PHONE: '0909 000 111'
		}));
		expect(await center.get('test')).toEqual({
			id: 'test',
			name: 'Trung tâm A',
			governingBody: 'UBND xã A',
			placeName: 'A',
			address: '',
			openingHours: '',
			phone: '0909 000 111',
			level: 'xa'
		});
	});

	it('once saved, the database wins over the environment at the next start, even for a field emptied on purpose', async () => {
		let cfg;
		({ db, cfg } = await bootTest(engine, { CENTER_NAME: 'Trung tâm A', CENTER_ADDRESS: 'Số 1' }));
		await center.update('test', { ...AN_PHU, address: '' });
		await boot(
			testConfig({ CENTER_NAME: 'Trung tâm B', CENTER_ADDRESS: 'Số 2', CENTER_LEVEL: 'tinh' }),
			db
		);
		expect(await center.get('test')).toEqual({ id: cfg.CENTER_ID, ...AN_PHU, address: '' });
	});

	it('a center made before these fields existed takes the environment value of a field never set, once', async () => {
		({ db } = await bootTest(engine));
		await db.query('UPDATE centers SET place_name = NULL, phone = NULL WHERE id = $1', ['test']);
		await boot(
			testConfig({
				CENTER_PLACE_NAME: 'Bình Đức',
				CENTER_PHONE: '0296 111',
				CENTER_NAME: 'Không dùng'
			}),
			db
		);
		expect(await center.get('test')).toMatchObject({
			placeName: 'Bình Đức',
			phone: '0296 111',
			name: 'Trung tâm Phục vụ hành chính công (dữ liệu mẫu)'
		});
	});

	it('the kiosk gets the new name and level with a new ETag, but not the address', async () => {
		({ db } = await bootTest(engine));
		const qr = {
			target: 'public' as const,
			publicUrl: 'http://x',
			portalSearchTemplate: 'http://p/{code}'
		};
		const before = await catalogue.posted('test', qr);
		await center.update('test', { ...AN_PHU, level: 'tinh' });
		const after = await catalogue.posted('test', qr);
		expect(after?.etag).not.toBe(before?.etag);
		expect(JSON.parse(after?.body ?? '{}').center).toEqual({
			id: 'test',
			name: AN_PHU.name,
			level: 'tinh'
		});
		await center.update('test', { ...AN_PHU, level: 'tinh', address: 'Nơi khác' });
		expect((await catalogue.posted('test', qr))?.etag).toBe(after?.etag);
	});

	it('an unknown center is undefined and is not updated', async () => {
		({ db } = await bootTest(engine));
		expect(await center.get('nowhere')).toBeUndefined();
		expect(await center.update('nowhere', AN_PHU)).toBe(false);
	});
});

describe('the identity form schema', () => {
	const parse = (over: Partial<Record<keyof CenterIdentity, string>>) =>
		centerIdentitySchema.safeParse({ ...AN_PHU, ...over });
	const messages = (over: Partial<Record<keyof CenterIdentity, string>>) => {
		const result = parse(over);
		return result.success
			? []
			: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
	};

	it('normalises to NFC, trims and folds runs of spaces, keeping the lines of the opening hours', () => {
		const decomposed = 'Trung tâm Phục vụ hành chính công phường An Phú'.normalize('NFD');
		const result = parse({
			name: `  ${decomposed}\n `,
			governingBody: 'UBND   phường\tAn Phú',
			openingHours: ' Sáng: 7h30 \r\n\r\n Chiều: 13h30 '
		});
		expect(result.success && result.data).toMatchObject({
			name: AN_PHU.name,
			governingBody: 'UBND phường An Phú',
			openingHours: 'Sáng: 7h30\nChiều: 13h30'
		});
	});

	it('refuses in Vietnamese: an empty name, too long a text, letters in the phone, a level that is not one', () => {
		expect(messages({ name: '   ' })).toEqual(['name: Hãy nhập tên chính thức của trung tâm']);
		expect(messages({ address: 'x'.repeat(301) })).toEqual(['address: Địa chỉ dài quá 300 ký tự']);
		expect(messages({ phone: 'gọi 0909' })).toEqual([
			'phone: Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - / , ;'
		]);
		expect(messages({ level: 'huyen' })).toEqual(['level: Hãy chọn cấp của trung tâm']);
		expect(messages({ placeName: 'An\u0007Phú' })).toEqual([
			'placeName: Địa danh có ký tự không in được'
		]);
	});
});
