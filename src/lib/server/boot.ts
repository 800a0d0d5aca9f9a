// Start-up: open the database, migrate, make sure the center exists, import the demo catalogue into an empty one.
import path from 'node:path';
import type { Config } from './config';
import { openDatabase, useDatabase, useReadDatabase, type Db } from './db';
import { migrate } from './db/migrate';
import * as catalogue from './catalogue';
import * as postedChoices from './catalogue/posted';
import { demoCatalogue } from './catalogue/demo';
import * as center from './center';
import { announceSetupCode } from './auth/setup';
import { log } from './log';

/**
 * `announceSetup`: the server (not the CLI or a test) prints the first-run setup code while the center has no admin.
 * `createCenter: false` (the CLI): the configured center is created only in a database of no other center (a box's
 * first start), so a mistyped CENTER_ID in a city makes no center of its own; the command then says so.
 */
export async function boot(
	cfg: Config,
	existing?: Db,
	{ announceSetup = false, createCenter = true } = {}
): Promise<Db> {
	const started = Date.now();
	const database = existing ?? (await openDatabase(cfg));
	useDatabase(database);
	// Migrations run here, on the primary only: a replica gets the same schema by replication.
	await useReadDatabase(cfg.READ_DATABASE_URL);
	const applied = await migrate(database);
	if (createCenter || (await center.aloneOrKnown(cfg.CENTER_ID))) await center.ensure(cfg);
	const [{ n }] = await database.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM procedures WHERE center_id = $1',
		[cfg.CENTER_ID]
	);
	if (n === 0 && cfg.DEMO_DATA) {
		const file = path.resolve(cfg.DEMO_CATALOGUE);
		const demo = await demoCatalogue(file);
		const outcome = await catalogue.importFile(cfg.CENTER_ID, demo.data, demo.filename);
		if (!outcome.ok)
			throw new Error(
				`demo catalogue ${file} is invalid: ${outcome.errors.slice(0, 3).join('; ')}`
			);
		// With the catalogue, the demo center's posted list as a commune center would choose it.
		await postedChoices.seed(cfg.CENTER_ID, postedChoices.DEMO_CHOICES);
		log.info('demo_catalogue_imported', { procedures: outcome.diff.added.length });
	}
	log.info('boot', { engine: database.kind, migrations: applied, ms: Date.now() - started });
	if (announceSetup) await announceSetupCode(cfg.CENTER_ID);
	return database;
}
