// Who is signed in and what they may do: sign-in (throttled), sign-out, the /admin guard and role checks.
// Storage lives in passwords, users, sessions and throttle; routes and hooks use this module.
import { error, type Cookies } from '@sveltejs/kit';
import type { LoginInput, Role } from '$lib/schemas/auth';
import { config } from '../config';
import { log } from '../log';
import * as sessions from './sessions';
import * as throttle from './throttle';
import * as users from './users';
import type { SessionUser } from './session';

export type { SessionUser, Role };

// One answer for an unknown name and a wrong password: nobody learns which usernames exist.
export const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export type LoginOutcome =
	| { ok: true; user: SessionUser; session: sessions.Session }
	| { ok: false; status: 400 | 429; message: string };

export async function login(input: LoginInput, address: string, now = new Date()): Promise<LoginOutcome> {
	const keys = throttle.keys(input.username, address);
	const until = await throttle.blockedUntil(keys, now);
	if (until) return { ok: false, status: 429, message: throttle.waitMessage(until, now) };
	const user = await users.authenticate(input.username, input.password);
	if (!user) {
		await throttle.recordFailure(keys, now);
		log.warn('login_failed', { address });
		return { ok: false, status: 400, message: WRONG_CREDENTIALS };
	}
	await throttle.clear(keys[0]);
	const session = await sessions.create(user.id, config().SESSION_DAYS, now);
	log.info('login', { user: user.id, role: user.role });
	return { ok: true, user, session };
}

/** Cookies are Secure on https, and always when SECURE_COOKIES says so (TLS ended at a proxy). */
export function secureCookies(url: URL): boolean {
	return url.protocol === 'https:' || config().SECURE_COOKIES === true;
}

/** The user of the request's session cookie; a stale cookie is cleared. */
export async function userOf(cookies: Cookies, url: URL): Promise<SessionUser | null> {
	const token = cookies.get(sessions.COOKIE);
	if (!token) return null;
	const user = await sessions.resolve(token);
	if (!user) sessions.clearCookie(cookies, secureCookies(url));
	return user;
}

export function setSessionCookie(cookies: Cookies, url: URL, session: sessions.Session): void {
	sessions.setCookie(cookies, session, secureCookies(url));
}

export async function logout(cookies: Cookies, url: URL): Promise<void> {
	const token = cookies.get(sessions.COOKIE);
	if (token) await sessions.remove(token);
	sessions.clearCookie(cookies, secureCookies(url));
}

const RANK: Record<Role, number> = { viewer: 1, manager: 2, admin: 3 };

/** admin > manager > viewer: a role includes every lower one. */
export function hasRole(user: SessionUser | null, role: Role): boolean {
	return user !== null && RANK[user.role] >= RANK[role];
}

/** The signed-in user when they hold `role` or higher; otherwise 401 (nobody) or 403 (too low a role). */
export function requireRole(locals: Pick<App.Locals, 'user'>, role: Role): SessionUser {
	const { user } = locals;
	if (!user) error(401, 'Vui lòng đăng nhập.');
	if (!hasRole(user, role)) error(403, 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
	return user;
}

/** Pages open to a visitor with no session: signing in, and the first run's setup (its own code guards it). */
const OPEN_PAGES = ['/admin/login', '/admin/setup'];

/** Every other /admin page needs a signed-in user. */
export function isProtected(pathname: string): boolean {
	return (pathname === '/admin' || pathname.startsWith('/admin/')) && !OPEN_PAGES.includes(pathname);
}

export function loginUrl(url: URL): string {
	// A form action's `?/name` is not a page to come back to.
	const search = url.search.startsWith('?/') ? '' : url.search;
	return `/admin/login?next=${encodeURIComponent(url.pathname + search)}`;
}

/** Where to go after signing in: only back into /admin on this site, never elsewhere (no open redirect). */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/admin';
	const url = new URL(next, 'http://local');
	if (url.origin !== 'http://local' || !isProtected(url.pathname)) return '/admin';
	return url.pathname + url.search;
}
