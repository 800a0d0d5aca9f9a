// A new embedded database starts from a template made at build time (`npm run build`): PGlite's data directory just
// after initdb and every migration, as a tarball. Unpacking it takes a fraction of initdb's seconds; a template made
// by other migrations than these is ignored, and migrate() runs after either way.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrate, migrations } from './migrate';
import { openPgliteWorker } from './worker';

const TEMPLATE = 'build/pglite-template.tar.gz';

/** What the template was made of: each migration's name and content. */
function fingerprint(): string {
	const hash = createHash('sha256');
	for (const m of migrations) hash.update(`${m.name}\n${m.sql}\n`);
	return hash.digest('hex');
}

const sidecar = (file: string) => `${file}.json`;

/** The template for these migrations, if the build made one. */
export function template(file = path.resolve(TEMPLATE)): Uint8Array | undefined {
	try {
		if (!existsSync(file)) return undefined;
		const made = JSON.parse(readFileSync(sidecar(file), 'utf8')) as { migrations?: string };
		return made.migrations === fingerprint() ? readFileSync(file) : undefined;
	} catch {
		return undefined;
	}
}

/** Makes the template: initdb and every migration in memory, dumped to `file`. */
export async function makeTemplate(file = path.resolve(TEMPLATE)): Promise<number> {
	const db = await openPgliteWorker(undefined);
	try {
		await migrate(db);
		const tarball = await db.dump();
		writeFileSync(file, tarball);
		writeFileSync(sidecar(file), JSON.stringify({ migrations: fingerprint() }));
		return tarball.length;
	} finally {
		await db.close();
	}
}
