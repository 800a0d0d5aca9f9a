// `npm run cli -- COMMAND ...`: parses arguments, opens the database like the server does, runs one command, closes it.
// Exit codes: 0 done, 1 bad input or a failure (nothing changed), 2 bad usage.
import path from 'node:path';
import { boot } from '$lib/server/boot';
import { acquire, DataDirBusyError, holderOf } from '$lib/server/datadir';
import { connectAdmin } from '$lib/server/db/remote';
import { config, ConfigError, type Config } from '$lib/server/config';
import { closeReadDatabase, useDatabase, type Db } from '$lib/server/db';
import { setLogLevel } from '$lib/server/log';
import { InputError, UsageError } from './options';
import { catalogueImport } from './commands/catalogue';
import { dossiersImport } from './commands/dossiers';
import type { Command } from './commands/types';
import {
	userCreate,
	userDisable,
	userEnable,
	userEndSessions,
	userList,
	userReset,
	userRole,
	userUnblock
} from './commands/user';
import { report } from './commands/report';
import {
	deviceList,
	devicePair,
	deviceRevoke,
	ratingSettings,
	ratingSummary
} from './commands/device';
import { backup, centerExport, centerImport, restore } from './commands/backup';
import { centerCreate, centerHosts, centerList } from './commands/center';
import * as center from '$lib/server/center';
import { processIo, type Io } from './io';

/** A server that has just started (migrating, importing the demo catalogue) or another command holding DATA_DIR. */
const SERVER_START_WAIT_MS = 30_000;

export const COMMANDS: Command[] = [
	catalogueImport,
	dossiersImport,
	userCreate,
	userList,
	userDisable,
	userEnable,
	userReset,
	userRole,
	userEndSessions,
	userUnblock,
	devicePair,
	deviceList,
	deviceRevoke,
	ratingSettings,
	ratingSummary,
	report,
	backup,
	restore,
	centerCreate,
	centerList,
	centerHosts,
	centerExport,
	centerImport
];

export interface Opened {
	db: Db;
	cfg: Config;
	close(): Promise<void>;
}

/** The database the server would use. With the embedded one, a running server holds DATA_DIR: the command then goes
 * through it (src/lib/server/db/remote.ts); with none running, the command holds DATA_DIR's lock itself while it runs,
 * so a server started meanwhile waits for nothing and opens nothing. PostgreSQL is shared by everyone as it is. */
async function openFromEnvironment(): Promise<Opened> {
	const cfg = config();
	setLogLevel('warn'); // standard output is the command's own; warnings and errors still reach standard error
	if (cfg.DATABASE_URL) {
		const db = await boot(cfg, undefined, { createCenter: false });
		// A report command may have opened READ_DATABASE_URL's replica: its pool would keep the process alive.
		return { db, cfg, close: () => db.close().finally(closeReadDatabase) };
	}
	const remote = await throughServer(cfg.DATA_DIR);
	if (remote) {
		useDatabase(remote);
		return { db: remote, cfg, close: () => remote.close() };
	}
	const lock = await acquire(cfg.DATA_DIR, 'cli');
	try {
		const db = await boot(cfg, undefined, { createCenter: false });
		return { db, cfg, close: () => db.close().finally(() => lock.release()) };
	} catch (e) {
		lock.release();
		throw e;
	}
}

/** The running server's database, when a live server holds DATA_DIR; waits while it is still starting. */
async function throughServer(dataDir: string): Promise<Db | undefined> {
	const deadline = Date.now() + SERVER_START_WAIT_MS;
	for (;;) {
		const holder = holderOf(dataDir);
		if (!holder) return undefined;
		const remote = holder.owner === 'server' ? await connectAdmin(dataDir) : undefined;
		if (remote) return remote;
		if (Date.now() > deadline) throw new DataDirBusyError(path.resolve(dataDir), holder);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export function usage(): string {
	return [
		'Sảnh số command line',
		'',
		'Usage: npm run cli -- COMMAND [OPTIONS]',
		'',
		'Commands:',
		...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
		'',
		'Add --help after a command for its usage. The database and center come from the same environment',
		'variables as the server (DATA_DIR or DATABASE_URL, CENTER_ID, ...).'
	].join('\n');
}

function find(args: string[]): Command | undefined {
	return COMMANDS.find((c) => c.name.split(' ').every((word, i) => args[i] === word));
}

export async function main(
	args: string[],
	io: Io = processIo(),
	open: () => Promise<Opened> = openFromEnvironment
): Promise<number> {
	if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
		io.out(usage());
		return 0;
	}
	const command = find(args);
	if (!command) {
		io.err(args.length ? `Unknown command: ${args.join(' ')}\n` : 'No command given.\n');
		io.err(usage());
		return 2;
	}
	const rest = args.slice(command.name.split(' ').length);
	const commandUsage = `Usage: npm run cli -- ${command.usage}`;
	if (rest.includes('--help')) {
		io.out(`${commandUsage}\n${command.summary}`);
		return 0;
	}
	let run;
	try {
		run = await command.prepare(rest, io);
	} catch (e) {
		if (e instanceof UsageError) io.err(`${command.name}: ${e.message}\n${commandUsage}`);
		else if (e instanceof InputError) io.err(e.message);
		else throw e;
		return e instanceof UsageError ? 2 : 1;
	}
	let opened: Opened;
	try {
		opened = await open();
	} catch (e) {
		io.err(
			e instanceof ConfigError || e instanceof DataDirBusyError
				? e.message
				: `Cannot open the database: ${e instanceof Error ? e.message : String(e)}`
		);
		return 1;
	}
	try {
		if (!command.deployment && !(await center.exists(opened.cfg.CENTER_ID))) {
			io.err(
				`CENTER_ID=${opened.cfg.CENTER_ID} names no center of this database; nothing was changed. \`center list\` shows its centers.`
			);
			return 1;
		}
		return await run({ io, db: opened.db, cfg: opened.cfg });
	} finally {
		await opened.close();
	}
}
