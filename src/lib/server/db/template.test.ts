import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrate';
import { makeTemplate, template, unpack } from './template';
import { openPgliteWorker } from './worker';

let dir: string;
let file: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-template-'));
	file = path.join(dir, 'template.tar.gz');
	await makeTemplate(file);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the build-time template of a new embedded database', () => {
	it('starts a new data directory already migrated, and its data is then its own', async () => {
		const made = template(file);
		if (!made) throw new Error('no template');
		unpack(made, path.join(dir, 'data'));
		const db = await openPgliteWorker(path.join(dir, 'data'));
		try {
			const rows = await db.query<{ version: number }>(
				'SELECT version FROM schema_migrations ORDER BY version'
			);
			expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
			expect(await migrate(db)).toEqual([]);
			await db.query(`INSERT INTO centers (id, name, level) VALUES ('x', 'Trung tâm', 'xa')`);
		} finally {
			await db.close();
		}
		const reopened = await openPgliteWorker(path.join(dir, 'data'));
		try {
			expect(await reopened.query('SELECT id FROM centers')).toEqual([{ id: 'x' }]);
		} finally {
			await reopened.close();
		}
	});

	it('is ignored when it was made by other migrations than these', async () => {
		await writeFile(`${file}.json`, JSON.stringify({ migrations: 'made-by-an-older-build' }));
		expect(template(file)).toBeUndefined();
		expect(template(path.join(dir, 'missing.tar.gz'))).toBeUndefined();
	});
});
