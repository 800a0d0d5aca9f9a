// Manager accounts: create (the first admin too), list, disable, change a role, one-time codes to set a password,
// and check a username and password. The last active admin of a center is never disabled or demoted.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import {
	CODE_ALPHABET,
	normaliseSetupCode,
	RESET_CODE_LENGTH,
	type CityRole,
	type NewUser,
	type Role
} from '$lib/schemas/auth';
import { db, type Queryable } from '../db';
import * as passwords from './passwords';
import type { SessionUser } from './session';

export class UsernameTakenError extends Error {
	constructor(readonly username: string) {
		super(`username "${username}" is already taken`);
	}
}

/**
 * A user's role as SessionUser has it: the city's people act in a center as its admin (city admin) or viewer (city
 * viewer), and `city` says they are the city's. `u` is the users row.
 */
export const ROLE_COLUMNS = `CASE u.role WHEN 'city_admin' THEN 'admin' WHEN 'city_viewer' THEN 'viewer' ELSE u.role END AS role,
	CASE WHEN u.role IN ('city_admin', 'city_viewer') THEN u.role END AS city`;
// The city's people have no center of their own: '' here, until a session gives them the center they look at.
const COLUMNS = `u.id, COALESCE(u.center_id, '') AS "centerId", COALESCE(c.name, '') AS "centerName", u.username,
	${ROLE_COLUMNS}, u.password_weak AS "weakPassword"`;
const FROM = 'FROM users u LEFT JOIN centers c ON c.id = u.center_id';
/** How long a one-time code to set a password stays valid. */
export const CODE_HOURS = 24;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function byId(id: string): Promise<SessionUser> {
	const [user] = await (
		await db()
	).query<SessionUser>(`SELECT ${COLUMNS} ${FROM} WHERE u.id = $1`, [id]);
	return user;
}

/** Creates an account in a center; `input` has been validated by newUserSchema (and the password rules). */
export async function create(centerId: string, input: NewUser): Promise<SessionUser> {
	const passwordHash = await passwords.hash(input.password);
	const id = randomUUID();
	const inserted = await (
		await db()
	).query<{ id: string }>(
		`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (username) DO NOTHING RETURNING id`,
		[id, centerId, input.username, passwordHash, input.role]
	);
	if (inserted.length === 0) throw new UsernameTakenError(input.username);
	return byId(id);
}

/** Creates an account of the city (no center of its own); `input` has been validated as for a center's account. */
export async function createCity(input: {
	username: string;
	password: string;
	role: CityRole;
}): Promise<SessionUser> {
	const passwordHash = await passwords.hash(input.password);
	const id = randomUUID();
	const inserted = await (
		await db()
	).query<{ id: string }>(
		`INSERT INTO users (id, center_id, username, password_hash, role) VALUES ($1, NULL, $2, $3, $4)
		 ON CONFLICT (username) DO NOTHING RETURNING id`,
		[id, input.username, passwordHash, input.role]
	);
	if (inserted.length === 0) throw new UsernameTakenError(input.username);
	return byId(id);
}

export interface OneTimeCode {
	code: string;
	expiresAt: Date;
}

function newCode(): string {
	const chars = Array.from(
		{ length: RESET_CODE_LENGTH },
		() => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
	).join('');
	return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/**
 * An account made on /admin/users: no password anyone knows (a random one, never shown), and a one-time code its
 * owner sets their password with. About 59 bits: guessing one in its 24 hours is out of reach.
 */
export async function createWithCode(
	centerId: string,
	input: Omit<NewUser, 'password'>,
	now = new Date()
): Promise<SessionUser & OneTimeCode> {
	const user = await create(centerId, { ...input, password: randomUUID() });
	const issued = await issueCode(centerId, user.id, now);
	if (!issued) throw new Error('account vanished after creation');
	return { ...user, ...issued };
}

/** A one-time code to set a new password (valid CODE_HOURS); a newer code replaces an older one. Null: no such user. */
export async function issueCode(
	centerId: string,
	id: string,
	now = new Date()
): Promise<OneTimeCode | null> {
	const code = newCode();
	const expiresAt = new Date(now.getTime() + CODE_HOURS * 3_600_000);
	const rows = await (
		await db()
	).query(
		`UPDATE users SET reset_hash = $3, reset_expires_at = $4 WHERE center_id = $1 AND id = $2 RETURNING 1`,
		[centerId, id, sha256(normaliseSetupCode(code)), expiresAt]
	);
	return rows.length > 0 ? { code, expiresAt } : null;
}

/** The account a one-time code would set the password of, while the code is valid. */
export async function ownerOfCode(
	code: string,
	now = new Date()
): Promise<{ id: string; username: string } | null> {
	const rows = await (
		await db()
	).query<{ id: string; username: string }>(
		'SELECT id, username FROM users WHERE reset_hash = $1 AND reset_expires_at > $2',
		[sha256(normaliseSetupCode(code)), now]
	);
	return rows[0] ?? null;
}

/**
 * Sets the password of the code's account and uses the code up (it works once); every session of the account ends.
 * Null when the code is unknown, used or expired. A disabled account's code still sets the password, but signing in
 * waits until an admin enables it.
 */
export async function redeemCode(
	code: string,
	password: string,
	now = new Date()
): Promise<SessionUser | null> {
	const passwordHash = await passwords.hash(password);
	const id = await (
		await db()
	).transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`UPDATE users SET password_hash = $2, password_weak = false, reset_hash = NULL, reset_expires_at = NULL
			 WHERE reset_hash = $1 AND reset_expires_at > $3 RETURNING id`,
			[sha256(normaliseSetupCode(code)), passwordHash, now]
		);
		if (rows.length === 0) return null;
		await tx.query('DELETE FROM sessions WHERE user_id = $1', [rows[0].id]);
		return rows[0].id;
	});
	return id ? byId(id) : null;
}

/** Changes a signed-in user's own password after checking the current one; their other sessions end. */
export async function changePassword(
	id: string,
	current: string,
	password: string,
	keepSession: string
): Promise<boolean> {
	const rows = await (
		await db()
	).query<{ passwordHash: string }>(
		`SELECT password_hash AS "passwordHash" FROM users WHERE id = $1`,
		[id]
	);
	if (!rows[0] || !(await passwords.verify(current, rows[0].passwordHash))) return false;
	const passwordHash = await passwords.hash(password);
	await (
		await db()
	).transaction(async (tx) => {
		await tx.query('UPDATE users SET password_hash = $2, password_weak = false WHERE id = $1', [
			id,
			passwordHash
		]);
		await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
			id,
			sha256(keepSession)
		]);
	});
	return true;
}

/** Whether the password last used to sign in falls short of today's rules (the admin pages then ask for a new one). */
export async function noteStrength(id: string, weak: boolean): Promise<void> {
	await (
		await db()
	).query('UPDATE users SET password_weak = $2 WHERE id = $1 AND password_weak <> $2', [id, weak]);
}

export async function findByUsername(username: string): Promise<SessionUser | undefined> {
	const rows = await (
		await db()
	).query<SessionUser>(`SELECT ${COLUMNS} ${FROM} WHERE u.username = $1`, [username]);
	return rows[0];
}

export interface Account {
	id: string;
	username: string;
	role: Role;
	disabledAt: Date | null;
	createdAt: Date;
	weakPassword: boolean;
	/** Sessions still open (neither expired nor ended). */
	sessions: number;
	lastSeenAt: Date | null;
	/** A one-time code is waiting to be used until then. */
	codeExpiresAt: Date | null;
}

/** The center's accounts, active first, by name. */
export async function list(centerId: string, now = new Date()): Promise<Account[]> {
	return (await db()).query<Account>(
		`SELECT u.id, u.username, u.role, u.disabled_at AS "disabledAt", u.created_at AS "createdAt", u.password_weak AS "weakPassword",
			(SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id AND s.expires_at > $2) AS sessions,
			(SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS "lastSeenAt",
			CASE WHEN u.reset_expires_at > $2 THEN u.reset_expires_at END AS "codeExpiresAt"
		 FROM users u WHERE u.center_id = $1 ORDER BY u.disabled_at IS NOT NULL, u.username`,
		[centerId, now]
	);
}

/**
 * How many accounts can sign in at a center (its own and the city's), and how many of its own are admins (the
 * first-run setup needs both: a center of a city whose people exist is no fresh install).
 */
export async function counts(centerId: string): Promise<{ total: number; admins: number }> {
	const [row] = await (
		await db()
	).query<{ total: number; admins: number }>(
		`SELECT count(*)::int AS total, count(*) FILTER (WHERE role = 'admin' AND center_id = $1)::int AS admins
		 FROM users WHERE center_id = $1 OR center_id IS NULL`,
		[centerId]
	);
	return row;
}

/** Why a change to an account was refused: no such account here, it is the actor's own, or the center's last admin. */
export type Refusal = 'not-found' | 'self' | 'last-admin';

/**
 * Runs `change` on an account of the center unless it would leave the center with no active admin (`demotes`: the
 * change takes this account out of the active admins) or take the actor (`actorId`; null for the CLI) out of admin.
 * The center's row is locked first, so two admins demoting each other at once leave one admin.
 */
async function guarded(
	centerId: string,
	actorId: string | null,
	id: string,
	demotes: boolean,
	change: (tx: Queryable) => Promise<void>
): Promise<Refusal | 'ok'> {
	return (await db()).transaction(async (tx) => {
		await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
		const rows = await tx.query<{ role: Role; disabled: boolean }>(
			`SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE center_id = $1 AND id = $2`,
			[centerId, id]
		);
		if (rows.length === 0) return 'not-found';
		const activeAdmin = rows[0].role === 'admin' && !rows[0].disabled;
		if (demotes && activeAdmin) {
			if (id === actorId) return 'self';
			const [{ n }] = await tx.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM users WHERE center_id = $1 AND role = 'admin' AND disabled_at IS NULL AND id <> $2`,
				[centerId, id]
			);
			if (n === 0) return 'last-admin';
		}
		await change(tx);
		return 'ok';
	});
}

/** Disables an account (its sessions end at once) or enables it again. */
export function setDisabled(
	centerId: string,
	actorId: string | null,
	id: string,
	disabled: boolean,
	now = new Date()
): Promise<Refusal | 'ok'> {
	return guarded(centerId, actorId, id, disabled, async (tx) => {
		await tx.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [id, disabled ? now : null]);
		if (disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
	});
}

export function setRole(
	centerId: string,
	actorId: string | null,
	id: string,
	role: Role
): Promise<Refusal | 'ok'> {
	return guarded(centerId, actorId, id, role !== 'admin', async (tx) => {
		await tx.query('UPDATE users SET role = $2 WHERE id = $1', [id, role]);
	});
}

/** Ends every session of an account of the center; how many there were. */
export async function endSessions(centerId: string, id: string): Promise<number | null> {
	return (await db()).transaction(async (tx) => {
		const found = await tx.query('SELECT 1 FROM users WHERE center_id = $1 AND id = $2', [
			centerId,
			id
		]);
		if (found.length === 0) return null;
		return (await tx.query('DELETE FROM sessions WHERE user_id = $1 RETURNING 1', [id])).length;
	});
}

/** The center's first admin, or why not: it has one already, or the username is taken. */
export async function createFirstAdmin(
	centerId: string,
	input: Omit<NewUser, 'role'>
): Promise<SessionUser | 'has-admin' | 'taken'> {
	const id = randomUUID();
	const outcome = await insertFirstAdmin(
		centerId,
		id,
		input.username,
		await passwords.hash(input.password)
	);
	if (outcome !== 'created') return outcome;
	return byId(id);
}

/**
 * The transaction of createFirstAdmin, apart from the slow hashing so that a test can race it: of two setups at once
 * exactly one creates the admin, on both engines. The center's row is locked first, so the second waits and then sees
 * the first's admin (PGlite runs one transaction at a time anyway).
 */
export async function insertFirstAdmin(
	centerId: string,
	id: string,
	username: string,
	passwordHash: string
): Promise<'created' | 'has-admin' | 'taken'> {
	return (await db()).transaction(async (tx) => {
		await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
		const inserted = await tx.query(
			`INSERT INTO users (id, center_id, username, password_hash, role)
			 SELECT $1, $2, $3, $4, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users WHERE center_id = $2 AND role = 'admin')
			 ON CONFLICT (username) DO NOTHING RETURNING id`,
			[id, centerId, username, passwordHash]
		);
		if (inserted.length > 0) return 'created';
		const admins = await tx.query(`SELECT 1 FROM users WHERE center_id = $1 AND role = 'admin'`, [
			centerId
		]);
		return admins.length > 0 ? 'has-admin' : 'taken';
	});
}

/** The user and whether the account is disabled, when the password is right; unknown names take as long as wrong passwords. */
export async function authenticate(
	username: string,
	password: string
): Promise<{ user: SessionUser; disabled: boolean } | undefined> {
	const rows = await (
		await db()
	).query<SessionUser & { passwordHash: string; disabled: boolean }>(
		`SELECT ${COLUMNS}, u.password_hash AS "passwordHash", u.disabled_at IS NOT NULL AS disabled ${FROM} WHERE u.username = $1`,
		[username]
	);
	const row = rows[0];
	if (!row) {
		await passwords.verifyDecoy(password);
		return undefined;
	}
	if (!(await passwords.verify(password, row.passwordHash))) return undefined;
	const { passwordHash: _, disabled, ...user } = row;
	return { user, disabled };
}
