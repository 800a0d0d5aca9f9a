// Sync ingestion on the server (issue 3): POST /api/v1/sync handled in this process, from the Request to the
// Response (auth, JSON, zod per item, insert, stuffing flags, device stats), on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RATING_LEVELS, type RatingInput } from '$lib/schemas/sync';
import { seededRandom } from '$lib/domain/random';
import { localDate } from '$lib/domain/vn-time';
import { bootTest, testConfig, type Engine } from '$lib/server/testing';
import { boot as bootServer } from '$lib/server/boot';
import type { Db } from '$lib/server/db';
import * as devices from '$lib/server/devices';
import { handleSync } from '$lib/server/sync';
import { median, ms, percentile, type Row } from './report';

const BATCH = 500;
const DEVICES_AT_ONCE = 100;
const INGEST_RATIO_TARGET = 0.5;
/** A quiet morning at the center: the ratings are 20 s to 2 min apart on each tablet. */
const T0 = Date.parse('2026-11-02T01:00:00Z');
const HOUR = 3_600_000;

/** Where the PostgreSQL figures come from; without it they are skipped, and the note says so. */
export const postgresUrl = (): string | undefined =>
	process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

/**
 * A database as the server runs it: PGlite in a data directory on disk (in memory, its file system copies a whole
 * table file each time the file outgrows its buffer, at random batches), or PostgreSQL.
 */
async function boot(engine: Engine): Promise<{ db: Db }> {
	if (engine === 'postgres') {
		// The test support makes a schema of its own on TEST_DATABASE_URL, and drops it at close.
		process.env.TEST_DATABASE_URL = postgresUrl();
		return bootTest(engine);
	}
	process.env.SANHSO_SILENT = '1';
	const dir = mkdtempSync(path.join(tmpdir(), 'sanhso-bench-'));
	const db = await bootServer(testConfig({ DATA_DIR: dir }));
	return {
		db: {
			...db,
			close: async () => {
				await db.close();
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

interface Device {
	id: string;
	token: string;
	clock: number;
}

/** The queue system's ticket numbers: one sequence for the whole center, starting again each local day. */
const issued = new Map<string, number>();
function nextTicket(at: number): string {
	const day = localDate(at);
	const n = (issued.get(day) ?? 0) + 1;
	issued.set(day, n);
	return `A${String(n).padStart(4, '0')}`;
}

async function pairDevices(n: number, label: string): Promise<Device[]> {
	const out: Device[] = [];
	const now = new Date(T0);
	for (let i = 0; i < n; i++) {
		const counter = String((i % 30) + 1);
		const { code } = await devices.createPairingCode(
			'test',
			{ name: `${label} ${i + 1}`, kind: 'counter', counter, field: 'Hộ tịch' },
			null,
			now
		);
		const paired = await devices.pair(code, `10.1.${Math.floor(i / 250)}.${i % 250}`, now);
		if (!paired.ok) throw new Error(`pairing for the bench failed: ${paired.message}`);
		out.push({ id: paired.config.deviceId, token: paired.token, clock: T0 });
	}
	return out;
}

/** One rating as a tablet makes it at `clock`: mostly satisfied, some with reasons and a comment. */
export function tabletRating(
	clock: number,
	random: () => number,
	ticket: string | null = null
): RatingInput {
	const level = random() < 0.9 ? RATING_LEVELS[Math.floor(random() * 2)] : 'khong_hai_long';
	return {
		id: randomUUID(),
		level,
		scale: 3,
		reasons: level === 'khong_hai_long' ? ['thoi_gian_cho'] : [],
		comment:
			level === 'khong_hai_long' && random() < 0.3 ? 'Chờ lâu quá, cần thêm quầy buổi sáng' : '',
		ticket,
		dossier: null,
		counter: '3',
		field: 'Hộ tịch',
		ratedAt: clock,
		clockOffsetMs: 0
	};
}

/** `n` ratings as a tablet makes them, half with the citizen's ticket number. */
function ratings(device: Device, n: number, random: () => number): RatingInput[] {
	return Array.from({ length: n }, () => {
		device.clock += 20_000 + Math.floor(random() * 100_000);
		return tabletRating(device.clock, random, random() < 0.5 ? nextTicket(device.clock) : null);
	});
}

function counts(device: Device) {
	const hour = device.clock - (device.clock % HOUR);
	return [
		{ hour, kind: 'catalogue' as const, key: 'list', count: 12 },
		{ hour, kind: 'view' as const, key: '1.001234', count: 5 },
		{ hour, kind: 'qr' as const, key: '1.001234', count: 2 }
	];
}

function request(device: Device, batch: RatingInput[], withCounts = true): Request {
	const body = {
		sentAt: device.clock + 1000,
		device: { appVersion: 'bench', backlog: batch.length, persistent: true },
		ratings: batch,
		counts: withCounts ? counts(device) : []
	};
	return new Request('http://bench/api/v1/sync', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
		body: JSON.stringify(body)
	});
}

async function sync(device: Device, batch: RatingInput[], withCounts = true): Promise<number> {
	const req = request(device, batch, withCounts);
	const t0 = performance.now();
	const res = await handleSync(req, new Date(device.clock + 1500));
	const reply = (await res.json()) as { acked?: string[] };
	const elapsed = performance.now() - t0;
	if (res.status !== 200 || reply.acked?.length !== batch.length)
		throw new Error(`sync answered ${res.status}: ${JSON.stringify(reply).slice(0, 200)}`);
	return elapsed;
}

/** The same rows written with nothing else: one INSERT of the batch into a copy of the ratings table. */
async function bareInsert(
	db: Db,
	deviceId: string,
	batch: RatingInput[],
	table = 'bench_bare'
): Promise<number> {
	const rows = batch.map((r) => ({
		id: r.id,
		level: r.level,
		scale: r.scale,
		reasons: r.reasons,
		comment: r.comment,
		ticket: r.ticket,
		dossier: r.dossier,
		counter: r.counter,
		field: r.field,
		device_time: new Date(r.ratedAt).toISOString(),
		rated_at: new Date(r.ratedAt).toISOString(),
		payload_hash: 'bench'
	}));
	const t0 = performance.now();
	await db.query(
		`INSERT INTO ${table} (id, center_id, device_id, counter, field, level, scale, reasons, comment, ticket, dossier,
			device_time, received_at, rated_at, clock_clamped, payload_hash)
		 SELECT x.id, 'test', $2, x.counter, x.field, x.level, x.scale, ARRAY(SELECT json_array_elements_text(x.reasons)), x.comment,
			x.ticket, x.dossier, x.device_time, now(), x.rated_at, false, x.payload_hash
		 FROM json_to_recordset($1::json) AS x(id uuid, counter text, field text, level text, scale int, reasons json, comment text,
			ticket text, dossier text, device_time timestamptz, rated_at timestamptz, payload_hash text)`,
		[JSON.stringify(rows), deviceId]
	);
	return performance.now() - t0;
}

export interface SyncBench {
	rows: Row[];
	notes: string[];
}

/** Batches of 500 through POST /api/v1/sync, each timed against a bare insert of the same rows just before it. */
export async function ingestion(engine: Engine, batches = 40): Promise<SyncBench> {
	const { db } = await boot(engine);
	try {
		// The ratings table as it is, keys, indexes, references and the trigger that keeps the per-day sums (migration
		// 014) included: only what sync does on top is compared. A second copy without the trigger says what the sums
		// cost every insert.
		for (const table of ['bench_bare', 'bench_plain']) {
			await db.query(`CREATE TABLE ${table} (LIKE ratings INCLUDING ALL)`);
			await db.query(
				`ALTER TABLE ${table} ADD FOREIGN KEY (center_id) REFERENCES centers (id), ADD FOREIGN KEY (device_id) REFERENCES devices (id)`
			);
		}
		await db.query(
			`CREATE TRIGGER bench_bare_rollups AFTER INSERT ON bench_bare REFERENCING NEW TABLE AS delta_rows
			 FOR EACH STATEMENT EXECUTE FUNCTION rating_rollups_apply('1')`
		);
		const random = seededRandom(20261123);
		const tablets = await pairDevices(20, 'Bench');
		let syncMs = 0;
		let bareMs = 0;
		let plainMs = 0;
		const perBatch: number[] = [];
		// Two warm-up batches, not counted: the first statements plan and the caches fill.
		for (let i = -2; i < batches; i++) {
			const tablet = tablets[(i + 2) % tablets.length];
			const batch = ratings(tablet, BATCH, random);
			const plain = await bareInsert(db, tablet.id, batch, 'bench_plain');
			const bare = await bareInsert(db, tablet.id, batch);
			const synced = await sync(tablet, batch);
			if (i < 0) continue;
			bareMs += bare;
			plainMs += plain;
			syncMs += synced;
			perBatch.push(synced);
		}
		const rows = batches * BATCH;
		const syncRate = rows / (syncMs / 1000);
		const bareRate = rows / (bareMs / 1000);
		const ratio = syncRate / bareRate;
		const plainRate = rows / (plainMs / 1000);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings');
		const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
		return {
			rows: [
				{
					measure: `${label}: sync ingestion, ${batches} batches of ${BATCH}`,
					figure: `${Math.round(syncRate).toLocaleString('en')} rows/s`,
					target: ''
				},
				{
					measure: `${label}: bare batch insert of the same rows`,
					figure: `${Math.round(bareRate).toLocaleString('en')} rows/s`,
					target: ''
				},
				{
					measure: `${label}: ratio sync / bare insert`,
					figure: ratio.toFixed(2),
					target: `≥ ${INGEST_RATIO_TARGET}`,
					pass: ratio >= INGEST_RATIO_TARGET
				},
				{
					measure: `${label}: one batch of ${BATCH}, median (p95)`,
					figure: `${ms(median(perBatch))} (${ms(
						percentile(
							[...perBatch].sort((a, b) => a - b),
							95
						)
					)})`,
					target: ''
				}
			],
			notes: [
				`${label}: ${n.toLocaleString('en')} ratings stored from 20 tablets (2 warm-up batches included)${engine === 'pglite' ? ', in a data directory on disk as the server keeps it' : ''}.`,
				`${label}: the bare insert into a copy without the per-day sums' trigger: ${Math.round(plainRate).toLocaleString('en')} rows/s (sync / that: ${(syncRate / plainRate).toFixed(2)}).`
			]
		};
	} finally {
		await db.close();
	}
}

/**
 * 100 tablets come back online together after an outage, each with 50 ratings kept; then each sends one new
 * rating at once, as after a busy minute. Latency of one request, from the Request to the Response.
 */
export async function manyDevices(engine: Engine): Promise<SyncBench> {
	const { db } = await boot(engine);
	try {
		const random = seededRandom(7);
		const tablets = await pairDevices(DEVICES_AT_ONCE, 'Quầy');
		const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
		const rows: Row[] = [];
		for (const [what, size] of [
			['after an outage, 50 ratings each', 50],
			['1 new rating each', 1]
		] as const) {
			const batches = tablets.map((t) => ratings(t, size, random));
			const t0 = performance.now();
			const times = await Promise.all(tablets.map((t, i) => sync(t, batches[i])));
			const wall = performance.now() - t0;
			const sorted = times.sort((a, b) => a - b);
			rows.push({
				measure: `${label}: ${DEVICES_AT_ONCE} devices at once, ${what}: batch latency p50 / p95 / max`,
				figure: `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(sorted[sorted.length - 1])}`,
				target: ''
			});
			rows.push({
				measure: `${label}: ${DEVICES_AT_ONCE} devices at once, ${what}: all done`,
				figure: ms(wall),
				target: ''
			});
		}
		return { rows, notes: [] };
	} finally {
		await db.close();
	}
}
