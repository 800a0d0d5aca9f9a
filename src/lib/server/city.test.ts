// A city of centers in one deployment: centers as data with their host names, the request's center from its host,
// and the city's people, who look at one center at a time with the rights of their city role.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { newCenterSchema } from '$lib/schemas/center';
import { bootTest, engines } from './testing';
import type { Db } from './db';
import * as center from './center';
import * as sessions from './auth/sessions';
import * as users from './auth/users';

const newCenter = (id: string, hosts: string) =>
	newCenterSchema.parse({ id, name: `Trung tâm ${id}`, level: 'xa', hosts });

describe.each(engines)('a city of centers on %s', (engine) => {
	let db: Db;
	const now = new Date('2026-11-02T01:00:00Z');

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		expect(
			await center.create(newCenter('ben-thanh', 'benthanh.hcmc.gov.vn\nBT.example.vn'))
		).toEqual({
			ok: true
		});
		expect(await center.create(newCenter('sai-gon', 'saigon.hcmc.gov.vn'))).toEqual({ ok: true });
	});
	afterAll(() => db.close());

	it('lists every center with its host names, lower-cased', async () => {
		const list = await center.list();
		expect(list.map((c) => [c.id, c.hosts]).sort()).toEqual([
			['ben-thanh', ['benthanh.hcmc.gov.vn', 'bt.example.vn']],
			['sai-gon', ['saigon.hcmc.gov.vn']],
			['test', []]
		]);
	});

	it("a request's center comes from its host name; any other host is the box's own center", async () => {
		expect(await center.forHost('benthanh.hcmc.gov.vn', 'test')).toBe('ben-thanh');
		expect(await center.forHost('SAIGON.hcmc.gov.vn', 'test')).toBe('sai-gon');
		expect(await center.forHost('192.168.1.10', 'test')).toBe('test');
	});

	it('on one address, a path prefix says the center, and the browser remembers it; a host name a center claims wins', async () => {
		const at = (path: string, host = 'hcc.example.vn') => new URL(`https://${host}${path}`);
		expect(await center.forRequest(at('/c/sai-gon/p/1.000046'), undefined, 'test')).toEqual({
			ok: true,
			id: 'sai-gon',
			path: '/c/sai-gon'
		});
		expect(await center.forRequest(at('/c/khong-co/p'), undefined, 'test')).toEqual({ ok: false });
		expect(await center.forRequest(at('/p'), 'sai-gon', 'test')).toMatchObject({ id: 'sai-gon' });
		expect(await center.forRequest(at('/p'), 'khong-co', 'test')).toEqual({
			ok: true,
			id: 'test',
			path: ''
		});
		expect(
			await center.forRequest(at('/c/sai-gon/p', 'benthanh.hcmc.gov.vn'), 'sai-gon', 'test')
		).toEqual({ ok: true, id: 'ben-thanh', path: '' });
		expect(center.routePath('/c/sai-gon/kiosk/procedures/1.2')).toBe('/kiosk/procedures/1.2');
		expect(center.routePath('/c/sai-gon')).toBe('/');
		expect(center.routePath('/city/centers')).toBe('/city/centers');
		expect(center.routePath('/c/Sai Gon/p')).toBe('/c/Sai Gon/p');
	});

	it('refuses a taken code or a host another center answers on, and changes nothing', async () => {
		expect(await center.create(newCenter('ben-thanh', 'moi.example.vn'))).toEqual({
			ok: false,
			message: 'Đã có trung tâm mang mã ben-thanh.'
		});
		const taken = await center.create(newCenter('tan-dinh', 'tandinh.vn saigon.hcmc.gov.vn'));
		expect(taken.ok).toBe(false);
		expect(!taken.ok && taken.message).toContain('saigon.hcmc.gov.vn');
		expect((await center.list()).some((c) => c.id === 'tan-dinh')).toBe(false);
		expect(await center.forHost('tandinh.vn', 'test')).toBe('test');
		const moved = await center.setHosts('ben-thanh', ['saigon.hcmc.gov.vn']);
		expect(moved.ok).toBe(false);
		expect(await center.forHost('benthanh.hcmc.gov.vn', 'test')).toBe('ben-thanh');
		expect(await center.setHosts('khong-co', ['x.vn'])).toEqual({
			ok: false,
			message: 'Không tìm thấy trung tâm này.'
		});
	});

	it('host names are set anew, and a host given up can go to another center', async () => {
		expect(await center.setHosts('ben-thanh', ['benthanh.hcmc.gov.vn'])).toEqual({ ok: true });
		expect(await center.forHost('bt.example.vn', 'test')).toBe('test');
		expect(await center.setHosts('sai-gon', ['saigon.hcmc.gov.vn', 'bt.example.vn'])).toEqual({
			ok: true
		});
		expect(await center.forHost('bt.example.vn', 'test')).toBe('sai-gon');
	});

	it("a center's person sees their own center, whatever host they come through", async () => {
		const lan = await users.create('ben-thanh', {
			username: 'lan.bt',
			password: 'mat-khau-dai-1',
			role: 'admin'
		});
		const { token } = await sessions.create(lan.id, 7, now);
		const seen = await sessions.resolve(token, now, 12, 'sai-gon');
		expect(seen).toMatchObject({ centerId: 'ben-thanh', role: 'admin', city: null });
		// Only the city's people can look at another center.
		expect(await sessions.lookAt(token, 'sai-gon')).toBe(false);
		expect((await sessions.resolve(token, now, 12, 'sai-gon'))?.centerId).toBe('ben-thanh');
	});

	it("the city's people act in the center they look at: a city admin as its admin, a city viewer as its viewer", async () => {
		const admin = await users.createCity({
			username: 'thanhpho',
			password: 'mat-khau-dai-2',
			role: 'city_admin'
		});
		const viewer = await users.createCity({
			username: 'xem.thanhpho',
			password: 'mat-khau-dai-3',
			role: 'city_viewer'
		});
		expect(admin).toMatchObject({ centerId: '', role: 'admin', city: 'city_admin' });
		const a = await sessions.create(admin.id, 7, now);
		const v = await sessions.create(viewer.id, 7, now);
		// Until they choose, the center of the address they came through.
		expect(await sessions.resolve(a.token, now, 12, 'sai-gon')).toMatchObject({
			centerId: 'sai-gon',
			centerName: 'Trung tâm sai-gon',
			role: 'admin',
			city: 'city_admin'
		});
		expect(await sessions.lookAt(v.token, 'ben-thanh')).toBe(true);
		expect(await sessions.resolve(v.token, now, 12, 'sai-gon')).toMatchObject({
			centerId: 'ben-thanh',
			role: 'viewer',
			city: 'city_viewer'
		});
		expect(await sessions.lookAt(v.token, 'khong-co')).toBe(false);
		// The database holds the rule too: a center's account has a center, the city's has none.
		await expect(
			db.query(
				`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ('x', 'test', 'x.y', 'h', 'city_admin')`
			)
		).rejects.toThrow();
		await expect(
			db.query(
				`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ('y', NULL, 'y.z', 'h', 'admin')`
			)
		).rejects.toThrow();
	});

	it('signs the city person in with a city role', async () => {
		const checked = await users.authenticate('thanhpho', 'mat-khau-dai-2');
		expect(checked?.user).toMatchObject({ role: 'admin', city: 'city_admin' });
	});
});
