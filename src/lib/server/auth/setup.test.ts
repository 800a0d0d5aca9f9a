import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { setupSchema, type SetupInput } from '$lib/schemas/auth';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as passwords from './passwords';
import * as setup from './setup';
import * as sessions from './sessions';
import * as users from './users';

const quiet = () => undefined;
const form = (code: string, username = 'quantri'): SetupInput =>
	setupSchema.parse({ code, username, password: 'mat-khau-dai-du', confirm: 'mat-khau-dai-du' });
const at = (second: number) => new Date(Date.UTC(2026, 10, 2, 8, 0, second));

/** The code with another case and the dash moved, as someone might type it. */
const retyped = (code: string) =>
	` ${code
		.replace('-', '')
		.toLowerCase()
		.replace(/(.{3})/, '$1 - ')} `;

async function admins(db: Db): Promise<string[]> {
	return (
		await db.query<{ username: string }>(`SELECT username FROM users WHERE role = 'admin'`)
	).map((r) => r.username);
}

describe('setup codes', () => {
	it('are ten letters and digits without look-alikes, shown as XXXXX-XXXXX, and differ each time', () => {
		const codes = Array.from({ length: 200 }, setup.generateCode);
		for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
		expect(new Set(codes).size).toBe(codes.length);
	});

	it('are read without regard to case, spaces or dashes', () => {
		expect(form(retyped('ABCDE-FGHJK')).code).toBe('ABCDEFGHJK');
		const short = setupSchema.safeParse({
			code: 'ABC',
			username: 'quantri',
			password: 'mat-khau-dai-du',
			confirm: 'khac-mat-khau'
		});
		expect(short.success).toBe(false);
	});
});

describe.each(engines)('the first-run setup on %s', (engine) => {
	let db: Db;
	beforeEach(async () => {
		({ db } = await bootTest(engine));
	});
	afterEach(() => db.close());

	it('a center with no admin gets a printed code; the right code creates the admin, signs them in and closes the page', async () => {
		const printed: string[] = [];
		const code = await setup.announceSetupCode('test', (line) => printed.push(line));
		expect(code).toMatch(/^\w{5}-\w{5}$/);
		expect(printed.join('')).toContain(code);
		expect(await setup.stage('test')).toBe('empty');

		const outcome = await setup.createFirstAdmin('test', form(retyped(code ?? '')), at(0));
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(await sessions.resolve(outcome.session.token, at(0))).toMatchObject({
			username: 'quantri',
			role: 'admin'
		});
		expect(await setup.stage('test')).toBe('done');
		await expect(setup.requireOpen('test')).rejects.toSatisfy(
			(e) => isHttpError(e) && e.status === 404
		);
		// The same code again: the page is gone, and the code with it.
		expect(await setup.announceSetupCode('test', quiet)).toBeNull();
		expect(await setup.createFirstAdmin('test', form(code ?? '', 'ke-gian'), at(1))).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await admins(db)).toEqual(['quantri']);
	});

	it('a wrong code is refused in Vietnamese; after five wrong codes in a minute even the right one waits', async () => {
		const code = (await setup.announceSetupCode('test', quiet)) ?? '';
		expect(await setup.createFirstAdmin('test', form('AAAAA-AAAAA'), at(0))).toEqual({
			ok: false,
			status: 400,
			message: setup.WRONG_CODE
		});
		for (let i = 1; i < setup.MAX_WRONG; i++)
			await setup.createFirstAdmin('test', form('AAAAA-AAAAA'), at(i));
		expect(await setup.createFirstAdmin('test', form(code), at(10))).toEqual({
			ok: false,
			status: 429,
			message: 'Nhập sai mã thiết lập quá nhiều lần. Vui lòng chờ 1 phút rồi thử lại.'
		});
		expect(await admins(db)).toEqual([]);
		// A minute after the first wrong code, one more try is allowed.
		expect((await setup.createFirstAdmin('test', form(code), at(61))).ok).toBe(true);
	});

	it('two setups at once with the right code make one admin', async () => {
		const code = (await setup.announceSetupCode('test', quiet)) ?? '';
		const outcomes = await Promise.all([
			setup.createFirstAdmin('test', form(code, 'lan'), at(0)),
			setup.createFirstAdmin('test', form(code, 'mai'), at(0))
		]);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, message: setup.ALREADY_DONE });
		expect(await admins(db)).toHaveLength(1);
	});

	it('setups racing in several app instances (each with its own code) still make one admin', async () => {
		// The transaction alone, started together: the hashing before it would otherwise spread them out.
		const hash = await passwords.hash('mat-khau-dai-du');
		// On PostgreSQL, open the pool's connections first, so that no transaction is held back by a connect.
		await Promise.all(Array.from({ length: 5 }, () => db.query('SELECT pg_sleep(0.05)')));
		const made = await Promise.all(
			['lan', 'mai', 'hoa', 'cuc', 'dao'].map((name) =>
				users.insertFirstAdmin('test', `id-${name}`, name, hash)
			)
		);
		expect(made.filter((m) => m === 'created')).toHaveLength(1);
		expect(made.filter((m) => m === 'has-admin')).toHaveLength(4);
		expect(await admins(db)).toHaveLength(1);
	});

	it('an admin made with the CLI closes the page and the code is forgotten; a viewer alone does not', async () => {
		const code = (await setup.announceSetupCode('test', quiet)) ?? '';
		await users.create('test', { username: 'xem', password: 'mat-khau-dai-du', role: 'viewer' });
		expect(await setup.stage('test')).toBe('no-admin');
		expect(await setup.requireOpen('test')).toEqual({ hasCode: true });
		await users.create('test', { username: 'cli', password: 'mat-khau-dai-du', role: 'admin' });
		expect(await setup.stage('test')).toBe('done');
		expect(await setup.createFirstAdmin('test', form(code), at(0))).toMatchObject({
			ok: false,
			status: 409,
			message: setup.NO_CODE
		});
		expect(await admins(db)).toEqual(['cli']);
	});

	it('a common password is refused in Vietnamese and the code stays usable', async () => {
		const code = (await setup.announceSetupCode('test', quiet)) ?? '';
		const common = setupSchema.parse({
			code,
			username: 'quantri',
			password: 'MatKhau123',
			confirm: 'MatKhau123'
		});
		expect(await setup.createFirstAdmin('test', common, at(0))).toMatchObject({
			ok: false,
			status: 400,
			message: /quá phổ biến/
		});
		expect(await admins(db)).toEqual([]);
		expect((await setup.createFirstAdmin('test', form(code), at(1))).ok).toBe(true);
	});

	it('a username already taken by another account is refused and the code stays usable', async () => {
		const code = (await setup.announceSetupCode('test', quiet)) ?? '';
		await users.create('test', {
			username: 'quantri',
			password: 'mat-khau-dai-du',
			role: 'manager'
		});
		expect(await setup.createFirstAdmin('test', form(code), at(0))).toEqual({
			ok: false,
			status: 400,
			message: setup.NAME_TAKEN
		});
		expect((await setup.createFirstAdmin('test', form(code, 'quantri2'), at(1))).ok).toBe(true);
	});
});
