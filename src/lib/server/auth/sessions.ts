// Sign-in sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256. A session ends after
// SESSION_DAYS, after SESSION_IDLE_HOURS unused, at sign-out, and at once when its account is disabled.
import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { db } from '../db';
import type { SessionUser } from './session';
import { ROLE_COLUMNS } from './users';

export const COOKIE = 'sanhso_session';
const DAY_MS = 86_400_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url
/** A session's last use is written at most this often: not a write per request. */
const TOUCH_MS = 60_000;

export interface Session {
	token: string;
	expiresAt: Date;
}

// A stolen copy of the sessions table cannot be replayed: the cookie holds the only copy of the token.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function create(userId: string, days: number, now = new Date()): Promise<Session> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + days * DAY_MS);
	const database = await db();
	// The user's expired sessions go now, so the table never grows without bound.
	await database.query(
		'DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)',
		[userId, now, new Date(now.getTime() - config().SESSION_IDLE_HOURS * 3_600_000)]
	);
	await database.query(
		'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)',
		[hashToken(token), userId, now, expiresAt]
	);
	return { token, expiresAt };
}

/** The signed-in user for a cookie's token, or null when it is unknown, expired, idle too long, logged out or disabled. */
export async function resolve(
	token: string,
	now = new Date(),
	idleHours = config().SESSION_IDLE_HOURS,
	/** The center of the request's address: where the city's people are, until they choose another on /city. */
	requestCenter = config().CENTER_ID
): Promise<SessionUser | null> {
	if (!TOKEN_SHAPE.test(token)) return null;
	const database = await db();
	const rows = await database.query<SessionUser & { lastSeenAt: Date }>(
		`SELECT u.id, c.id AS "centerId", c.name AS "centerName", u.username, ${ROLE_COLUMNS},
			u.password_weak AS "weakPassword", s.last_seen_at AS "lastSeenAt"
		 FROM sessions s JOIN users u ON u.id = s.user_id JOIN centers c ON c.id = COALESCE(u.center_id, s.center_id, $4)
		 WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled_at IS NULL`,
		[hashToken(token), now, new Date(now.getTime() - idleHours * 3_600_000), requestCenter]
	);
	if (rows.length === 0) {
		// An expired or idle session is gone for good: deleted now, not just unread.
		await database.query(
			'DELETE FROM sessions WHERE token_hash = $1 AND (expires_at <= $2 OR last_seen_at <= $3)',
			[hashToken(token), now, new Date(now.getTime() - idleHours * 3_600_000)]
		);
		return null;
	}
	const { lastSeenAt, ...user } = rows[0];
	if (now.getTime() - new Date(lastSeenAt).getTime() >= TOUCH_MS)
		await database.query(
			'UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2',
			[hashToken(token), now]
		);
	return user;
}

/** A city person's session now looks at `centerId`; false when the session is not a city person's. */
export async function lookAt(token: string, centerId: string): Promise<boolean> {
	if (!TOKEN_SHAPE.test(token)) return false;
	const rows = await (
		await db()
	).query(
		`UPDATE sessions s SET center_id = $2 FROM users u
		 WHERE s.token_hash = $1 AND u.id = s.user_id AND u.center_id IS NULL
			AND EXISTS (SELECT 1 FROM centers WHERE id = $2)
		 RETURNING 1`,
		[hashToken(token), centerId]
	);
	return rows.length > 0;
}

export async function remove(token: string): Promise<void> {
	await (await db()).query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

export function setCookie(cookies: Cookies, session: Session, secure: boolean): void {
	cookies.set(COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: session.expiresAt
	});
}

export function clearCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
