// One center's data between deployments (issue 13): a center's own box exports its center, and the city's deployment
// imports it whole, beside the centers it already holds. The file is a backup (format.ts) that names its center and
// holds only that center's rows. Import is one transaction: it completes, or changes nothing.
import { centerIdSchema } from '$lib/schemas/center';
import type { Db, Queryable } from '../db';
import { appliedMigrations, quote, tables, type Table } from './catalog';
import { writeBackup, type Selection, type Written } from './dump';
import { readBackup, type Header } from './format';
import { checkMigrations, RestoreRefused } from './restore';

/**
 * How each table belongs to a center. Every table of the schema is named here: an export that meets a table it does
 * not know stops, so a new migration's table cannot be left out of a center's move unnoticed.
 * - `own`: the center's rows, by their center_id (centers: by id), exported and imported;
 * - `derived`: sums the database's triggers keep (counters → counter_days, ratings → the rating rollups): exported,
 *   and on import made again by those triggers from the rows they sum, then checked equal to the file's;
 * - `passing`: the center's, but short-lived (sessions, pairing codes, PIN attempts): not moved; removed on --replace;
 * - `shared`: the deployment's, of no center (throttling, the service-index rules): neither moved nor touched.
 */
const SCOPES: Record<string, Scope> = {
	centers: { kind: 'own', where: (c) => `id = ${c}` },
	center_hosts: byCenter('own'),
	procedures: byCenter('own'),
	posted_fields: byCenter('own'),
	posted_procedures: byCenter('own'),
	users: byCenter('own'),
	api_tokens: byCenter('own'),
	devices: byCenter('own'),
	device_clocks: { kind: 'own', where: byDevice },
	ratings: byCenter('own'),
	count_voids: byCenter('own'),
	counters: byCenter('own'),
	scan_clients: byCenter('own'),
	dossier_sources: byCenter('own'),
	dossiers: byCenter('own'),
	manual_figures: byCenter('own'),
	counter_days: byCenter('derived', 'count = 0'),
	rating_days: byCenter('derived', 'n = 0 AND late = 0'),
	rating_reason_days: byCenter('derived', 'n = 0'),
	rating_hours: byCenter('derived', 'n = 0'),
	sessions: {
		kind: 'passing',
		where: (c) => `user_id IN (SELECT id FROM users WHERE center_id = ${c})`
	},
	pairing_codes: byCenter('passing'),
	// The version of the center's dossier data (reports/stamped.ts): its triggers give the moved center a new one.
	dossier_stamps: byCenter('passing'),
	// Counts kept under those stamps (migration 019): the moved center's new stamps would never read them.
	kept_counts: byCenter('passing'),
	device_pin_attempts: { kind: 'passing', where: byDevice },
	login_failures: { kind: 'shared' },
	auth_throttle: { kind: 'shared' },
	index_rules: { kind: 'shared' }
};

type Scope =
	| {
			kind: 'own' | 'passing' | 'derived';
			where: (center: string) => string;
			/** A derived row that sums to nothing (left behind when what it summed changed). */
			zero?: string;
	  }
	| { kind: 'shared' };

function byCenter(kind: 'own' | 'passing' | 'derived', zero?: string): Scope {
	return { kind, where: (c) => `center_id = ${c}`, zero };
}

function byDevice(c: string): string {
	return `device_id IN (SELECT id FROM devices WHERE center_id = ${c})`;
}

/** A center's code as an SQL literal: checked by its schema (a-z, 0-9, "-") first, so it never needs escaping. */
function literal(centerId: string): string {
	return `'${centerIdSchema.parse(centerId)}'`;
}

interface Placed {
	table: Table;
	scope: Scope;
}

/** The schema's tables (parents first), each with how it belongs to a center. */
async function placed(q: Queryable): Promise<Placed[]> {
	return (await tables(q)).map((table) => {
		const scope = SCOPES[table.name];
		if (!scope)
			throw new Error(
				`table ${table.name} is not placed in backup/center.ts: say whether it is a center's, derived, passing or shared`
			);
		return { table, scope };
	});
}

/** The center's rows of the tables a move carries, parents first. */
export async function carriedRows(q: Queryable, centerId: string): Promise<Selection> {
	const c = literal(centerId);
	const chosen: Selection['tables'] = [];
	for (const { table, scope } of await placed(q))
		if (scope.kind === 'own' || scope.kind === 'derived')
			chosen.push({ table, where: scope.where(c) });
	return { center: centerId, tables: chosen };
}

/** A refusal of an export or import: nothing was written or changed. */
export class CenterMoveRefused extends RestoreRefused {}

/** Writes one center's data to `file`, verified, from one snapshot while the server keeps working. */
export async function exportCenter(
	db: Db,
	centerId: string,
	file: string,
	now = new Date()
): Promise<Written> {
	const [known] = await db.query('SELECT 1 FROM centers WHERE id = $1', [centerId]);
	if (!known) throw new CenterMoveRefused(`There is no center ${centerId} in this database.`);
	return writeBackup(db, file, now, (tx) => carriedRows(tx, centerId));
}

export interface ImportOptions {
	/** Replace the center's data where the database already holds some. */
	replace?: boolean;
	/** Leave the box's accounts behind (their user names may be taken in the city); the city makes new ones. */
	withoutUsers?: boolean;
}

export interface Imported {
	center: string;
	rows: number;
	header: Header;
}

/**
 * Loads a center's export into this database beside its other centers: refused whole if the file is damaged or of
 * another schema, if the center already holds data here (unless `replace`), if a host name or an account's user name
 * is another center's, or if the sums the triggers make differ from the file's.
 */
export async function importCenter(
	db: Db,
	file: string,
	options: ImportOptions = {}
): Promise<Imported> {
	const header = await readBackup(file);
	if (header.center === undefined)
		throw new CenterMoveRefused(
			'The file is a backup of a whole database, not the export of one center: load it with `restore`.'
		);
	checkMigrations(header.migrations, await appliedMigrations(db));
	const to = header.center;
	const c = literal(to);
	const rows = await db.transaction(async (tx) => {
		const all = await placed(tx);
		const carried = all.filter((p) => p.scope.kind === 'own' || p.scope.kind === 'derived');
		checkTables(header, carried);
		// Two imports of one center at once: the second waits here, then finds the first one's data.
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sanhso-center-import:' || $1))`, [to]);
		await clearOrRefuse(tx, all, c, to, options);
		const byName = new Map(carried.map((p) => [p.table.name, p]));
		const derived = new Map<string, string[]>();
		let loaded = 0;
		await readBackup(file, async (name, page) => {
			const p = byName.get(name);
			if (!p) throw new CenterMoveRefused(`table ${name} is not a center's table here`);
			if (name === 'users' && options.withoutUsers) return;
			if (p.scope.kind === 'derived') {
				derived.set(name, [...(derived.get(name) ?? []), ...page.map((r) => JSON.stringify(r))]);
				return;
			}
			await insert(tx, p.table, page, to);
			loaded += page.length;
		});
		for (const p of carried) {
			const { name } = p.table;
			// The city may have given the center host names and accounts of its own before the import.
			if (p.scope.kind === 'shared' || name === 'center_hosts') continue;
			if (name === 'users' && options.withoutUsers) continue;
			if (p.scope.kind === 'derived') {
				await checkDerived(tx, p, c, derived.get(name) ?? []);
				continue;
			}
			const want = header.tables.find((t) => t.name === name)?.rows ?? 0;
			const [{ n }] = await tx.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM ${quote(name)} WHERE ${p.scope.where(c)}`
			);
			if (n !== want)
				throw new Error(
					`table ${name} holds ${n} rows of ${to} after the import, the file ${want}`
				);
		}
		return loaded;
	});
	await db.exec(`ANALYZE ${header.tables.map((t) => quote(t.name)).join(', ')}`);
	return { center: to, rows, header };
}

function checkTables(header: Header, carried: Placed[]): void {
	const theirs = header.tables.map((t) => t.name).sort();
	const ours = carried.map((p) => p.table.name).sort();
	if (theirs.join() !== ours.join())
		throw new CenterMoveRefused(
			`The file's tables (${theirs.join(', ')}) are not the ones a center's export holds here (${ours.join(', ')}).`
		);
}

/**
 * Refuses a center that holds data here; with `replace`, removes it (children first). The center's row and host names
 * stay (the city may have set them), and with `withoutUsers` its accounts too (the city made them).
 */
async function clearOrRefuse(
	tx: Queryable,
	all: Placed[],
	c: string,
	to: string,
	options: ImportOptions
): Promise<void> {
	const kept = ['centers', 'center_hosts', ...(options.withoutUsers ? ['users', 'sessions'] : [])];
	const scoped = all.filter((p) => p.scope.kind !== 'shared' && !kept.includes(p.table.name));
	const holding: string[] = [];
	for (const { table, scope } of scoped) {
		if (scope.kind === 'shared' || scope.kind === 'passing') continue;
		const [{ n }] = await tx.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM ${quote(table.name)} WHERE ${scope.where(c)}`
		);
		if (n > 0) holding.push(`${table.name} ${n}`);
	}
	if (holding.length === 0) return;
	if (!options.replace)
		throw new CenterMoveRefused(
			`Center ${to} already holds data here (${holding.join(', ')}). Nothing was changed; add --replace to replace its data with the file's.`
		);
	// Children before parents; the rating rollups are emptied after the ratings whose deletion their triggers count.
	for (const { table, scope } of [...scoped].reverse())
		if (scope.kind !== 'shared' && scope.kind !== 'derived')
			await tx.query(`DELETE FROM ${quote(table.name)} WHERE ${scope.where(c)}`);
	for (const { table, scope } of scoped)
		if (scope.kind === 'derived')
			await tx.query(`DELETE FROM ${quote(table.name)} WHERE ${scope.where(c)}`);
}

const UNIQUE_VIOLATION = '23505';

/** A page of rows; the center's row and its host names are merged with what the city already set. */
async function insert(
	tx: Queryable,
	t: Table,
	rows: Record<string, unknown>[],
	to: string
): Promise<void> {
	const columns = t.columns.map(quote).join(', ');
	let conflict = '';
	if (t.name === 'centers')
		conflict = `ON CONFLICT (id) DO UPDATE SET ${t.columns
			.filter((col) => col !== 'id' && col !== 'created_at')
			.map((col) => `${quote(col)} = excluded.${quote(col)}`)
			.join(', ')}`;
	if (t.name === 'center_hosts') {
		const taken = await tx.query<{ host: string }>(
			`SELECT host FROM center_hosts WHERE host = ANY($1::text[]) AND center_id <> $2`,
			[rows.map((r) => r.host), to]
		);
		if (taken.length > 0)
			throw new CenterMoveRefused(takenMessage(t.name, taken.map((r) => r.host).join(', ')));
		conflict = 'ON CONFLICT (host) DO NOTHING';
	}
	try {
		await tx.query(
			`INSERT INTO ${quote(t.name)} (${columns})
			 SELECT ${columns} FROM json_populate_recordset(null::${quote(t.name)}, $1::json) ${conflict}`,
			[JSON.stringify(rows)]
		);
	} catch (e) {
		if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
		throw new CenterMoveRefused(takenMessage(t.name, (e as { detail?: string }).detail));
	}
}

function takenMessage(table: string, detail: string | undefined): string {
	const what = detail ? ` (${detail})` : '';
	if (table === 'users')
		return `An account of the file has a user name another center's account has here${what}. Nothing was changed; rename it in the box, or add --without-users and make the center's accounts here.`;
	if (table === 'center_hosts')
		return `A host name of the file is another center's here${what}. Nothing was changed; change that center's host names first.`;
	return `A row of ${table} in the file is already in this database${what}: it is another center's. Nothing was changed.`;
}

/** The sums the triggers made from the imported rows, against the file's: the same, rows of nothing aside. */
async function checkDerived(tx: Queryable, p: Placed, c: string, rows: string[]): Promise<void> {
	if (p.scope.kind === 'shared') return;
	const zero = p.scope.zero ?? 'false';
	const name = quote(p.table.name);
	const columns = p.table.columns.map(quote).join(', ');
	const [{ differ }] = await tx.query<{ differ: number }>(
		`WITH file AS (SELECT ${columns} FROM json_populate_recordset(null::${name}, $1::json)),
			here AS (SELECT ${columns} FROM ${name} WHERE ${p.scope.where(c)})
		 SELECT count(*)::int AS differ FROM (
			(SELECT * FROM file WHERE NOT (${zero}) EXCEPT SELECT * FROM here WHERE NOT (${zero}))
			UNION ALL
			(SELECT * FROM here WHERE NOT (${zero}) EXCEPT SELECT * FROM file WHERE NOT (${zero}))
		 ) d`,
		[`[${rows.join(',')}]`]
	);
	if (differ > 0)
		throw new Error(
			`${p.table.name}: ${differ} sums made from the imported rows differ from the file's; nothing was changed`
		);
}
