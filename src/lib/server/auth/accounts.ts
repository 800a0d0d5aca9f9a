// What an admin does to a center's accounts, on /admin/users and in the CLI alike: list them (with any sign-in
// delay), create one with a one-time code, disable or enable, reset a password, change a role, end sessions, lift a
// delay. Each answer carries the Vietnamese message shown to the admin.
import { ROLE_NAMES, type Role } from '$lib/schemas/auth';
import { log } from '../log';
import { passwordProblem } from './password-rules';
import type { SessionUser } from './session';
import * as throttle from './throttle';
import * as users from './users';

export type Outcome =
	{ ok: true; message: string } | { ok: false; status: 400 | 404 | 409; message: string };
export type CodeOutcome =
	| ({ ok: true; message: string } & users.OneTimeCode & { username: string })
	| Extract<Outcome, { ok: false }>;

export interface AccountRow extends users.Account {
	/** Sign-in for this account is delayed until then (failures); an admin can lift it. */
	delayedUntil: Date | null;
}

const NOT_FOUND: Outcome = {
	ok: false,
	status: 404,
	message: 'Không tìm thấy tài khoản này trong trung tâm.'
};
const REFUSALS: Record<users.Refusal, Outcome> = {
	'not-found': NOT_FOUND,
	self: {
		ok: false,
		status: 409,
		message: 'Bạn không thể tự vô hiệu hoá hoặc tự bỏ quyền quản trị của chính mình.'
	},
	'last-admin': {
		ok: false,
		status: 409,
		message:
			'Đây là quản trị viên cuối cùng còn hoạt động của trung tâm. Hãy cấp quyền quản trị cho người khác trước.'
	}
};

export async function list(centerId: string, now = new Date()): Promise<AccountRow[]> {
	const accounts = await users.list(centerId, now);
	const delays = await throttle.delayedUntil(
		accounts.map((a) => throttle.userKey(a.username)),
		now
	);
	return accounts.map((a) => ({
		...a,
		delayedUntil: delays.get(throttle.userKey(a.username)) ?? null
	}));
}

async function nameOf(centerId: string, id: string): Promise<string | null> {
	return (await users.list(centerId)).find((a) => a.id === id)?.username ?? null;
}

export async function create(
	centerId: string,
	username: string,
	role: Role,
	by: string | null,
	now = new Date()
): Promise<CodeOutcome> {
	try {
		const made = await users.createWithCode(centerId, { username, role }, now);
		log.info('user_created', { user: made.id, role, by });
		return {
			ok: true,
			message: `Đã tạo tài khoản ${username} (${ROLE_NAMES[role]}).`,
			code: made.code,
			expiresAt: made.expiresAt,
			username
		};
	} catch (e) {
		if (!(e instanceof users.UsernameTakenError)) throw e;
		return {
			ok: false,
			status: 409,
			message: 'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.'
		};
	}
}

export async function resetPassword(
	centerId: string,
	id: string,
	by: string | null,
	now = new Date()
): Promise<CodeOutcome> {
	const username = await nameOf(centerId, id);
	const issued = username ? await users.issueCode(centerId, id, now) : null;
	if (!username || !issued) return NOT_FOUND as Extract<Outcome, { ok: false }>;
	log.info('password_reset_issued', { user: id, by });
	return { ok: true, message: `Đã tạo mã đặt lại mật khẩu cho ${username}.`, ...issued, username };
}

export async function setDisabled(
	centerId: string,
	actorId: string | null,
	id: string,
	disabled: boolean,
	now = new Date()
): Promise<Outcome> {
	const outcome = await users.setDisabled(centerId, actorId, id, disabled, now);
	if (outcome !== 'ok') return REFUSALS[outcome];
	log.info(disabled ? 'user_disabled' : 'user_enabled', { user: id, by: actorId });
	const name = await nameOf(centerId, id);
	return {
		ok: true,
		message: disabled
			? `Đã vô hiệu hoá tài khoản ${name}; các phiên đăng nhập của tài khoản đã kết thúc.`
			: `Đã kích hoạt lại tài khoản ${name}.`
	};
}

export async function setRole(
	centerId: string,
	actorId: string | null,
	id: string,
	role: Role
): Promise<Outcome> {
	const outcome = await users.setRole(centerId, actorId, id, role);
	if (outcome !== 'ok') return REFUSALS[outcome];
	log.info('user_role_changed', { user: id, role, by: actorId });
	return {
		ok: true,
		message: `Đã đổi vai trò của ${await nameOf(centerId, id)} thành ${ROLE_NAMES[role]}.`
	};
}

export async function endSessions(
	centerId: string,
	id: string,
	by: string | null
): Promise<Outcome> {
	const ended = await users.endSessions(centerId, id);
	if (ended === null) return NOT_FOUND;
	log.info('user_sessions_ended', { user: id, sessions: ended, by });
	return {
		ok: true,
		message: `Đã kết thúc ${ended} phiên đăng nhập của ${await nameOf(centerId, id)}.`
	};
}

/** Lifts the sign-in delay of an account of the center. */
export async function liftDelay(centerId: string, id: string, by: string | null): Promise<Outcome> {
	const username = await nameOf(centerId, id);
	if (!username) return NOT_FOUND;
	const lifted = await throttle.lift(throttle.userKey(username));
	log.info('login_delay_lifted', { user: id, by, lifted });
	return {
		ok: true,
		message: lifted
			? `Đã gỡ thời gian chờ đăng nhập của ${username}.`
			: `Tài khoản ${username} không phải chờ.`
	};
}

export const CODE_REFUSED =
	'Mã đặt mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy nhờ quản trị viên tạo mã mới.';

/** /admin/reset: the one-time code's owner sets a new password (the code then no longer works). */
export async function setPasswordWithCode(
	code: string,
	password: string,
	now = new Date()
): Promise<Outcome & { username?: string }> {
	const owner = await users.ownerOfCode(code, now);
	if (!owner) return { ok: false, status: 400, message: CODE_REFUSED };
	const problem = passwordProblem(password, owner.username);
	if (problem) return { ok: false, status: 400, message: problem };
	const user = await users.redeemCode(code, password, now);
	if (!user) return { ok: false, status: 400, message: CODE_REFUSED };
	// A new password also clears the account's sign-in delay: its owner has just proved who they are.
	await throttle.lift(throttle.userKey(user.username));
	log.info('password_set_with_code', { user: user.id });
	return {
		ok: true,
		message: 'Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu này.',
		username: user.username
	};
}

export const WRONG_CURRENT = 'Mật khẩu hiện tại không đúng.';

/** /admin/password: a signed-in user changes their own password; their other sessions end, this one stays. */
export async function changeOwnPassword(
	user: SessionUser,
	current: string,
	password: string,
	sessionToken: string,
	now = new Date()
): Promise<Outcome> {
	const problem = passwordProblem(password, user.username);
	if (problem) return { ok: false, status: 400, message: problem };
	// The current password is a guess like any other: the account's throttle holds it.
	const gate = await throttle.begin([throttle.userKey(user.username)], now);
	if (!gate.ok) return { ok: false, status: 400, message: throttle.refusal(gate, now) };
	let changed = false;
	try {
		changed = await users.changePassword(user.id, current, password, sessionToken);
	} finally {
		await (changed ? throttle.succeed(gate.ticket, gate.ticket.keys) : throttle.fail(gate.ticket));
	}
	if (!changed) return { ok: false, status: 400, message: WRONG_CURRENT };
	log.info('password_changed', { user: user.id });
	return { ok: true, message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.' };
}
