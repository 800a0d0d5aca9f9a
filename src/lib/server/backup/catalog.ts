// The database's shape as a backup sees it, read from PostgreSQL's own catalogue (never a hand-kept list): the tables
// of the current schema in foreign-key order, their insertable columns, and the sequences that feed them.
import type { Queryable } from '../db';

/** Migration bookkeeping, not data: a backup names its migrations in the header and restore checks them instead. */
const MIGRATIONS_TABLE = 'schema_migrations';

export interface Table {
	name: string;
	/** Columns an INSERT may set: generated columns are left out. */
	columns: string[];
	/** Tables this one references through a foreign key (itself left out). */
	parents: string[];
}

/** An identifier quoted for SQL: the names come from the catalogue, but a name is never trusted to be plain. */
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of the current schema (search_path's first), parents before children. */
export async function tables(q: Queryable): Promise<Table[]> {
	const rows = await q.query<Table>(
		`SELECT c.relname::text AS name,
			ARRAY(SELECT a.attname::text FROM pg_attribute a
				WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
			ARRAY(SELECT DISTINCT p.relname::text FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
				WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS parents
		 FROM pg_class c
		 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
			AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1`,
		[MIGRATIONS_TABLE]
	);
	return foreignKeyOrder(rows);
}

/**
 * Parents before children, ties by name, so that inserting in this order never breaks a foreign key and two databases
 * of one schema give the same order. A cycle (which only deferred constraints could load) is refused.
 */
function foreignKeyOrder(all: Table[]): Table[] {
	const byName = new Map(all.map((t) => [t.name, t]));
	const ordered: Table[] = [];
	const placed = new Set<string>();
	let rest = [...all].sort((a, b) => (a.name < b.name ? -1 : 1));
	while (rest.length > 0) {
		const ready = rest.filter((t) => t.parents.every((p) => placed.has(p) || !byName.has(p)));
		if (ready.length === 0)
			throw new Error(`foreign keys form a cycle among ${rest.map((t) => t.name).join(', ')}`);
		for (const t of ready) placed.add(t.name);
		ordered.push(...ready);
		rest = rest.filter((t) => !placed.has(t.name));
	}
	return ordered;
}

interface OwnedSequence {
	table: string;
	column: string;
	sequence: string;
}

/** Sequences owned by a column (serial or identity) in the current schema. */
export function ownedSequences(q: Queryable): Promise<OwnedSequence[]> {
	return q.query<OwnedSequence>(
		`SELECT t.relname::text AS "table", a.attname::text AS "column", s.oid::regclass::text AS sequence
		 FROM pg_depend d
			JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
			JOIN pg_class t ON t.oid = d.refobjid
			JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
		 WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
			AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		 ORDER BY 1, 2`
	);
}

/** The migrations applied to this database, in order. */
export async function appliedMigrations(q: Queryable): Promise<string[]> {
	return (
		await q.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY version`)
	).map((r) => r.name);
}
