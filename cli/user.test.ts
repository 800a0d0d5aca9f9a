// `npm run cli -- user ...`: the same account rules as /admin/users, from a terminal.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import type { Config } from '$lib/server/config';
import * as auth from '$lib/server/auth';
import * as accounts from '$lib/server/auth/accounts';
import * as sessions from '$lib/server/auth/sessions';
import { cliRunner } from './testing';

const PASSWORD = 'mat-khau-cua-hoa';

describe.each(engines)('user commands on %s', (engine) => {
	let db: Db;
	let cfg: Config;
	const run = cliRunner(async () => ({ db, cfg }));
	let addresses = 0;
	const signIn = (username: string, password = PASSWORD) =>
		auth.login({ username, password }, `10.3.0.${++addresses}`);

	beforeAll(async () => {
		({ db, cfg } = await bootTest(engine));
		for (const [name, role] of [
			['quantri', 'admin'],
			['hoa', 'manager']
		])
			expect(
				(await run(['user', 'create', '--username', name, '--role', role], `${PASSWORD}\n`)).exit
			).toBe(0);
	});
	afterAll(() => db.close());

	it('user list shows each account with its role and state', async () => {
		const result = await run(['user', 'list']);
		expect(result.exit).toBe(0);
		expect(result.out.split('\n')).toEqual([
			expect.stringMatching(/^hoa\tmanager\tactive\t0 sessions$/),
			expect.stringMatching(/^quantri\tadmin\tactive/)
		]);
	});

	it('user disable ends the sessions and refuses sign-in; user enable lets it back', async () => {
		const before = await signIn('hoa');
		if (!before.ok) throw new Error(before.message);
		expect(await run(['user', 'disable', '--username', 'hoa'])).toMatchObject({
			exit: 0,
			out: expect.stringContaining('Đã vô hiệu hoá')
		});
		expect(await sessions.resolve(before.session.token)).toBeNull();
		expect(await signIn('hoa')).toMatchObject({ ok: false, status: 403 });
		expect((await run(['user', 'enable', '--username', 'hoa'])).exit).toBe(0);
		expect((await signIn('hoa')).ok).toBe(true);
	});

	it('the last admin cannot be disabled or demoted: exit 1, nothing changed', async () => {
		const disable = await run(['user', 'disable', '--username', 'quantri']);
		expect(disable).toMatchObject({
			exit: 1,
			err: expect.stringContaining('quản trị viên cuối cùng')
		});
		expect((await run(['user', 'role', '--username', 'quantri', '--role', 'viewer'])).exit).toBe(1);
		expect((await signIn('quantri')).ok && (await signIn('quantri')).ok).toBe(true);
	});

	it('user role changes the role; a bad role is a usage error', async () => {
		expect(await run(['user', 'role', '--username', 'hoa', '--role', 'viewer'])).toMatchObject({
			exit: 0
		});
		const hoa = await signIn('hoa');
		expect(hoa.ok && hoa.user.role).toBe('viewer');
		expect((await run(['user', 'role', '--username', 'hoa', '--role', 'boss'])).exit).toBe(2);
	});

	it('user reset prints a one-time code that sets a new password once', async () => {
		const result = await run(['user', 'reset', '--username', 'hoa']);
		expect(result.exit).toBe(0);
		const code = /One-time code: (\S+)/.exec(result.out)?.[1] ?? '';
		expect(result.out).toContain(`/admin/reset?code=${code}`);
		expect(await accounts.setPasswordWithCode(code, 'mot cau mat khau moi')).toMatchObject({
			ok: true
		});
		expect(await accounts.setPasswordWithCode(code, 'mot cau mat khau khac')).toMatchObject({
			ok: false
		});
		expect((await signIn('hoa', 'mot cau mat khau moi')).ok).toBe(true);
	});

	it('user end-sessions signs an account out everywhere', async () => {
		const open = await signIn('quantri');
		if (!open.ok) throw new Error(open.message);
		expect(await run(['user', 'end-sessions', '--username', 'quantri'])).toMatchObject({
			exit: 0,
			out: expect.stringMatching(/^Đã kết thúc \d+ phiên/)
		});
		expect(await sessions.resolve(open.session.token)).toBeNull();
	});

	it('user unblock lifts an account’s or an address’s delay', async () => {
		for (let i = 0; i < 6; i++)
			await auth.login({ username: 'quantri', password: 'sai-mat-khau' }, '10.4.0.1');
		expect(await auth.login({ username: 'quantri', password: PASSWORD }, '10.4.0.2')).toMatchObject(
			{ status: 429 }
		);
		expect(await run(['user', 'unblock', '--username', 'quantri'])).toMatchObject({
			exit: 0,
			out: 'Lifted the delay of quantri.'
		});
		expect((await auth.login({ username: 'quantri', password: PASSWORD }, '10.4.0.2')).ok).toBe(
			true
		);
		expect(
			await auth.login({ username: 'hoa', password: 'mot cau mat khau moi' }, '10.4.0.1')
		).toMatchObject({ status: 429 });
		expect((await run(['user', 'unblock', '--address', '10.4.0.1'])).exit).toBe(0);
		expect(
			(await auth.login({ username: 'hoa', password: 'mot cau mat khau moi' }, '10.4.0.1')).ok
		).toBe(true);
		expect((await run(['user', 'unblock', '--address', 'not an address'])).exit).toBe(2);
	});

	it('an unknown user exits 1 and changes nothing', async () => {
		expect(await run(['user', 'disable', '--username', 'khong-co'])).toMatchObject({
			exit: 1,
			err: 'No user "khong-co" in center test; nothing was changed.'
		});
	});
});
