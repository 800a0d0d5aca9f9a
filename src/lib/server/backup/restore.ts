// Restoring a backup: the whole file checked first, then in ONE transaction every table emptied and reloaded in
// foreign-key order, with user triggers off so derived tables (counter_days) come back exactly as saved rather than
// summed a second time, and sequences set past the highest value. It completes, or changes nothing.
import { migrations } from '../db/migrate';
import type { Db, Queryable } from '../db';
import { appliedMigrations, ownedSequences, quote, tables, type Table } from './catalog';
import { readBackup, type Header } from './format';

/** What start-up writes into an empty database by itself (the configured center, the demo catalogue and the demo center's
 * posted list): not data to protect. */
const STARTUP_TABLES = new Set(['centers', 'procedures', 'posted_fields', 'posted_procedures']);

/** A restore this database must not take: nothing was changed. The message says why and what to do. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
	/** Replace a database that already holds data. */
	force?: boolean;
}

export interface Restored {
	header: Header;
	rows: number;
	centers: string[];
}

export async function restore(
	db: Db,
	file: string,
	options: RestoreOptions = {}
): Promise<Restored> {
	const header = await readBackup(file);
	if (header.center !== undefined)
		throw new RestoreRefused(
			`The file is the export of one center (${header.center}), not a backup of a whole database: load it with \`center import\`.`
		);
	checkMigrations(header.migrations, await appliedMigrations(db));
	const centers = await db.transaction(async (tx) => {
		const all = await tables(tx);
		checkTables(header, all);
		if (!options.force) await refuseIfHoldsData(tx, all);
		const byName = new Map(all.map((t) => [t.name, t]));
		for (const t of all) await tx.query(`ALTER TABLE ${quote(t.name)} DISABLE TRIGGER USER`);
		await tx.query(`TRUNCATE ${all.map((t) => quote(t.name)).join(', ')}`);
		await readBackup(file, async (name, rows) => {
			const t = byName.get(name);
			if (!t) throw new RestoreRefused(`table ${name} is not in this database`);
			const columns = t.columns.map(quote).join(', ');
			await tx.query(
				`INSERT INTO ${quote(t.name)} (${columns}) OVERRIDING SYSTEM VALUE
				 SELECT ${columns} FROM json_populate_recordset(null::${quote(t.name)}, $1::json)`,
				[JSON.stringify(rows)]
			);
		});
		for (const { name, rows } of header.tables) {
			const [{ n }] = await tx.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM ${quote(name)}`
			);
			if (n !== rows)
				throw new Error(`table ${name} holds ${n} rows after the restore, the backup ${rows}`);
		}
		for (const s of await ownedSequences(tx)) {
			const column = quote(s.column);
			await tx.query(
				`SELECT setval($1::regclass, COALESCE(max(${column}), 1), max(${column}) IS NOT NULL) FROM ${quote(s.table)}`,
				[s.sequence]
			);
		}
		for (const t of all) await tx.query(`ALTER TABLE ${quote(t.name)} ENABLE TRIGGER USER`);
		return (await tx.query<{ id: string }>('SELECT id FROM centers ORDER BY id')).map((r) => r.id);
	});
	// Fresh statistics, so the first reports after a restore plan as well as before it.
	await db.exec(`ANALYZE ${header.tables.map((t) => quote(t.name)).join(', ')}`);
	return { header, rows: header.tables.reduce((n, t) => n + t.rows, 0), centers };
}

export function checkMigrations(backup: string[], here: string[]): void {
	const known = new Set(migrations.map((m) => m.name));
	const unknown = backup.filter((m) => !known.has(m));
	if (unknown.length > 0) {
		throw new RestoreRefused(
			`The backup was made by a newer version of Sảnh số (migration ${unknown.join(', ')} is unknown here): update this installation first.`
		);
	}
	if (backup.join('\n') !== here.join('\n')) {
		throw new RestoreRefused(
			`The backup's schema (migrations up to ${backup.at(-1) ?? 'none'}) differs from this database's (up to ${here.at(-1) ?? 'none'}): ` +
				'restore it with the version of Sảnh số that made it, then update.'
		);
	}
}

function checkTables(header: Header, here: Table[]): void {
	const theirs = header.tables.map((t) => t.name);
	const ours = here.map((t) => t.name);
	if ([...theirs].sort().join() !== [...ours].sort().join()) {
		throw new RestoreRefused(
			`The backup's tables (${theirs.join(', ')}) are not this database's (${ours.join(', ')}).`
		);
	}
	// Rows go in in the file's order: every table's parents must come before it there.
	const position = new Map(theirs.map((name, i) => [name, i]));
	for (const t of here) {
		for (const parent of t.parents) {
			if ((position.get(parent) ?? -1) > (position.get(t.name) ?? -1))
				throw new RestoreRefused(
					`The backup lists ${t.name} before ${parent}, which it references.`
				);
		}
	}
}

async function refuseIfHoldsData(tx: Queryable, all: Table[]): Promise<void> {
	const holding: string[] = [];
	for (const t of all) {
		if (STARTUP_TABLES.has(t.name)) continue;
		const [{ n }] = await tx.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM ${quote(t.name)}`
		);
		if (n > 0) holding.push(`${t.name} ${n}`);
	}
	if (holding.length > 0) {
		throw new RestoreRefused(
			`This database already holds data (${holding.join(', ')}). Nothing was changed; add --force to replace all of it with the backup.`
		);
	}
}
