// A new embedded database starts from a template made at build time (`npm run build`): PGlite's data directory just
// after initdb and every migration, as a tarball. Unpacking it takes a fraction of initdb's seconds and none of its
// memory; a template made by other migrations than these is ignored, and migrate() runs after either way.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { migrate, migrations } from './migrate';
import { openPgliteWorker } from './worker';

export const TEMPLATE = 'build/pglite-template.tar.gz';

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

const BLOCK = 512;

/** Unpacks a template (PGlite's tar: directories and plain files) into `dir`, which must be empty. */
export function unpack(tarball: Uint8Array, dir: string): void {
	const tar = gunzipSync(tarball);
	const root = path.resolve(dir);
	const text = (at: number, length: number) =>
		tar
			.subarray(at, at + length)
			.toString('utf8')
			.replace(/\0.*$/s, '');
	for (let at = 0; at + BLOCK <= tar.length;) {
		const name = text(at, 100);
		if (!name) break; // the zero blocks at the end
		const prefix = text(at + 345, 155);
		const size = parseInt(text(at + 124, 12).trim() || '0', 8);
		const mode = parseInt(text(at + 100, 8).trim() || '600', 8);
		const type = text(at + 156, 1) || '0';
		const target = path.resolve(root, `./${prefix ? `${prefix}/` : ''}${name}`);
		if (target !== root && !target.startsWith(root + path.sep))
			throw new Error(`template entry outside its directory: ${name}`);
		const body = at + BLOCK;
		if (type === '5') mkdirSync(target, { recursive: true, mode });
		else if (type === '0') {
			mkdirSync(path.dirname(target), { recursive: true });
			writeFileSync(target, tar.subarray(body, body + size), { mode });
		}
		at = body + Math.ceil(size / BLOCK) * BLOCK;
	}
}
