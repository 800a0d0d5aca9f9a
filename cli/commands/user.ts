// `user create|list|disable|enable|reset|role|end-sessions|unblock`: the center's accounts from the command line, with
// the same rules as /admin/users (src/lib/server/auth/accounts.ts): the last active admin stays, passwords follow the
// password rules, a reset prints a one-time code.
import {
	cityRoleSchema,
	newPasswordSchema,
	PASSWORD_MIN,
	roleSchema,
	usernameSchema,
	type CityRole,
	type Role
} from '$lib/schemas/auth';
import * as accounts from '$lib/server/auth/accounts';
import { passwordProblem } from '$lib/server/auth/password-rules';
import * as throttle from '$lib/server/auth/throttle';
import * as users from '$lib/server/auth/users';
import type { Config } from '$lib/server/config';
import { InputError, options, UsageError } from '../options';
import type { Io } from '../io';
import type { Command, Run } from './types';

function username(values: Map<string, string>): string {
	if (!values.has('username')) throw new UsageError('--username is required');
	const parsed = usernameSchema.safeParse(values.get('username'));
	if (!parsed.success)
		throw new UsageError(
			'--username must be 3-40 characters: letters a-z, digits, ".", "_" or "-"'
		);
	return parsed.data;
}

function role(values: Map<string, string>): Role {
	if (!values.has('role')) throw new UsageError('--role is required');
	const parsed = roleSchema.safeParse(values.get('role'));
	if (!parsed.success)
		throw new UsageError(`--role must be admin, manager or viewer, not "${values.get('role')}"`);
	return parsed.data;
}

/** A center's role, or one of the city's (an account with no center of its own). */
function anyRole(values: Map<string, string>): Role | CityRole {
	const city = cityRoleSchema.safeParse(values.get('role'));
	if (city.success) return city.data;
	if (values.has('role') && !roleSchema.safeParse(values.get('role')).success)
		throw new UsageError(
			`--role must be admin, manager, viewer, city_admin or city_viewer, not "${values.get('role')}"`
		);
	return role(values);
}

export const userCreate: Command = {
	name: 'user create',
	usage: 'user create --username NAME --role admin|manager|viewer|city_admin|city_viewer',
	summary:
		"create an account in CENTER_ID's center, or the city's (city_*); the password is read from standard input",
	async prepare(args, io) {
		const { positionals, values } = options(args, { values: ['username', 'role'] });
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const name = username(values);
		const userRole = anyRole(values);
		const password = await io.readSecret(`Password for ${name}: `);
		if (password === undefined)
			throw new InputError(
				'No password: give it on standard input, e.g. echo "$PASSWORD" | npm run cli -- user create ...'
			);
		if (!newPasswordSchema.safeParse(password).success)
			throw new InputError(
				`The password must be ${PASSWORD_MIN} to 200 characters long, without control characters.`
			);
		const problem = passwordProblem(password, name);
		if (problem) throw new InputError(`The password is refused: ${problem}`);
		return async ({ io, cfg }) => {
			const city = userRole === 'city_admin' || userRole === 'city_viewer';
			try {
				if (city) await users.createCity({ username: name, password, role: userRole });
				else await users.create(cfg.CENTER_ID, { username: name, password, role: userRole });
			} catch (e) {
				if (!(e instanceof users.UsernameTakenError)) throw e;
				io.err(`User "${name}" already exists; nothing was changed.`);
				return 1;
			}
			io.out(
				city
					? `Created ${userRole} "${name}" for the city (every center).`
					: `Created ${userRole} "${name}" in center ${cfg.CENTER_ID}.`
			);
			return 0;
		};
	}
};

export const userList: Command = {
	name: 'user list',
	usage: 'user list',
	summary: "list the center's accounts: role, state, open sessions, any sign-in delay",
	async prepare(args) {
		if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
		return async ({ io, cfg }) => {
			for (const a of await accounts.list(cfg.CENTER_ID))
				io.out(
					[
						a.username,
						a.role,
						a.disabledAt ? 'DISABLED' : 'active',
						`${a.sessions} sessions`,
						a.delayedUntil ? `delayed until ${a.delayedUntil.toISOString()}` : '',
						a.weakPassword ? 'weak password' : ''
					]
						.filter(Boolean)
						.join('\t')
				);
			return 0;
		};
	}
};

/** A command about one account of the center, by --username (and more options when `extra` is given). */
function onAccount(
	name: string,
	summary: string,
	act: (ctx: {
		io: Io;
		cfg: Config;
		id: string;
		username: string;
		values: Map<string, string>;
	}) => Promise<accounts.Outcome | accounts.CodeOutcome>,
	extra: { usage?: string; values?: string[]; check?: (values: Map<string, string>) => void } = {}
): Command {
	return {
		name,
		usage: `${name} --username NAME${extra.usage ? ' ' + extra.usage : ''}`,
		summary,
		async prepare(args): Promise<Run> {
			const { positionals, values } = options(args, {
				values: ['username', ...(extra.values ?? [])]
			});
			if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
			const target = username(values);
			extra.check?.(values);
			return async ({ io, cfg }) => {
				const user = await users.findByUsername(target);
				if (!user || user.centerId !== cfg.CENTER_ID) {
					io.err(`No user "${target}" in center ${cfg.CENTER_ID}; nothing was changed.`);
					return 1;
				}
				const outcome = await act({ io, cfg, id: user.id, username: target, values });
				if (!outcome.ok) {
					io.err(`${outcome.message} Nothing was changed.`);
					return 1;
				}
				io.out(outcome.message);
				return 0;
			};
		}
	};
}

export const userDisable = onAccount(
	'user disable',
	'disable an account: its sessions end at once and it cannot sign in',
	({ cfg, id }) => accounts.setDisabled(cfg.CENTER_ID, null, id, true)
);

export const userEnable = onAccount(
	'user enable',
	'enable a disabled account again',
	({ cfg, id }) => accounts.setDisabled(cfg.CENTER_ID, null, id, false)
);

export const userRole = onAccount(
	'user role',
	"change an account's role",
	({ cfg, id, values }) => accounts.setRole(cfg.CENTER_ID, null, id, role(values)),
	{
		usage: '--role admin|manager|viewer',
		values: ['role'],
		check: (values) => void role(values)
	}
);

export const userEndSessions = onAccount(
	'user end-sessions',
	'sign an account out everywhere',
	({ cfg, id }) => accounts.endSessions(cfg.CENTER_ID, id, null)
);

export const userReset = onAccount(
	'user reset',
	'print a one-time code (valid 24 hours) with which the user sets a new password at /admin/reset',
	async ({ io, cfg, id }) => {
		const outcome = await accounts.resetPassword(cfg.CENTER_ID, id, null);
		if (outcome.ok) {
			io.out(`One-time code: ${outcome.code}`);
			const page = `${cfg.PUBLIC_URL ?? ''}/admin/reset?code=${outcome.code}`;
			io.out(
				`Valid once, until ${outcome.expiresAt.toISOString()}. The user opens ${page} and sets a new password.`
			);
		}
		return outcome;
	}
);

export const userUnblock: Command = {
	name: 'user unblock',
	usage: 'user unblock --username NAME | --address IP',
	summary: 'lift the sign-in delay of an account (after wrong passwords) or of a client address',
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['username', 'address'] });
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		if (values.has('username') === values.has('address'))
			throw new UsageError('give either --username or --address');
		const name = values.has('username') ? username(values) : null;
		const address = values.get('address') ?? '';
		if (!name && !/^[0-9a-fA-F:.]{2,45}$/.test(address))
			throw new UsageError('--address must be an IPv4 or IPv6 address');
		return async ({ io, cfg }) => {
			if (name) {
				const user = await users.findByUsername(name);
				if (!user || user.centerId !== cfg.CENTER_ID) {
					io.err(`No user "${name}" in center ${cfg.CENTER_ID}; nothing was changed.`);
					return 1;
				}
			}
			// An address's delays: its sign-in attempts and its pairing attempts.
			const keys = name
				? [throttle.userKey(name)]
				: [throttle.addressKey(address), throttle.pairKey(address)];
			const lifted = (await Promise.all(keys.map((k) => throttle.lift(k)))).some(Boolean);
			io.out(
				lifted
					? `Lifted the delay of ${name ?? address}.`
					: `${name ?? address} had no delay; nothing was changed.`
			);
			return 0;
		};
	}
};
