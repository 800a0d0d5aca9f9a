// What a new password must be: at least PASSWORD_MIN characters, not one of the common passwords shipped in
// common-passwords.txt (made by scripts/common-passwords.js), not such a word with digits or symbols around it, and not
// the username. Case and Vietnamese marks are folded first: `MậtKhẩu123` is `matkhau123`.
import { PASSWORD_MIN } from '$lib/schemas/auth';
import list from './common-passwords.txt?raw';

const COMMON = new Set(list.split('\n').filter((line) => line.length > 0));

const COMBINING = /[\u0300-\u036f]/g;

/** Lower case, without Vietnamese marks (đ → d) or spaces: the form the list is kept in. */
export function foldPassword(password: string): string {
	return password
		.normalize('NFD')
		.replace(COMBINING, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, '');
}

/** The password with digits and symbols trimmed off both ends: `@Tuananh1990!` → `tuananh`. */
const stem = (folded: string) => folded.replace(/^[^a-z]+|[^a-z]+$/g, '');

export const TOO_SHORT = `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự.`;
export const TOO_COMMON =
	'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.';
export const IS_USERNAME = 'Mật khẩu không được giống tên đăng nhập.';

/** Why a new password is refused (a Vietnamese message), or null when it may be used. */
export function passwordProblem(password: string, username: string): string | null {
	if (Array.from(password).length < PASSWORD_MIN) return TOO_SHORT;
	const folded = foldPassword(password);
	const core = stem(folded);
	if (COMMON.has(folded) || core === '' || COMMON.has(core)) return TOO_COMMON;
	if (folded.includes(username.toLowerCase()) && core.length <= username.length + 1)
		return IS_USERNAME;
	return null;
}
