// Who is signed in and what they may do: sign-in (throttled), sign-out, the /admin guard and role checks.
// Storage lives in passwords, users, sessions and throttle; routes and hooks use this module.
import { error, type Cookies } from '@sveltejs/kit';
import type { LoginInput, Role } from '$lib/schemas/auth';
import { config } from '../config';
import { log } from '../log';
import { passwordProblem } from './password-rules';
import * as sessions from './sessions';
import * as throttle from './throttle';
import * as users from './users';
import type { SessionUser } from './session';

export type { SessionUser, Role };
export { clientAddress } from './client-address';

// One answer for an unknown name and a wrong password: nobody learns which usernames exist.
export const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export const DISABLED = 'Tài khoản này đã bị vô hiệu hoá. Hãy liên hệ quản trị viên của trung tâm.';

export type LoginOutcome =
	| { ok: true; user: SessionUser; session: sessions.Session }
	| { ok: false; status: 400 | 403 | 429; message: string };

/**
 * Signs in, throttled per account and per client address (`address` null when it cannot be known, e.g. behind a
 * proxy whose header is not configured: then per account only). The attempt is counted before the password is
 * checked, and one check at a time runs per account and per address. `previousToken` is the browser's old session
 * cookie: signing in again ends that session.
 */
export async function login(
	input: LoginInput,
	address: string | null,
	now = new Date(),
	previousToken?: string
): Promise<LoginOutcome> {
	const account = throttle.userKey(input.username);
	const keys = address ? [account, throttle.addressKey(address)] : [account];
	const known = address !== null && (await throttle.isKnown(input.username, address, now));
	const gate = await throttle.begin(keys, now, known ? [account] : []);
	if (!gate.ok) {
		log.warn('login_throttled', { address, reason: gate.reason });
		return { ok: false, status: 429, message: throttle.refusal(gate, now) };
	}
	let checked: Awaited<ReturnType<typeof users.authenticate>>;
	try {
		checked = await users.authenticate(input.username, input.password);
	} catch (e) {
		await throttle.fail(gate.ticket);
		throw e;
	}
	if (!checked) {
		await throttle.fail(gate.ticket);
		log.warn('login_failed', { address });
		return { ok: false, status: 400, message: WRONG_CREDENTIALS };
	}
	await throttle.succeed(gate.ticket, [account]);
	if (checked.disabled) return { ok: false, status: 403, message: DISABLED };
	if (address) await throttle.remember(input.username, address, now);
	// A password set before today's rules still signs in; the admin pages then ask its owner for a new one.
	const user = {
		...checked.user,
		weakPassword: passwordProblem(input.password, checked.user.username) !== null
	};
	await users.noteStrength(user.id, user.weakPassword);
	if (previousToken) await sessions.remove(previousToken);
	const session = await sessions.create(user.id, config().SESSION_DAYS, now);
	log.info('login', { user: user.id, role: user.role });
	return { ok: true, user, session };
}

/** Cookies are Secure on https, and always when SECURE_COOKIES says so (TLS ended at a proxy). */
export function secureCookies(url: URL): boolean {
	return url.protocol === 'https:' || config().SECURE_COOKIES === true;
}

/** The user of the request's session cookie; a stale cookie is cleared. */
export async function userOf(
	cookies: Cookies,
	url: URL,
	requestCenter: string
): Promise<SessionUser | null> {
	const token = cookies.get(sessions.COOKIE);
	if (!token) return null;
	const user = await sessions.resolve(token, undefined, undefined, requestCenter);
	if (!user) sessions.clearCookie(cookies, secureCookies(url));
	return user;
}

/** The session token of the request's cookie, if any. */
export function sessionToken(cookies: Cookies): string | undefined {
	return cookies.get(sessions.COOKIE);
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

/**
 * Who may read the center's reports: on /admin/reports, its print view and files, and GET /api/v1/reports alike.
 * One rule, one place: a viewer reads the report on the page, so the API gives it to a viewer too.
 */
export const REPORT_READER: Role = 'viewer';

/** Pages open to a visitor with no session: signing in, the first run's setup (its own code guards it), and setting
 * a password with a one-time code (the code guards it). */
const OPEN_PAGES = ['/admin/login', '/admin/setup', '/admin/reset'];

/** Every other /admin page, and the city's pages, need a signed-in user. */
export function isProtected(pathname: string): boolean {
	const under = (root: string) => pathname === root || pathname.startsWith(`${root}/`);
	return (under('/admin') && !OPEN_PAGES.includes(pathname)) || under('/city');
}

/** The city's pages: the city's people only; `admin` for what changes centers (a city viewer reads). */
export function requireCity(locals: Pick<App.Locals, 'user'>, admin = false): SessionUser {
	const { user } = locals;
	if (!user) error(401, 'Vui lòng đăng nhập.');
	if (user.city === null) error(403, 'Trang này dành cho cán bộ của thành phố.');
	if (admin && user.city !== 'city_admin')
		error(403, 'Chỉ quản trị thành phố mới thực hiện được thao tác này.');
	return user;
}

export function loginUrl(url: URL): string {
	// A form action's `?/name` is not a page to come back to.
	const search = url.search.startsWith('?/') ? '' : url.search;
	return `/admin/login?next=${encodeURIComponent(url.pathname + search)}`;
}

/** Where to go after signing in: only back into /admin on this site, never elsewhere (no open redirect). */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
		return '/admin';
	const url = new URL(next, 'http://local');
	if (url.origin !== 'http://local' || !isProtected(url.pathname)) return '/admin';
	return url.pathname + url.search;
}
