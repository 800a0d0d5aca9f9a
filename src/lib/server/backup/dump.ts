// Writing a backup: every table read inside one read-only snapshot (the same moment for all of them, while the server
// keeps working), a page of rows at a time through a cursor so memory stays flat, to a temporary file that is synced,
// read back whole and checked, and only then renamed to its name.
import { open, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db, Queryable } from '../db';
import { appliedMigrations, quote, tables, type Table } from './catalog';
import { endLine, FORMAT, headerLine, readBackup, rowsLine, VERSION, type Header } from './format';

/** Rows per line and per FETCH: a few hundred kB of JSON for the widest table (ratings). */
const PAGE = 1000;

export interface Written {
	file: string;
	bytes: number;
	rows: number;
	header: Header;
}

/** The rows a file holds: each table's, filtered by a WHERE condition ('true' for all of them). */
export interface Selection {
	/** One center's export names its center; a whole-database backup has none. */
	center?: string;
	tables: { table: Table; where: string }[];
}

/** Every row of every table: a whole-database backup. */
const everything = async (tx: Queryable): Promise<Selection> => ({
	tables: (await tables(tx)).map((table) => ({ table, where: 'true' }))
});

/**
 * Writes a verified backup of `db` to `file` (replacing it only once the new one is complete and checked): the whole
 * database, or the rows `select` chooses inside the same snapshot.
 */
export async function writeBackup(
	db: Db,
	file: string,
	now = new Date(),
	select: (tx: Queryable) => Promise<Selection> = everything
): Promise<Written> {
	const temporary = temporaryName(file);
	try {
		const header = await dump(db, temporary, now, select);
		await fsync(temporary);
		const read = await readBackup(temporary);
		if (JSON.stringify(read) !== JSON.stringify(header))
			throw new Error('the backup read back differs from what was written');
		await rename(temporary, file);
		await fsync(path.dirname(file));
		const { size } = await stat(file);
		return { file, bytes: size, rows: header.tables.reduce((n, t) => n + t.rows, 0), header };
	} finally {
		await rm(temporary, { force: true });
	}
}

/** Beside the final file, hidden, and recognisable as ours (automatic backups clear stale ones). */
function temporaryName(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

async function fsync(target: string): Promise<void> {
	const handle = await open(target, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function dump(
	db: Db,
	file: string,
	now: Date,
	select: (tx: Queryable) => Promise<Selection>
): Promise<Header> {
	return db.transaction(async (tx) => {
		// First statement of the transaction, so the whole dump sees one snapshot. PGlite is a single connection:
		// its transaction is a snapshot already, and the statement is accepted there too.
		await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
		await tx.query(`SET LOCAL TIME ZONE 'UTC'`);
		const chosen = await select(tx);
		const counts: Header['tables'] = [];
		for (const { table, where } of chosen.tables) {
			const [{ n }] = await tx.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM ${quote(table.name)} WHERE ${where}`
			);
			counts.push({ name: table.name, rows: n });
		}
		const header: Header = {
			format: FORMAT,
			version: VERSION,
			createdAt: now.toISOString(),
			engine: db.kind,
			migrations: await appliedMigrations(tx),
			...(chosen.center === undefined ? {} : { center: chosen.center }),
			tables: counts
		};
		const total = counts.reduce((n, t) => n + t.rows, 0);
		async function* content(): AsyncGenerator<string> {
			yield headerLine(header);
			for (const { table, where } of chosen.tables) yield* pages(tx, table, where);
			yield endLine(total);
		}
		await pipeline(Readable.from(content()), createGzip(), createWriteStream(file));
		return header;
	});
}

/**
 * A table's rows a page at a time through a cursor, each row made JSON by the database. No ORDER BY: a sequential
 * scan is the cheapest read, and the snapshot gives every row exactly once whatever the order.
 */
async function* pages(tx: Queryable, t: Table, where: string): AsyncGenerator<string> {
	await tx.query(
		`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${quote(t.name)} x WHERE ${where}`
	);
	try {
		for (;;) {
			const rows = await tx.query<{ j: string }>(`FETCH ${PAGE} FROM backup_rows`);
			if (rows.length > 0)
				yield rowsLine(
					t.name,
					rows.map((r) => r.j)
				);
			if (rows.length < PAGE) return;
		}
	} finally {
		// After a failed write the transaction is being abandoned anyway; its rollback closes the cursor too.
		await tx.query('CLOSE backup_rows').catch(() => undefined);
	}
}
