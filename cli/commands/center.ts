// `center create|list|hosts`: the centers of a city deployment, as /city/centers manages them (src/lib/server/center.ts):
// each center a code, an official name, a level and the host names it answers on.
import { hostListSchema, newCenterSchema } from '$lib/schemas/center';
import * as center from '$lib/server/center';
import { options, UsageError } from '../options';
import type { Command } from './types';

/** The first problem zod finds, in the words of the schema (Vietnamese, as the page shows it). */
const firstProblem = (issues: { message: string }[]) => issues[0]?.message ?? 'invalid input';

export const centerCreate: Command = {
	name: 'center create',
	deployment: true,
	usage: 'center create ID --name NAME [--level xa|tinh|bo] [--hosts HOST,HOST]',
	summary:
		'add a center to the deployment: its code (1-40 of a-z, 0-9, "-"), official name, level, host names',
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['name', 'level', 'hosts'] });
		if (positionals.length !== 1) throw new UsageError('give the center code: center create ID');
		if (!values.has('name')) throw new UsageError('--name is required');
		const parsed = newCenterSchema.safeParse({
			id: positionals[0],
			name: values.get('name'),
			level: values.get('level') ?? 'xa',
			hosts: values.get('hosts') ?? ''
		});
		if (!parsed.success) throw new UsageError(firstProblem(parsed.error.issues));
		const input = parsed.data;
		return async ({ io }) => {
			const outcome = await center.create(input);
			if (!outcome.ok) {
				io.err(`${outcome.message} Nothing was changed.`);
				return 1;
			}
			io.out(
				`Created center ${input.id} "${input.name}"${input.hosts.length ? ` on ${input.hosts.join(', ')}` : ''}.`
			);
			io.out(
				`Its first admin: CENTER_ID=${input.id} npm run cli -- user create --username NAME --role admin`
			);
			return 0;
		};
	}
};

export const centerList: Command = {
	name: 'center list',
	deployment: true,
	usage: 'center list',
	summary: 'list the centers of the deployment: code, level, name, host names',
	async prepare(args) {
		if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
		return async ({ io }) => {
			for (const c of await center.list())
				io.out(`${c.id}\t${c.level}\t${c.name}\t${c.hosts.join(',') || '-'}`);
			return 0;
		};
	}
};

export const centerHosts: Command = {
	name: 'center hosts',
	deployment: true,
	usage: 'center hosts ID --hosts HOST,HOST',
	summary: 'set the host names a center answers on (an empty list removes them)',
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['hosts'] });
		if (positionals.length !== 1) throw new UsageError('give the center code: center hosts ID');
		if (!values.has('hosts')) throw new UsageError('--hosts is required (--hosts= for none)');
		const hosts = hostListSchema.safeParse(values.get('hosts'));
		if (!hosts.success) throw new UsageError(firstProblem(hosts.error.issues));
		const id = positionals[0];
		return async ({ io }) => {
			const outcome = await center.setHosts(id, hosts.data);
			if (!outcome.ok) {
				io.err(`${outcome.message} Nothing was changed.`);
				return 1;
			}
			io.out(`Center ${id} answers on ${hosts.data.join(', ') || 'no host name of its own'}.`);
			return 0;
		};
	}
};
