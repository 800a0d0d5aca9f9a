// The first run without a terminal: while a center has no admin, /admin/setup creates one, guarded by a one-time
// code the server prints in its log at start, so nobody on the lobby network can take the center before its manager.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { error } from '@sveltejs/kit';
import {
	CODE_ALPHABET,
	normaliseSetupCode,
	SETUP_CODE_LENGTH,
	type SetupInput
} from '$lib/schemas/auth';
import { config } from '../config';
import { log } from '../log';
import { passwordProblem } from './password-rules';
import * as sessions from './sessions';
import { waitMessage } from './throttle';
import * as users from './users';
import type { SessionUser } from './session';

/** Wrong codes allowed per minute, from everyone together: guessing 31^10 codes at this pace never ends. */
export const MAX_WRONG = 5;
const WINDOW_MS = 60_000;

// Kept in this process's memory on purpose, never in the database: the code dies with the process or the first
// admin, and no backup or second instance holds it. Only its digest is kept once printed.
let expected: Buffer | undefined;
let wrongAt: number[] = [];

const digest = (code: string) => createHash('sha256').update(normaliseSetupCode(code)).digest();

/** A fresh code, shown as XXXXX-XXXXX: 10 of 31 letters, about 50 bits. */
export function generateCode(): string {
	const chars = Array.from(
		{ length: SETUP_CODE_LENGTH },
		() => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
	);
	const half = SETUP_CODE_LENGTH / 2;
	return `${chars.slice(0, half).join('')}-${chars.slice(half).join('')}`;
}

function forget(): void {
	expected = undefined;
	wrongAt = [];
}

/**
 * Called by the server once it has started: while the center has no admin, makes a new code and prints it on the
 * console and as a JSON log line (the log is how the code reaches the person who installed the server). Returns it.
 */
export async function announceSetupCode(
	centerId: string,
	print: (line: string) => void = console.log
): Promise<string | null> {
	if ((await stage(centerId)) === 'done') return null;
	const code = generateCode();
	expected = digest(code);
	wrongAt = [];
	print(
		`\n  Chưa có tài khoản quản trị. Mở /admin/setup và nhập mã thiết lập: ${code}\n  No administrator yet: open /admin/setup and enter the setup code ${code}\n`
	);
	log.info('setup_code', { code, path: '/admin/setup' });
	return code;
}

/** 'empty': no account at all; 'no-admin': accounts, none of them admin; 'done': the setup page is gone. */
export async function stage(centerId: string): Promise<'empty' | 'no-admin' | 'done'> {
	const { total, admins } = await users.counts(centerId);
	if (admins > 0) {
		// An admin made another way (the CLI) closes the page too.
		forget();
		return 'done';
	}
	return total === 0 ? 'empty' : 'no-admin';
}

/** For the setup page: 404 once the center has an admin; whether this process printed a code to type. */
export async function requireOpen(centerId: string): Promise<{ hasCode: boolean }> {
	if ((await stage(centerId)) === 'done') error(404, 'Không tìm thấy trang');
	return { hasCode: expected !== undefined };
}

function blockedUntil(now: Date): Date | null {
	wrongAt = wrongAt.filter((t) => t > now.getTime() - WINDOW_MS);
	return wrongAt.length >= MAX_WRONG ? new Date(wrongAt[0] + WINDOW_MS) : null;
}

/** Compares digests of equal length: the time taken says nothing about how much of a guess was right. */
function matches(code: string): boolean {
	return expected !== undefined && timingSafeEqual(digest(code), expected);
}

export const WRONG_CODE =
	'Mã thiết lập không đúng. Hãy xem lại mã in trong nhật ký (log) của máy chủ.';
export const NO_CODE =
	'Máy chủ chưa in mã thiết lập. Hãy khởi động lại máy chủ rồi xem mã trong nhật ký (log).';
export const ALREADY_DONE = 'Trung tâm đã có tài khoản quản trị. Hãy đăng nhập.';
export const NAME_TAKEN = 'Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.';

export type SetupOutcome =
	| { ok: true; user: SessionUser; session: sessions.Session }
	| { ok: false; status: 400 | 409 | 429; message: string };

/** Checks the code (throttled), creates the first admin and signs them in; the code is then forgotten. */
export async function createFirstAdmin(
	centerId: string,
	input: SetupInput,
	now = new Date()
): Promise<SetupOutcome> {
	const until = blockedUntil(now);
	if (until)
		return { ok: false, status: 429, message: waitMessage(until, now, 'Nhập sai mã thiết lập') };
	if (!expected) return { ok: false, status: 409, message: NO_CODE };
	if (!matches(input.code)) {
		wrongAt.push(now.getTime());
		log.warn('setup_code_wrong', { attempts: wrongAt.length });
		return { ok: false, status: 400, message: WRONG_CODE };
	}
	const weak = passwordProblem(input.password, input.username);
	if (weak) return { ok: false, status: 400, message: weak };
	const user = await users.createFirstAdmin(centerId, input);
	if (user === 'taken') return { ok: false, status: 400, message: NAME_TAKEN };
	forget();
	if (user === 'has-admin') return { ok: false, status: 409, message: ALREADY_DONE };
	const session = await sessions.create(user.id, config().SESSION_DAYS, now);
	log.info('setup_done', { user: user.id });
	return { ok: true, user, session };
}
