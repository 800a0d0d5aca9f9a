// Vitest's global setup: the migrated PGlite template (src/lib/server/db/template.ts), made once per run when the
// build has not made it for these migrations. Each server test's database and each CLI test's new data directory then
// start from a copy instead of running initdb and every migration again, seconds each on a busy two-core machine.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeTemplate, template, TEMPLATE } from '../src/lib/server/db/template';

export default async function setup(): Promise<void> {
	if (template()) return;
	process.env.SANHSO_SILENT = '1';
	mkdirSync(path.dirname(path.resolve(TEMPLATE)), { recursive: true });
	await makeTemplate();
}
