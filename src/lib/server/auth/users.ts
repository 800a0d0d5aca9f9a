// Manager accounts: create (the first admin too), count, and check a username and password.
import { randomUUID } from 'node:crypto';
import type { NewUser } from '$lib/schemas/auth';
import { db } from '../db';
import * as passwords from './passwords';
import type { SessionUser } from './session';

export class UsernameTakenError extends Error {
	constructor(readonly username: string) {
		super(`username "${username}" is already taken`);
	}
}

const COLUMNS = `u.id, u.center_id AS "centerId", c.name AS "centerName", u.username, u.role`;
const FROM = 'FROM users u JOIN centers c ON c.id = u.center_id';

/** Creates an account in a center; `input` has been validated by newUserSchema. */
export async function create(centerId: string, input: NewUser): Promise<SessionUser> {
	const passwordHash = await passwords.hash(input.password);
	const id = randomUUID();
	const database = await db();
	const inserted = await database.query<{ id: string }>(
		`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (username) DO NOTHING RETURNING id`,
		[id, centerId, input.username, passwordHash, input.role]
	);
	if (inserted.length === 0) throw new UsernameTakenError(input.username);
	const [user] = await database.query<SessionUser>(`SELECT ${COLUMNS} ${FROM} WHERE u.id = $1`, [id]);
	return user;
}

export async function findByUsername(username: string): Promise<SessionUser | undefined> {
	const rows = await (await db()).query<SessionUser>(`SELECT ${COLUMNS} ${FROM} WHERE u.username = $1`, [username]);
	return rows[0];
}

/** How many accounts a center has, and how many of them are admins (the first-run setup needs both). */
export async function counts(centerId: string): Promise<{ total: number; admins: number }> {
	const [row] = await (await db()).query<{ total: number; admins: number }>(
		`SELECT count(*)::int AS total, count(*) FILTER (WHERE role = 'admin')::int AS admins FROM users WHERE center_id = $1`,
		[centerId]
	);
	return row;
}

/** The center's first admin, or why not: it has one already, or the username is taken. */
export async function createFirstAdmin(centerId: string, input: Omit<NewUser, 'role'>): Promise<SessionUser | 'has-admin' | 'taken'> {
	const id = randomUUID();
	const outcome = await insertFirstAdmin(centerId, id, input.username, await passwords.hash(input.password));
	if (outcome !== 'created') return outcome;
	const [user] = await (await db()).query<SessionUser>(`SELECT ${COLUMNS} ${FROM} WHERE u.id = $1`, [id]);
	return user;
}

/**
 * The transaction of createFirstAdmin, apart from the slow hashing so that a test can race it: of two setups at once
 * exactly one creates the admin, on both engines. The center's row is locked first, so the second waits and then sees
 * the first's admin (PGlite runs one transaction at a time anyway).
 */
export async function insertFirstAdmin(centerId: string, id: string, username: string, passwordHash: string): Promise<'created' | 'has-admin' | 'taken'> {
	return (await db()).transaction(async (tx) => {
		await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
		const inserted = await tx.query(
			`INSERT INTO users (id, center_id, username, password_hash, role)
			 SELECT $1, $2, $3, $4, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users WHERE center_id = $2 AND role = 'admin')
			 ON CONFLICT (username) DO NOTHING RETURNING id`,
			[id, centerId, username, passwordHash]
		);
		if (inserted.length > 0) return 'created';
		const admins = await tx.query(`SELECT 1 FROM users WHERE center_id = $1 AND role = 'admin'`, [centerId]);
		return admins.length > 0 ? 'has-admin' : 'taken';
	});
}

/** The user when the password is right; unknown names take as long as wrong passwords. */
export async function authenticate(username: string, password: string): Promise<SessionUser | undefined> {
	const rows = await (await db()).query<SessionUser & { passwordHash: string }>(
		`SELECT ${COLUMNS}, u.password_hash AS "passwordHash" ${FROM} WHERE u.username = $1`,
		[username]
	);
	const row = rows[0];
	if (!row) {
		await passwords.verifyDecoy(password);
		return undefined;
	}
	if (!(await passwords.verify(password, row.passwordHash))) return undefined;
	const { passwordHash: _, ...user } = row;
	return user;
}
