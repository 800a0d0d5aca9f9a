import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as auth from '.';
import * as accounts from './accounts';
import * as sessions from './sessions';
import * as users from './users';
import type { SessionUser } from './session';

const PASSWORD = 'dung-mat-khau';
const NEW_PASSWORD = 'con meo ngu tren mai';

describe.each(engines)('managing accounts on %s', (engine) => {
	let db: Db;
	let boss: SessionUser;
	const T0 = Date.UTC(2026, 10, 2, 1);
	const at = (hours: number) => new Date(T0 + hours * 3_600_000);
	// Each sign-in from an address of its own, so the tests' wrong passwords never delay another test.
	let addresses = 0;
	const signIn = (username: string, password = PASSWORD, now = at(0)) =>
		auth.login({ username, password }, `10.1.0.${++addresses}`, now);
	const session = async (username: string, now = at(0)) => {
		const outcome = await signIn(username, PASSWORD, now);
		if (!outcome.ok) throw new Error(outcome.message);
		return outcome.session.token;
	};

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		boss = await users.create('test', { username: 'giamdoc', password: PASSWORD, role: 'admin' });
	});
	afterAll(() => db.close());

	it('a new account gets a one-time code; its owner sets a password with it once, then signs in', async () => {
		const made = await accounts.create('test', 'moi', 'viewer', boss.id, at(0));
		if (!made.ok) throw new Error(made.message);
		expect(made.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(made.expiresAt).toEqual(at(24));
		expect(
			await accounts.setPasswordWithCode(made.code.toLowerCase(), NEW_PASSWORD, at(1))
		).toMatchObject({ ok: true, username: 'moi' });
		expect(await accounts.setPasswordWithCode(made.code, 'mot mat khau khac', at(1))).toEqual({
			ok: false,
			status: 400,
			message: accounts.CODE_REFUSED
		});
		expect((await signIn('moi', NEW_PASSWORD, at(1))).ok).toBe(true);
		expect((await db.query(`SELECT reset_hash FROM users WHERE username = 'moi'`))[0]).toEqual({
			reset_hash: null
		});
	});

	it('a taken username is refused in Vietnamese and nothing changes', async () => {
		expect(await accounts.create('test', 'giamdoc', 'viewer', boss.id)).toMatchObject({
			ok: false,
			status: 409,
			message: /đã có người dùng/
		});
	});

	it('a reset code is valid 24 hours, refuses a common password, and ends the owner’s sessions when used', async () => {
		const lan = await users.create('test', {
			username: 'lan',
			password: PASSWORD,
			role: 'manager'
		});
		const reset = await accounts.resetPassword('test', lan.id, boss.id, at(0));
		if (!reset.ok) throw new Error(reset.message);
		expect(await accounts.setPasswordWithCode(reset.code, 'matkhau123', at(1))).toMatchObject({
			ok: false,
			message: /phổ biến/
		});
		expect(await accounts.setPasswordWithCode(reset.code, NEW_PASSWORD, at(24))).toMatchObject({
			ok: false,
			message: accounts.CODE_REFUSED
		});
		const token = await session('lan', at(30));
		const again = await accounts.resetPassword('test', lan.id, boss.id, at(30));
		expect(await sessions.resolve(token, at(30))).not.toBeNull();
		if (!again.ok) throw new Error(again.message);
		expect(await accounts.setPasswordWithCode(again.code, NEW_PASSWORD, at(31))).toMatchObject({
			ok: true
		});
		expect(await sessions.resolve(token, at(31))).toBeNull();
		expect((await signIn('lan', PASSWORD, at(31))).ok).toBe(false);
		expect((await signIn('lan', NEW_PASSWORD, at(31))).ok).toBe(true);
	});

	it('disabling ends the account’s sessions at once; enabling lets it sign in again', async () => {
		const hoa = await users.create('test', { username: 'hoa', password: PASSWORD, role: 'viewer' });
		const token = await session('hoa');
		expect(await accounts.setDisabled('test', boss.id, hoa.id, true)).toMatchObject({
			ok: true,
			message: /vô hiệu hoá/
		});
		expect(await sessions.resolve(token, at(1))).toBeNull();
		expect(await signIn('hoa')).toMatchObject({ ok: false, status: 403 });
		expect(await accounts.setDisabled('test', boss.id, hoa.id, false)).toMatchObject({ ok: true });
		expect((await signIn('hoa')).ok).toBe(true);
	});

	it('a role change takes effect on the next request of an open session', async () => {
		const cuc = await users.create('test', { username: 'cuc', password: PASSWORD, role: 'viewer' });
		const token = await session('cuc');
		expect(await accounts.setRole('test', boss.id, cuc.id, 'manager')).toMatchObject({
			ok: true,
			message: 'Đã đổi vai trò của cuc thành Quản lý.'
		});
		expect((await sessions.resolve(token, at(1)))?.role).toBe('manager');
	});

	it('ending an account’s sessions signs it out everywhere', async () => {
		const dao = await users.create('test', { username: 'dao', password: PASSWORD, role: 'viewer' });
		const tokens = [await session('dao'), await session('dao')];
		expect(await accounts.endSessions('test', dao.id, boss.id)).toMatchObject({
			ok: true,
			message: 'Đã kết thúc 2 phiên đăng nhập của dao.'
		});
		for (const t of tokens) expect(await sessions.resolve(t, at(1))).toBeNull();
	});

	it('the last active admin cannot be disabled or demoted, nor can an admin take themselves out of admin', async () => {
		expect(await accounts.setDisabled('test', boss.id, boss.id, true)).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await accounts.setRole('test', boss.id, boss.id, 'viewer')).toMatchObject({
			ok: false,
			status: 409,
			message: /chính mình/
		});
		// From the CLI (no actor) the last-admin rule still holds.
		expect(await accounts.setRole('test', null, boss.id, 'viewer')).toMatchObject({
			ok: false,
			status: 409,
			message: /cuối cùng/
		});
		expect(await accounts.setDisabled('test', null, boss.id, true)).toMatchObject({
			ok: false,
			status: 409,
			message: /cuối cùng/
		});
		expect((await users.findByUsername('giamdoc'))?.role).toBe('admin');
	});

	it('two admins demoting each other at once leave one admin', async () => {
		const a = await users.create('test', {
			username: 'admin-a',
			password: PASSWORD,
			role: 'admin'
		});
		// boss, a: demote boss by a and a by boss, together; then also the CLI demoting both.
		const outcomes = await Promise.all([
			accounts.setRole('test', a.id, boss.id, 'manager'),
			accounts.setRole('test', boss.id, a.id, 'manager')
		]);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		const [{ n }] = await db.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM users WHERE center_id = 'test' AND role = 'admin' AND disabled_at IS NULL`
		);
		expect(n).toBe(1);
		// Put things back for the tests after: boss is admin again.
		const remaining = (await users.findByUsername('giamdoc'))?.role === 'admin' ? boss : a;
		if (remaining !== boss)
			expect(await accounts.setRole('test', a.id, boss.id, 'admin')).toMatchObject({ ok: true });
	});

	it('an account of another center is not found', async () => {
		await db.query(
			`INSERT INTO centers (id, name) VALUES ('khac', 'Trung tâm khác') ON CONFLICT DO NOTHING`
		);
		const other = await users.create('khac', {
			username: 'nguoi-khac',
			password: PASSWORD,
			role: 'viewer'
		});
		expect(await accounts.setDisabled('test', boss.id, other.id, true)).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await accounts.resetPassword('test', other.id, boss.id)).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await accounts.endSessions('test', other.id, boss.id)).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('a user changes their own password: the current one is checked, other sessions end, this one stays', async () => {
		const my = await users.create('test', {
			username: 'tu-doi',
			password: PASSWORD,
			role: 'viewer'
		});
		const here = await session('tu-doi');
		const elsewhere = await session('tu-doi');
		expect(await accounts.changeOwnPassword(my, 'sai-mat-khau', NEW_PASSWORD, here)).toMatchObject({
			ok: false,
			message: accounts.WRONG_CURRENT
		});
		expect(await accounts.changeOwnPassword(my, PASSWORD, '12345678910', here)).toMatchObject({
			ok: false,
			message: /phổ biến/
		});
		expect(await accounts.changeOwnPassword(my, PASSWORD, NEW_PASSWORD, here)).toMatchObject({
			ok: true
		});
		expect(await sessions.resolve(here, at(1))).not.toBeNull();
		expect(await sessions.resolve(elsewhere, at(1))).toBeNull();
	});

	it('the list shows each account’s state', async () => {
		const list = await accounts.list('test');
		expect(list.find((a) => a.username === 'giamdoc')).toMatchObject({
			role: 'admin',
			disabledAt: null,
			delayedUntil: null
		});
		expect(list.some((a) => a.username === 'nguoi-khac')).toBe(false);
	});
});
