// Manager accounts, sign-in and the first-run setup: the one schema each form, the server and the CLI validate with.
import { z } from 'zod';

/** Highest first: an admin may do what a manager may, a manager what a viewer may. */
export const ROLES = ['admin', 'manager', 'viewer'] as const;

export const roleSchema = z.enum(ROLES, { message: 'Vai trò phải là admin, manager hoặc viewer' });

// Usernames are compared lower-case, so `Admin` and `admin` are one account.
export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang');

export const PASSWORD_MIN = 8;

export const newPasswordSchema = z
	.string()
	.min(PASSWORD_MIN, `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự`)
	.max(200, 'Mật khẩu dài quá 200 ký tự');

export const newUserSchema = z.object({
	username: usernameSchema,
	password: newPasswordSchema,
	role: roleSchema
});

/** Sign-in only checks presence: a wrong format is just a wrong password, with the same answer. */
export const loginSchema = z.object({
	username: z.string().trim().toLowerCase().min(1, 'Hãy nhập tên đăng nhập').max(100, 'Tên đăng nhập quá dài'),
	password: z.string().min(1, 'Hãy nhập mật khẩu').max(200, 'Mật khẩu dài quá 200 ký tự')
});

/** The first-run setup code's length, without the dash it is shown with (XXXXX-XXXXX). */
export const SETUP_CODE_LENGTH = 10;

/** As the code is compared: capitals, without the spaces and dashes people type or copy with it. */
export const normaliseSetupCode = (code: string) => code.toUpperCase().replace(/[\s\u2010-\u2015-]+/g, '');

/** The one-time page that creates a center's first admin: the code from the server's log, then the account. */
export const setupSchema = z
	.object({
		code: z
			.string()
			.transform(normaliseSetupCode)
			.pipe(
				z
					.string()
					.min(1, 'Hãy nhập mã thiết lập')
					.length(SETUP_CODE_LENGTH, `Mã thiết lập gồm ${SETUP_CODE_LENGTH} chữ và số, dạng XXXXX-XXXXX`)
			),
		username: usernameSchema,
		password: newPasswordSchema,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Hai lần nhập mật khẩu không giống nhau' });

export type Role = z.infer<typeof roleSchema>;
export type NewUser = z.infer<typeof newUserSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
