// Applies the numbered .sql files in ./migrations once each, in order; safe to run twice and from two instances.
import type { Db } from './client';

const files = import.meta.glob('./migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = Object.entries(files)
	.map(([path, sql]) => {
		const name = path.split('/').pop() ?? path;
		const match = /^(\d+)_/.exec(name);
		if (!match) throw new Error(`migration file without a number: ${name}`);
		return { version: Number(match[1]), name, sql };
	})
	.sort((a, b) => a.version - b.version);

// Any fixed number: every instance takes the same lock, so only one migrates at a time.
const MIGRATION_LOCK = 727_001;

export async function migrate(db: Db): Promise<string[]> {
	// Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can collide on PostgreSQL.
	await db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY,
			name text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
	});
	const applied: string[] = [];
	for (const m of migrations) {
		const done = await db.transaction(async (tx) => {
			await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
				m.version
			]);
			if (rows.length > 0) return false;
			for (const statement of splitStatements(m.sql)) await tx.query(statement);
			await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
				m.version,
				m.name
			]);
			return true;
		});
		if (done) applied.push(m.name);
	}
	return applied;
}

/**
 * Splits a migration into statements at each `;`, except inside a dollar-quoted body ($$ … $$, a function's), which
 * is kept whole. Comments are dropped first; our migrations keep `;` and `--` out of strings.
 */
export function splitStatements(sql: string): string[] {
	const statements: string[] = [];
	let current = '';
	sql
		.replace(/--[^\n]*/g, '')
		.split('$$')
		.forEach((part, i) => {
			if (i % 2 === 1) {
				current += `$$${part}$$`;
				return;
			}
			const [first, ...rest] = part.split(';');
			current += first;
			for (const piece of rest) {
				statements.push(current);
				current = piece;
			}
		});
	statements.push(current);
	return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
