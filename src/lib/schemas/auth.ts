// Manager accounts, sign-in and the first-run setup: the one schema each form, the server and the CLI validate with.
import { z } from 'zod';
import { cleanString } from './text';

/** Highest first: an admin may do what a manager may, a manager what a viewer may. */
export const ROLES = ['admin', 'manager', 'viewer'] as const;

/** The roles as people read them. */
export const ROLE_NAMES = { admin: 'Quản trị', manager: 'Quản lý', viewer: 'Chỉ xem' } as const;

export const roleSchema = z.enum(ROLES, { message: 'Vai trò phải là admin, manager hoặc viewer' });

/** The city's people: they have no center of their own and see every center (a city viewer reads only). */
export const CITY_ROLES = ['city_admin', 'city_viewer'] as const;
export type CityRole = (typeof CITY_ROLES)[number];

export const CITY_ROLE_NAMES = {
	city_admin: 'Quản trị thành phố',
	city_viewer: 'Xem toàn thành phố'
} as const;

export const cityRoleSchema = z.enum(CITY_ROLES, {
	message: 'Vai trò thành phố phải là city_admin hoặc city_viewer'
});

// Usernames are compared lower-case, so `Admin` and `admin` are one account.
export const usernameSchema = cleanString('Tên đăng nhập')
	.trim()
	.toLowerCase()
	.regex(
		/^[a-z0-9._-]{3,40}$/,
		'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang'
	);

/** New passwords only: accounts made with a shorter one still sign in, and are asked to change it. */
export const PASSWORD_MIN = 10;

// The length here; the list of common passwords is checked on the server (src/lib/server/auth/password-rules.ts).
export const newPasswordSchema = cleanString('Mật khẩu')
	.min(PASSWORD_MIN, `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự`)
	.max(200, 'Mật khẩu dài quá 200 ký tự');

export const newUserSchema = z.object({
	username: usernameSchema,
	password: newPasswordSchema,
	role: roleSchema
});

/** Sign-in only checks presence: a wrong format is just a wrong password, with the same answer. */
export const loginSchema = z.object({
	username: cleanString('Tên đăng nhập')
		.trim()
		.toLowerCase()
		.min(1, 'Hãy nhập tên đăng nhập')
		.max(100, 'Tên đăng nhập quá dài'),
	password: z.string().min(1, 'Hãy nhập mật khẩu').max(200, 'Mật khẩu dài quá 200 ký tự')
});

/** The first-run setup code's length, without the dash it is shown with (XXXXX-XXXXX). */
export const SETUP_CODE_LENGTH = 10;

/** The letters of one-time codes: no 0/O, 1/I/L, so one read off a screen is typed without doubt. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** As the code is compared: capitals, without the spaces and dashes people type or copy with it. */
export const normaliseSetupCode = (code: string) =>
	code.toUpperCase().replace(/[\s\u2010-\u2015-]+/g, '');

/** The one-time page that creates a center's first admin: the code from the server's log, then the account. */
export const setupSchema = z
	.object({
		code: cleanString('Mã thiết lập')
			.transform(normaliseSetupCode)
			.pipe(
				z
					.string()
					.min(1, 'Hãy nhập mã thiết lập')
					.length(
						SETUP_CODE_LENGTH,
						`Mã thiết lập gồm ${SETUP_CODE_LENGTH} chữ và số, dạng XXXXX-XXXXX`
					)
			),
		username: usernameSchema,
		password: newPasswordSchema,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		message: 'Hai lần nhập mật khẩu không giống nhau'
	});

/** A one-time code to set a password (a new account's or a reset's), shown as XXXX-XXXX-XXXX. */
export const RESET_CODE_LENGTH = 12;

const resetCodeSchema = cleanString('Mã đặt mật khẩu')
	.transform(normaliseSetupCode)
	.pipe(
		z
			.string()
			.min(1, 'Hãy nhập mã đặt mật khẩu')
			.length(
				RESET_CODE_LENGTH,
				`Mã đặt mật khẩu gồm ${RESET_CODE_LENGTH} chữ và số, dạng XXXX-XXXX-XXXX`
			)
	);

const confirmed = <T extends { password: string; confirm: string }>(v: T) =>
	v.password === v.confirm;
const CONFIRM_MESSAGE = { path: ['confirm'], message: 'Hai lần nhập mật khẩu không giống nhau' };

/** /admin/reset: the code an admin gave, and the new password twice. */
export const resetSchema = z
	.object({ code: resetCodeSchema, password: newPasswordSchema, confirm: z.string() })
	.refine(confirmed, CONFIRM_MESSAGE);

/** /admin/password: a signed-in user changes their own password. */
export const passwordChangeSchema = z
	.object({
		current: z.string().min(1, 'Hãy nhập mật khẩu hiện tại').max(200, 'Mật khẩu dài quá 200 ký tự'),
		password: newPasswordSchema,
		confirm: z.string()
	})
	.refine(confirmed, CONFIRM_MESSAGE);

/** /admin/users: a new account gets a one-time code to set its own password, so the admin never knows it. */
export const accountSchema = z.object({ username: usernameSchema, role: roleSchema });

/** /admin/users: an action on one account. */
const accountActionSchema = z.object({
	id: cleanString('Tài khoản').min(1, 'Thiếu tài khoản').max(100, 'Tài khoản không hợp lệ')
});

export const roleChangeSchema = accountActionSchema.extend({ role: roleSchema });

export type Role = z.infer<typeof roleSchema>;
export type NewUser = z.infer<typeof newUserSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
