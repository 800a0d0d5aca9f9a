import path from 'node:path';
import { parseArgs } from 'node:util';
// The commands' options, read by node:util's parseArgs: positionals, `--flag`, and `--name value` or `--name=value`.

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

/**
 * The arguments after the command's name. parseArgs runs without `strict` and hands back its tokens, so that each
 * mistake is named in the CLI's own words, the first one first: an unknown option, a flag given a value, a value
 * missing (or another option where it should be), a value given twice (parseArgs alone would keep the last one).
 */
export function options(args: readonly string[], spec: Spec): Parsed {
	const flags = spec.flags ?? [];
	const names = spec.values ?? [];
	const { tokens } = parseArgs({
		args: [...args],
		options: Object.fromEntries([
			...flags.map((name) => [name, { type: 'boolean' as const }]),
			...names.map((name) => [name, { type: 'string' as const }])
		]),
		strict: false,
		allowPositionals: true,
		tokens: true
	});
	const parsed: Parsed = { positionals: [], flags: new Set(), values: new Map() };
	for (const token of tokens) {
		if (token.kind === 'positional') parsed.positionals.push(token.value);
		if (token.kind !== 'option') continue;
		const { name, rawName, value, inlineValue } = token;
		if (flags.includes(name)) {
			if (inlineValue) throw new UsageError(`${rawName} takes no value`);
			parsed.flags.add(name);
		} else if (names.includes(name)) {
			if (value === undefined || (!inlineValue && value.startsWith('--')))
				throw new UsageError(`${rawName} needs a value`);
			if (parsed.values.has(name)) throw new UsageError(`${rawName} is given twice`);
			parsed.values.set(name, value);
		} else {
			throw new UsageError(`unknown option ${rawName}`);
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
