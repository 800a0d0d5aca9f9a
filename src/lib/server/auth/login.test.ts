import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as auth from '.';
import * as accounts from './accounts';
import * as sessions from './sessions';
import * as throttle from './throttle';
import * as users from './users';

const PASSWORD = 'dung-mat-khau';
const WAIT = /^Đăng nhập sai quá nhiều lần\. Vui lòng chờ \d+ phút rồi thử lại\.$/;

describe.each(engines)('signing in on %s', (engine) => {
	let db: Db;
	// Each test has its own account and addresses, so their failures do not add up; the clock is passed in.
	const T0 = Date.UTC(2026, 10, 2, 1);
	const at = (seconds: number) => new Date(T0 + seconds * 1000);
	const account = async (username: string, role: 'admin' | 'manager' | 'viewer' = 'manager') =>
		users.create('test', { username, password: PASSWORD, role });

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await account('mai', 'admin');
	});
	afterAll(() => db.close());

	const attempt = (
		username: string,
		password: string,
		address: string | null,
		now: Date,
		previous?: string
	) => auth.login({ username, password }, address, now, previous);
	const failures = async (key: string) =>
		(
			await db.query<{ failures: number }>('SELECT failures FROM auth_throttle WHERE key = $1', [
				key
			])
		)[0]?.failures ?? 0;

	it('the right password signs in with a session that resolves to the user', async () => {
		const outcome = await attempt('mai', PASSWORD, '10.0.0.1', at(0));
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.user.username).toBe('mai');
		expect((await sessions.resolve(outcome.session.token, at(0)))?.role).toBe('admin');
	});

	it('a wrong password and an unknown username get the same Vietnamese answer', async () => {
		const wrong = await attempt('mai', 'sai-mat-khau', '10.0.1.1', at(0));
		const unknown = await attempt('khong-ai', 'sai-mat-khau', '10.0.1.2', at(0));
		expect(wrong).toEqual({
			ok: false,
			status: 400,
			message: 'Tên đăng nhập hoặc mật khẩu không đúng.'
		});
		expect(unknown).toEqual(wrong);
	});

	it('30 concurrent wrong passwords on one account from one address: at most 5 are checked, the rest refused', async () => {
		await account('dong-thoi');
		const outcomes = await Promise.all(
			Array.from({ length: 30 }, () => attempt('dong-thoi', 'doan-bua-1', '10.0.2.1', at(0)))
		);
		const checked = outcomes.filter((o) => !o.ok && o.status === 400);
		expect(checked.length).toBeGreaterThan(0);
		expect(checked.length).toBeLessThanOrEqual(5);
		expect(outcomes.filter((o) => !o.ok && o.status === 429)).toHaveLength(30 - checked.length);
		// Every check was recorded before it ran: the account's count is the number of checks, no more, no less.
		expect(await failures('user:dong-thoi')).toBe(checked.length);
		expect(await failures('addr:10.0.2.1')).toBe(checked.length);
	});

	it('concurrent guesses from 30 addresses on one account are checked one at a time: still at most 5', async () => {
		await account('nhieu-noi');
		const outcomes = await Promise.all(
			Array.from({ length: 30 }, (_, i) => attempt('nhieu-noi', 'doan-bua-1', `10.0.3.${i}`, at(0)))
		);
		expect(outcomes.filter((o) => !o.ok && o.status === 400).length).toBeLessThanOrEqual(5);
		expect(await failures('user:nhieu-noi')).toBeLessThanOrEqual(5);
	});

	it('a stranger failing from 5 addresses only delays the owner, who signs in from their own address after the delay', async () => {
		await account('chu');
		for (let i = 0; i < 5; i++)
			expect(await attempt('chu', 'doan-bua-1', `10.0.4.${i}`, at(i))).toMatchObject({
				status: 400
			});
		// The owner, at their own address, is asked to wait (not locked out) ...
		const refused = await attempt('chu', PASSWORD, '10.9.4.1', at(10));
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.message).toMatch(WAIT);
		// ... and signs in once the account's delay has passed (the clock advanced, no sleeping).
		const [delayed] = (await throttle.delayedUntil(['user:chu'], at(10))).values();
		expect(delayed.getTime() - at(4).getTime()).toBe(
			throttle.delayAfter(5, throttle.POLICIES.user)
		);
		expect(
			await attempt('chu', PASSWORD, '10.9.4.1', new Date(delayed.getTime() - 1000))
		).toMatchObject({ status: 429 });
		expect((await attempt('chu', PASSWORD, '10.9.4.1', delayed)).ok).toBe(true);
	});

	it('an address the owner signed in from before skips the account’s delay (its own and the turn still hold)', async () => {
		await account('quen');
		expect((await attempt('quen', PASSWORD, '10.9.5.1', at(0))).ok).toBe(true);
		for (let i = 0; i < 8; i++) await attempt('quen', 'doan-bua-1', `10.0.5.${i}`, at(i));
		expect(await attempt('quen', PASSWORD, '10.9.5.2', at(10))).toMatchObject({ status: 429 });
		expect((await attempt('quen', PASSWORD, '10.9.5.1', at(10))).ok).toBe(true);
	});

	it('failures from one address delay that address longer than the account, and the delays grow but stay capped', async () => {
		await account('dai');
		let now = 0;
		let last = 0;
		for (let i = 0; i < 12; i++) {
			expect(await attempt('dai', 'doan-bua-1', '10.0.6.1', at(now))).toMatchObject({
				status: 400
			});
			last = now;
			const delays = await throttle.delayedUntil(['user:dai', 'addr:10.0.6.1'], at(now));
			now = Math.max(now + 1, ...[...delays.values()].map((d) => (d.getTime() - T0) / 1000));
		}
		const delays = await throttle.delayedUntil(['user:dai', 'addr:10.0.6.1'], at(last));
		const left = (key: string) => (delays.get(key)?.getTime() ?? 0) - at(last).getTime();
		expect(left('user:dai')).toBe(throttle.POLICIES.user.capMs);
		expect(left('addr:10.0.6.1')).toBeGreaterThan(left('user:dai'));
		expect(throttle.delayAfter(12, throttle.POLICIES.user)).toBe(throttle.POLICIES.user.capMs);
		expect(throttle.delayAfter(100, throttle.POLICIES.addr)).toBe(throttle.POLICIES.addr.capMs);
		expect(throttle.delayAfter(4, throttle.POLICIES.addr)).toBe(0);
	});

	it('unknown usernames are throttled the same way, so probing them tells nothing', async () => {
		for (let i = 0; i < 5; i++) await attempt('bong-ma', 'doan-bua', `10.0.7.${i}`, at(0));
		const refused = await attempt('bong-ma', 'doan-bua', '10.0.7.99', at(1));
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.message).toMatch(WAIT);
	});

	it('5 failures from one address delay it for every username; other addresses are not', async () => {
		await account('ben-canh');
		for (let i = 0; i < 5; i++) await attempt(`nguoi-${i}`, 'doan-bua', '10.0.8.1', at(0));
		expect(await attempt('ben-canh', PASSWORD, '10.0.8.1', at(1))).toMatchObject({
			ok: false,
			status: 429
		});
		expect((await attempt('ben-canh', PASSWORD, '10.0.8.2', at(1))).ok).toBe(true);
	});

	it('signing in clears the account’s failures but not the address’s', async () => {
		await account('xoa');
		for (let i = 0; i < 4; i++) await attempt('xoa', 'doan-bua', '10.0.9.1', at(i));
		expect((await attempt('xoa', PASSWORD, '10.0.9.1', at(5))).ok).toBe(true);
		expect(await failures('user:xoa')).toBe(0);
		expect(await failures('addr:10.0.9.1')).toBe(4);
	});

	it('without a known address (a proxy not configured) sign-in is throttled per account only', async () => {
		await account('sau-proxy');
		for (let i = 0; i < 5; i++) await attempt('sau-proxy', 'doan-bua', null, at(0));
		expect(await attempt('sau-proxy', PASSWORD, null, at(1))).toMatchObject({ status: 429 });
		// Nobody else behind that proxy is delayed by it.
		expect((await attempt('mai', PASSWORD, null, at(1))).ok).toBe(true);
	});

	it('an admin lifts an account’s delay, and its owner signs in at once', async () => {
		const owner = await account('go-cho');
		for (let i = 0; i < 6; i++) await attempt('go-cho', 'doan-bua', `10.0.10.${i}`, at(0));
		expect(await attempt('go-cho', PASSWORD, '10.9.10.1', at(1))).toMatchObject({ status: 429 });
		const listed = (await accounts.list('test', at(1))).find((a) => a.username === 'go-cho');
		expect(listed?.delayedUntil).not.toBeNull();
		expect(await accounts.liftDelay('test', owner.id, null)).toMatchObject({ ok: true });
		expect((await attempt('go-cho', PASSWORD, '10.9.10.1', at(1))).ok).toBe(true);
	});

	it('signing in again in the same browser ends the older session', async () => {
		await account('hai-lan');
		const first = await attempt('hai-lan', PASSWORD, '10.0.11.1', at(0));
		if (!first.ok) throw new Error(first.message);
		const second = await attempt('hai-lan', PASSWORD, '10.0.11.1', at(1), first.session.token);
		if (!second.ok) throw new Error(second.message);
		expect(await sessions.resolve(first.session.token, at(2))).toBeNull();
		expect(await sessions.resolve(second.session.token, at(2))).not.toBeNull();
	});

	it('a disabled account is told so only with the right password, and gets no session', async () => {
		const off = await account('tat');
		expect(await users.setDisabled('test', null, off.id, true)).toBe('ok');
		expect(await attempt('tat', 'doan-bua', '10.0.12.1', at(0))).toMatchObject({ status: 400 });
		expect(await attempt('tat', PASSWORD, '10.0.12.1', at(1))).toEqual({
			ok: false,
			status: 403,
			message: auth.DISABLED
		});
	});

	it('an old short password still signs in and is marked weak; a good one is not', async () => {
		const hash = (
			await db.query<{ password_hash: string }>(
				`SELECT password_hash FROM users WHERE username = 'mai'`
			)
		)[0].password_hash;
		await db.query(
			`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ('cu', 'test', 'cu', $1, 'viewer')`,
			[hash]
		);
		// 'dung-mat-khau' is 13 characters and not common: strong. A legacy 8-character one is weak but still works.
		const legacy = await users.create('test', {
			username: 'ngan',
			password: '12345678',
			role: 'viewer'
		});
		const weak = await attempt('ngan', '12345678', '10.0.13.1', at(0));
		expect(weak.ok && weak.user.weakPassword).toBe(true);
		if (weak.ok)
			expect((await sessions.resolve(weak.session.token, at(0)))?.weakPassword).toBe(true);
		const strong = await attempt('cu', PASSWORD, '10.0.13.1', at(0));
		expect(strong.ok && strong.user.weakPassword).toBe(false);
		expect(legacy.weakPassword).toBe(false); // not known until its owner signs in
	});

	it('a username with a control character is refused by the schema, not the database', async () => {
		const { loginSchema } = await import('$lib/schemas/auth');
		expect(loginSchema.safeParse({ username: 'mai\u0000', password: 'x' }).success).toBe(false);
	});
});
