// Backups (issue 9): writing and restoring a year of a large ward, on PGlite and on PostgreSQL. On PGlite the snapshot
// transaction holds the one connection, so the longest wait of a query sent during the backup is measured too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { boot } from '$lib/server/boot';
import { restore, writeBackup } from '$lib/server/backup';
import { bootTest, freshDatabase, testConfig, type Engine } from '$lib/server/testing';
import { ms, s, type Row } from './report';
import { postgresUrl } from './sync';
import { DOSSIERS, RATINGS, seedLargeWard } from './ward';

const WRITE_TARGET_MS = 30_000;
const RESTORE_TARGET_MS = 120_000;
const MEMORY_TARGET_MB = 150;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs fn while a query is sent every 100 ms; returns fn's time, the longest a query waited, and the peak heap growth. */
async function watched(
	probe: () => Promise<unknown>,
	fn: () => Promise<unknown>
): Promise<{ ms: number; wait: number; heap: number }> {
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = heapBefore;
	let wait = 0;
	let done = false;
	const probing = (async () => {
		while (!done) {
			const t0 = performance.now();
			await probe();
			wait = Math.max(wait, performance.now() - t0);
			peak = Math.max(peak, process.memoryUsage().heapUsed);
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	const t0 = performance.now();
	await fn();
	const elapsed = performance.now() - t0;
	done = true;
	await probing;
	return { ms: elapsed, wait, heap: peak - heapBefore };
}

export async function backupBench(engine: Engine): Promise<{ rows: Row[]; notes: string[] }> {
	if (engine === 'postgres') process.env.TEST_DATABASE_URL = postgresUrl();
	const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
	const dir = await mkdtemp(path.join(os.tmpdir(), 'sanhso-bench-backup-'));
	const { db: source } = await bootTest(engine);
	try {
		await seedLargeWard(source);
		const file = path.join(dir, 'ward.ndjson.gz');
		let bytes = 0;
		const write = await watched(
			() => source.query('SELECT 1'),
			async () => (bytes = (await writeBackup(source, file)).bytes)
		);
		const target = await boot(testConfig(), await freshDatabase(engine));
		try {
			const load = await watched(
				() => Promise.resolve(),
				() => restore(target, file)
			);
			return {
				rows: [
					{
						measure: `${label}: write, sync, read back and check a backup`,
						figure: s(write.ms),
						target: `≤ ${s(WRITE_TARGET_MS)}`,
						pass: write.ms <= WRITE_TARGET_MS
					},
					{
						measure: `${label}: longest wait of a query sent during the backup`,
						figure: ms(write.wait),
						target: ''
					},
					{ measure: `${label}: backup file (gzip)`, figure: mb(bytes), target: '' },
					{
						measure: `${label}: restore into an empty database`,
						figure: s(load.ms),
						target: `≤ ${s(RESTORE_TARGET_MS)}`,
						pass: load.ms <= RESTORE_TARGET_MS
					},
					{
						measure: `${label}: heap growth, backup / restore`,
						figure: `${mb(write.heap)} / ${mb(load.heap)}`,
						target: `≤ ${MEMORY_TARGET_MB} MB`,
						pass: Math.max(write.heap, load.heap) <= MEMORY_TARGET_MB * 1024 * 1024
					}
				],
				notes: [
					`${label}: ${RATINGS.toLocaleString('en')} ratings, ${DOSSIERS.toLocaleString('en')} dossiers, a year of counters.`
				]
			};
		} finally {
			await target.close();
		}
	} finally {
		await source.close();
		await rm(dir, { recursive: true, force: true });
	}
}
