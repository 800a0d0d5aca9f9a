// What every CLI command is: a name, a usage line, and a prepare step that checks everything it can
// before the database opens (arguments, standard input, the input file), returning the part that needs it.
import type { Config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import type { Io } from '../io';

export interface Context {
	io: Io;
	db: Db;
	cfg: Config;
}

export type Run = (ctx: Context) => Promise<number>;

export interface Command {
	/** The words that select it, e.g. `catalogue import`. */
	name: string;
	usage: string;
	summary: string;
	/** Acts on the deployment (its centers, its whole database), not in CENTER_ID's center. */
	deployment?: true;
	prepare(args: string[], io: Io): Promise<Run>;
}
