// Manager accounts: create, count, and check a username and password.
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

export async function count(): Promise<number> {
	const [row] = await (await db()).query<{ n: number }>('SELECT count(*)::int AS n FROM users');
	return row.n;
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
