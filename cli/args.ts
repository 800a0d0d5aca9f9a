import path from 'node:path';
// Hand-rolled argument parsing: positionals, `--flag`, and `--name value` or `--name=value`.

/** Bad arguments: the message says what is wrong; the caller adds the command's usage line. */
export class UsageError extends Error {}

/** Bad input that is not an argument (an unreadable file, a short password): exit 1, nothing changed. */
export class InputError extends Error {}

export interface Spec {
	flags?: readonly string[];
	values?: readonly string[];
}

export interface Parsed {
	positionals: string[];
	flags: Set<string>;
	values: Map<string, string>;
}

export function parseArgs(args: readonly string[], spec: Spec): Parsed {
	const parsed: Parsed = { positionals: [], flags: new Set(), values: new Map() };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--') {
			parsed.positionals.push(...args.slice(i + 1));
			break;
		}
		if (!arg.startsWith('--') || arg === '-') {
			parsed.positionals.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq < 0 ? undefined : eq);
		if (spec.flags?.includes(name)) {
			if (eq >= 0) throw new UsageError(`--${name} takes no value`);
			parsed.flags.add(name);
		} else if (spec.values?.includes(name)) {
			const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
			if (value === undefined || (eq < 0 && value.startsWith('--')))
				throw new UsageError(`--${name} needs a value`);
			if (parsed.values.has(name)) throw new UsageError(`--${name} is given twice`);
			parsed.values.set(name, value);
		} else {
			throw new UsageError(`unknown option --${name}`);
		}
	}
	return parsed;
}

/**
 * A path the user typed, resolved from the folder they typed the command in: `npm run` moves to the project root
 * but keeps the original folder in INIT_CWD.
 */
export function userPath(file: string): string {
	return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}
