// `user create --username NAME --role ROLE`: a manager account; the password is the first line of standard input.
import { newPasswordSchema, PASSWORD_MIN, roleSchema, usernameSchema } from '$lib/schemas/auth';
import * as users from '$lib/server/auth/users';
import { InputError, parseArgs, UsageError } from '../args';
import type { Command } from './types';

export const userCreate: Command = {
	name: 'user create',
	usage: 'user create --username NAME --role admin|manager|viewer',
	summary: 'create a manager account; the password is read from standard input (its first line)',
	async prepare(args, io) {
		const { positionals, values } = parseArgs(args, { values: ['username', 'role'] });
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		if (!values.has('username')) throw new UsageError('--username is required');
		if (!values.has('role')) throw new UsageError('--role is required');
		const username = usernameSchema.safeParse(values.get('username'));
		if (!username.success) throw new UsageError('--username must be 3-40 characters: letters a-z, digits, ".", "_" or "-"');
		const role = roleSchema.safeParse(values.get('role'));
		if (!role.success) throw new UsageError(`--role must be admin, manager or viewer, not "${values.get('role')}"`);
		const password = await io.readSecret(`Password for ${username.data}: `);
		if (password === undefined) throw new InputError('No password: give it on standard input, e.g. echo "$PASSWORD" | npm run cli -- user create ...');
		if (!newPasswordSchema.safeParse(password).success) throw new InputError(`The password must be ${PASSWORD_MIN} to 200 characters long.`);
		return async ({ io, cfg }) => {
			try {
				await users.create(cfg.CENTER_ID, { username: username.data, password, role: role.data });
			} catch (e) {
				if (!(e instanceof users.UsernameTakenError)) throw e;
				io.err(`User "${username.data}" already exists; nothing was changed.`);
				return 1;
			}
			io.out(`Created ${role.data} "${username.data}" in center ${cfg.CENTER_ID}.`);
			return 0;
		};
	}
};
