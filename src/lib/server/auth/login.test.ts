import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as auth from '.';
import * as sessions from './sessions';
import * as users from './users';

const WAIT = /^Đăng nhập sai quá nhiều lần\. Vui lòng chờ \d+ phút rồi thử lại\.$/;

describe.each(engines)('signing in on %s', (engine) => {
	let db: Db;
	// Each test has its own hour and address, so their failures do not add up.
	const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 2, hour, minute));

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await users.create('test', { username: 'mai', password: 'dung-mat-khau', role: 'admin' });
	});
	afterAll(() => db.close());

	const attempt = (username: string, password: string, address: string, now: Date) =>
		auth.login({ username, password }, address, now);

	it('the right password signs in with a session that resolves to the user', async () => {
		const outcome = await attempt('mai', 'dung-mat-khau', '10.0.0.1', at(1));
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.user.username).toBe('mai');
		expect((await sessions.resolve(outcome.session.token, at(1)))?.role).toBe('admin');
	});

	it('a wrong password and an unknown username get the same Vietnamese answer', async () => {
		const wrong = await attempt('mai', 'sai-mat-khau', '10.0.0.2', at(2));
		const unknown = await attempt('khong-ai', 'sai-mat-khau', '10.0.0.2', at(2));
		expect(wrong).toEqual({ ok: false, status: 400, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
		expect(unknown).toEqual(wrong);
	});

	it('after 5 failures in 15 minutes for a username even the right password must wait', async () => {
		for (let i = 0; i < 5; i++) expect((await attempt('mai', 'doan-bua', `10.0.3.${i}`, at(3, i))).ok).toBe(false);
		const refused = await attempt('mai', 'dung-mat-khau', '10.0.3.99', at(3, 5));
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.message).toMatch(WAIT);
		expect(!refused.ok && refused.message).toContain('chờ 10 phút');
		// The first failure leaves the 15-minute window at 03:15, as the message said.
		expect((await attempt('mai', 'dung-mat-khau', '10.0.3.99', at(3, 14))).ok).toBe(false);
		expect((await attempt('mai', 'dung-mat-khau', '10.0.3.99', at(3, 15))).ok).toBe(true);
	});

	it('unknown usernames are throttled the same way, so probing them tells nothing', async () => {
		for (let i = 0; i < 5; i++) await attempt('bong-ma', 'doan-bua', `10.0.4.${i}`, at(4));
		const refused = await attempt('bong-ma', 'doan-bua', '10.0.4.99', at(4, 1));
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.message).toMatch(WAIT);
	});

	it('5 failures from one address block it for every username', async () => {
		for (let i = 0; i < 5; i++) await attempt(`nguoi-${i}`, 'doan-bua', '10.0.5.1', at(5));
		expect(await attempt('mai', 'dung-mat-khau', '10.0.5.1', at(5, 1))).toMatchObject({ ok: false, status: 429 });
		expect((await attempt('mai', 'dung-mat-khau', '10.0.5.2', at(5, 1))).ok).toBe(true);
	});

	it('signing in clears the username’s failures but not the address’s', async () => {
		for (let i = 0; i < 4; i++) await attempt('mai', 'doan-bua', `10.0.6.${i}`, at(6));
		expect((await attempt('mai', 'dung-mat-khau', '10.0.6.50', at(6, 1))).ok).toBe(true);
		for (let i = 0; i < 4; i++) await attempt('mai', 'doan-bua', `10.0.6.${10 + i}`, at(6, 2));
		expect((await attempt('mai', 'dung-mat-khau', '10.0.6.51', at(6, 3))).ok).toBe(true);
	});

	it('a second account with a taken username is refused and the first keeps its password', async () => {
		await expect(users.create('test', { username: 'mai', password: 'mat-khau-khac', role: 'viewer' })).rejects.toBeInstanceOf(
			users.UsernameTakenError
		);
		expect((await attempt('mai', 'dung-mat-khau', '10.0.7.1', at(7))).ok).toBe(true);
		expect((await attempt('mai', 'mat-khau-khac', '10.0.7.1', at(7))).ok).toBe(false);
	});
});
