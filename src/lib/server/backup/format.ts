// The backup file: gzip-compressed NDJSON. A header line (format, version, when, engine, migrations, rows per table in
// insert order), then one line per page of a table's rows, then an end line. Reading checks all of it as it goes.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const FORMAT = 'sanhso-backup';
export const VERSION = 1;

const headerSchema = z.object({
	format: z.literal(FORMAT),
	version: z.literal(VERSION),
	createdAt: z.iso.datetime({ offset: true }),
	engine: z.enum(['pglite', 'postgres']),
	migrations: z.array(z.string()),
	/** Set on one center's export (backup/center.ts); a whole-database backup has none. */
	center: z.string().min(1).optional(),
	tables: z.array(z.object({ name: z.string().min(1), rows: z.number().int().min(0) }))
});

export type Header = z.infer<typeof headerSchema>;

const rowsSchema = z.object({
	table: z.string(),
	rows: z.array(z.record(z.string(), z.unknown()))
});
const endSchema = z.object({ end: z.literal(true), rows: z.number().int().min(0) });

/** A file that is not a whole, intact backup. Nothing was changed because of it. */
export class BackupFileError extends Error {}

export const headerLine = (h: Header) => JSON.stringify(h) + '\n';
/** A page of rows already serialised by the database (row_to_json), joined without parsing them again. */
export const rowsLine = (table: string, rowsJson: string[]) =>
	`{"table":${JSON.stringify(table)},"rows":[${rowsJson.join(',')}]}\n`;
export const endLine = (rows: number) => JSON.stringify({ end: true, rows }) + '\n';

// A page line is at most a few MB (1,000 rows); anything far longer is not ours, and must not fill the memory.
const MAX_LINE = 64 * 1024 * 1024;

/** The decompressed lines of a file; a damaged gzip stream (truncated, bad checksum) throws. */
async function* lines(file: string): AsyncGenerator<string> {
	const input = createReadStream(file);
	const gunzip = createGunzip();
	input.on('error', (e) => gunzip.destroy(e));
	input.pipe(gunzip);
	const decoder = new StringDecoder('utf8');
	let pending = '';
	try {
		for await (const chunk of gunzip) {
			pending += decoder.write(chunk as Buffer);
			let newline: number;
			while ((newline = pending.indexOf('\n')) >= 0) {
				yield pending.slice(0, newline);
				pending = pending.slice(newline + 1);
			}
			if (pending.length > MAX_LINE)
				throw new BackupFileError('a line is longer than any backup writes');
		}
		pending += decoder.end();
		if (pending.trim() !== '') yield pending;
	} catch (e) {
		if (e instanceof BackupFileError) throw e;
		throw new BackupFileError(
			`the file is damaged or truncated (${e instanceof Error ? e.message : String(e)})`
		);
	} finally {
		// A reader that stops early (readHeader) must not leave the file open.
		input.destroy();
		gunzip.destroy();
	}
}

function parse<T>(schema: z.ZodType<T>, line: string, what: string): T {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		throw new BackupFileError(`${what} is not valid JSON`);
	}
	const result = schema.safeParse(value);
	if (!result.success)
		throw new BackupFileError(
			`${what} is not what a backup holds (${result.error.issues[0]?.message ?? 'bad shape'})`
		);
	return result.data;
}

/** Reads just the header: is this a backup of ours at all. */
export async function readHeader(file: string): Promise<Header> {
	for await (const line of lines(file)) return parse(headerSchema, line, 'the first line');
	throw new BackupFileError('the file is empty');
}

/**
 * Reads the whole file, checking every line: tables in the header's order, each table's rows counted against the
 * header, the end line, nothing after it. `onRows` gets each page as it is read (restore inserts it); an error thrown
 * by it or by any check stops the reading. Returns the header once everything checked out.
 */
export async function readBackup(
	file: string,
	onRows?: (table: string, rows: Record<string, unknown>[]) => Promise<void>
): Promise<Header> {
	let header: Header | undefined;
	let index = 0; // the header table now being read
	let counted = 0;
	let total = 0;
	let ended = false;
	const closeTable = () => {
		if (!header) return;
		const t = header.tables[index];
		if (t && counted !== t.rows)
			throw new BackupFileError(
				`table ${t.name} has ${counted} rows where the header says ${t.rows}`
			);
		index++;
		counted = 0;
	};
	let lineNo = 0;
	for await (const line of lines(file)) {
		lineNo++;
		if (!header) {
			header = parse(headerSchema, line, 'the first line');
			continue;
		}
		if (line.trim() === '') continue;
		if (ended) throw new BackupFileError(`line ${lineNo} comes after the end line`);
		if (line.startsWith('{"end"')) {
			const end = parse(endSchema, line, `line ${lineNo}`);
			while (index < header.tables.length) closeTable();
			if (end.rows !== total)
				throw new BackupFileError(`the end line counts ${end.rows} rows, the file holds ${total}`);
			ended = true;
			continue;
		}
		const page = parse(rowsSchema, line, `line ${lineNo}`);
		while (index < header.tables.length && header.tables[index].name !== page.table) closeTable();
		if (index >= header.tables.length)
			throw new BackupFileError(
				`line ${lineNo}: table ${page.table} is not in the header, or out of order`
			);
		counted += page.rows.length;
		total += page.rows.length;
		await onRows?.(page.table, page.rows);
	}
	if (!header) throw new BackupFileError('the file is empty');
	if (!ended) throw new BackupFileError('the file ends before its end line: it is truncated');
	return header;
}
