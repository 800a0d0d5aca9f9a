// `npm run cli -- COMMAND ...`: parses arguments, opens the database like the server does, runs one command, closes it.
// Exit codes: 0 done, 1 bad input or a failure (nothing changed), 2 bad usage.
import { boot } from '$lib/server/boot';
import { config, ConfigError, type Config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import { setLogLevel } from '$lib/server/log';
import { InputError, UsageError } from './args';
import { catalogueImport } from './commands/catalogue';
import { dossiersImport } from './commands/dossiers';
import type { Command } from './commands/types';
import { userCreate } from './commands/user';
import { report } from './commands/report';
import { deviceList, devicePair, deviceRevoke, ratingSettings, ratingSummary } from './commands/device';
import { backup, restore } from './commands/backup';
import { processIo, type Io } from './io';

const COMMANDS: Command[] = [
	catalogueImport,
	dossiersImport,
	userCreate,
	devicePair,
	deviceList,
	deviceRevoke,
	ratingSettings,
	ratingSummary,
	report,
	backup,
	restore
];

export interface Opened {
	db: Db;
	cfg: Config;
	close(): Promise<void>;
}

/** The server's own start-up: configuration from the environment, migrations, demo data into an empty database. */
async function openFromEnvironment(): Promise<Opened> {
	const cfg = config();
	setLogLevel('warn'); // standard output is the command's own; warnings and errors still reach standard error
	const db = await boot(cfg);
	return { db, cfg, close: () => db.close() };
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

export async function main(args: string[], io: Io = processIo(), open: () => Promise<Opened> = openFromEnvironment): Promise<number> {
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
		io.err(e instanceof ConfigError ? e.message : `Cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
	try {
		return await run({ io, db: opened.db, cfg: opened.cfg });
	} finally {
		await opened.close();
	}
}
