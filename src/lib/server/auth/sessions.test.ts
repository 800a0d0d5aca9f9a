import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as sessions from './sessions';
import * as users from './users';
import type { SessionUser } from './session';

describe.each(engines)('sessions on %s', (engine) => {
	let db: Db;
	let lan: SessionUser;
	const now = new Date('2026-11-02T01:00:00Z');

	beforeAll(async () => {
		({ db } = await bootTest(engine));
		lan = await users.create('test', { username: 'lan', password: 'mat-khau-1', role: 'manager' });
	});
	afterAll(() => db.close());

	it('a new session resolves to its user, with the center name for the header', async () => {
		const { token } = await sessions.create(lan.id, 7, now);
		const user = await sessions.resolve(token, now);
		expect(user).toEqual({
			id: lan.id,
			centerId: 'test',
			centerName: lan.centerName,
			city: null,
			username: 'lan',
			role: 'manager',
			weakPassword: false
		});
		expect(lan.centerName).not.toBe('');
	});

	it('the database keeps only the SHA-256 of the token, never the token', async () => {
		const { token } = await sessions.create(lan.id, 7, now);
		expect(token).toMatch(/^[\w-]{43}$/);
		const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
		expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
	});

	it('a session ends after SESSION_DAYS, however busy', async () => {
		const { token, expiresAt } = await sessions.create(lan.id, 7, now);
		expect(expiresAt.getTime() - now.getTime()).toBe(7 * 86_400_000);
		// Used every 11 hours, so never idle for 12.
		for (let t = now.getTime(); t < expiresAt.getTime() - 1000; t += 11 * 3_600_000)
			expect(await sessions.resolve(token, new Date(t))).not.toBeNull();
		expect(await sessions.resolve(token, new Date(expiresAt.getTime() - 1000))).not.toBeNull();
		expect(await sessions.resolve(token, expiresAt)).toBeNull();
	});

	it('a session unused for SESSION_IDLE_HOURS (12 by default) ends; each use restarts the count', async () => {
		const { token } = await sessions.create(lan.id, 7, now);
		const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
		expect(await sessions.resolve(token, hours(11))).not.toBeNull();
		expect(await sessions.resolve(token, hours(22))).not.toBeNull();
		expect(await sessions.resolve(token, hours(34))).toBeNull();
		// Gone for good: using it again does not bring it back.
		expect(await sessions.resolve(token, hours(23))).toBeNull();
	});

	it('a disabled account’s session resolves to nobody', async () => {
		const off = await users.create('test', {
			username: 'tat-phien',
			password: 'mat-khau-1',
			role: 'viewer'
		});
		const { token } = await sessions.create(off.id, 7, now);
		await db.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [off.id, now]);
		expect(await sessions.resolve(token, now)).toBeNull();
	});

	it('logging out deletes the session', async () => {
		const { token } = await sessions.create(lan.id, 7, now);
		await sessions.remove(token);
		expect(await sessions.resolve(token, now)).toBeNull();
	});

	it('an unknown or malformed token resolves to nobody', async () => {
		expect(await sessions.resolve('x'.repeat(43), now)).toBeNull();
		expect(await sessions.resolve("' OR 1=1 --", now)).toBeNull();
		expect(await sessions.resolve('', now)).toBeNull();
	});

	it('expired sessions are pruned when the user signs in again', async () => {
		const later = new Date(now.getTime() + 30 * 86_400_000);
		await sessions.create(lan.id, 7, later);
		const [{ n }] = await db.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
			[lan.id]
		);
		expect(n).toBe(1);
	});
});
