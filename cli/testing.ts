// CLI tests: commands run in process on a database the test owns (the CLI uses it and must not close it), with a
// terminal in memory: standard input given up front, output collected.
import type { Config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import { main } from './index';
import type { Io } from './io';

export interface Outcome {
	exit: number;
	out: string;
	err: string;
}

/** A runner of `npm run cli -- ARGS` against the database and configuration `open` gives (or the error it throws). */
export function cliRunner(
	open: () => Promise<{ db: Db; cfg: Config }>
): (args: string[], stdin?: string) => Promise<Outcome> {
	return async (args, stdin = '') => {
		const out: string[] = [];
		const err: string[] = [];
		const io: Io = {
			out: (text) => void out.push(text),
			err: (text) => void err.push(text),
			readSecret: async () => stdin.split('\n')[0].replace(/\r$/, '') || undefined
		};
		const exit = await main(args, io, async () => ({
			...(await open()),
			close: async () => undefined
		}));
		return { exit, out: out.join('\n'), err: err.join('\n') };
	};
}
