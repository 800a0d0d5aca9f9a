// POST /api/v1/sync under 10,000 malformed requests: never a 5xx, and nothing written by anything refused. Every text
// may carry control characters, lone surrogates or odd Unicode, every number may be huge (issue 10).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as devices from '../devices';
import { handleSync } from '.';

const NOW = new Date('2026-11-23T03:00:00Z');
const RUNS = 10_000;

/** Text a person never types, and text from odd corners of Unicode that is fine. */
const oddText = () =>
	fc.oneof(
		fc.string({ maxLength: 30 }),
		fc.string({ unit: 'binary', maxLength: 30 }),
		fc.constantFrom(
			'\u0000',
			'a\u0000b',
			'\u0007',
			'\u001b[31m',
			'\uD800',
			'x\uDC00',
			'\uFFFF',
			'\u2028',
			'\u0085',
			'ＨＳＸ－７７',
			'HSX\u201077',
			'\u202Eabc',
			'e\u0301',
			'🙂'.repeat(30),
			'\u200B'
		)
	);
/** Numbers past every range a field allows, and the floating-point oddities JSON can carry. */
const hugeNumber = () =>
	fc.oneof(
		fc.constantFrom(
			1e9,
			1e11,
			-1e11,
			2 ** 31,
			2 ** 31 - 1,
			2 ** 53,
			Number.MAX_SAFE_INTEGER,
			-Number.MAX_SAFE_INTEGER,
			1e308,
			-0,
			5e-324,
			0.5
		),
		fc.double(),
		fc.integer()
	);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null));

const goodRating = () =>
	fc.record({
		id: fc.constant(null).map(() => randomUUID()),
		level: fc.constantFrom('rat_hai_long', 'hai_long', 'khong_hai_long'),
		scale: fc.constant(3),
		reasons: fc.constant([]),
		comment: fc.string({ maxLength: 30 }),
		ticket: fc.constant(null),
		dossier: fc.constant(null),
		counter: fc.constant('1'),
		field: fc.constant('Hộ tịch'),
		ratedAt: fc.integer({ min: NOW.getTime() - 86_400_000, max: NOW.getTime() }),
		clockOffsetMs: fc.constant(0)
	});

/** A rating whose every text and number may be odd: what the schema lets through is stored, the rest refused alone. */
const oddRating = () =>
	fc.record({
		id: fc.constant(null).map(() => randomUUID()),
		level: fc.constantFrom('rat_hai_long', 'hai_long', 'khong_hai_long'),
		scale: fc.constant(3),
		reasons: fc.constant([]),
		comment: oddText(),
		ticket: nullable(oddText()),
		dossier: nullable(oddText()),
		counter: nullable(oddText()),
		field: nullable(oddText()),
		ratedAt: fc.oneof(
			fc.integer({ min: NOW.getTime() - 86_400_000, max: NOW.getTime() }),
			hugeNumber()
		),
		clockOffsetMs: nullable(hugeNumber())
	});

/** A rating with one field broken in some way. */
const badRating = () =>
	fc
		.tuple(
			goodRating(),
			fc.constantFrom(
				'id',
				'level',
				'scale',
				'reasons',
				'comment',
				'ticket',
				'ratedAt',
				'clockOffsetMs',
				'extra'
			),
			fc.anything()
		)
		.map(([r, key, value]) => {
			if (key === 'extra') return { ...r, id: 'not-a-uuid', sneaky: value };
			const broken: Record<string, unknown> = { ...r, [key]: value };
			if (key === 'comment')
				broken.comment = typeof value === 'string' ? value.padEnd(501, 'x') : value;
			if (key === 'id' && typeof value === 'string') broken.id = value.slice(0, 10);
			return broken;
		});

const item = () =>
	fc.oneof(
		{ weight: 3, arbitrary: badRating() },
		{ weight: 1, arbitrary: goodRating() },
		{ weight: 2, arbitrary: oddRating() },
		{ weight: 1, arbitrary: fc.anything() }
	);

const HOUR = 3_600_000;
const count = () =>
	fc.oneof(
		fc.record({ hour: fc.integer(), kind: fc.string(), key: fc.string(), count: fc.integer() }),
		fc.record({
			hour: fc.oneof(
				fc
					.integer({ min: 0, max: 48 })
					.map((h) => Math.floor(NOW.getTime() / HOUR) * HOUR - h * HOUR),
				hugeNumber()
			),
			kind: fc.constantFrom('view', 'qr', 'catalogue'),
			key: oddText(),
			count: fc.oneof(fc.integer({ min: 0, max: 5000 }), hugeNumber())
		}),
		fc.anything()
	);

describe.each(engines)('fuzzing POST /api/v1/sync on %s', (engine) => {
	let db: Db;
	let token = '';
	let revoked = '';
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		const pair = async (name: string) => {
			const { code } = await devices.createPairingCode(
				'test',
				{ name, kind: 'counter', counter: '1', field: null },
				null,
				NOW
			);
			const p = await devices.pair(code, name, NOW);
			if (!p.ok) throw new Error(p.message);
			return p;
		};
		token = (await pair('fuzz')).token;
		const r = await pair('fuzz-revoked');
		await devices.revoke('test', r.config.deviceId);
		revoked = r.token;
	});
	afterAll(() => db.close());

	it(`answers ${RUNS.toLocaleString('en')} malformed requests without a 5xx, storing only what it acknowledged`, async () => {
		const acked = new Set<string>();
		const statuses = new Map<number, number>();
		const auth = fc.oneof(
			{ weight: 6, arbitrary: fc.constant(() => `Bearer ${token}`) },
			{ weight: 1, arbitrary: fc.constant(() => `Bearer ${revoked}`) },
			{ weight: 1, arbitrary: fc.constant(() => '') },
			{ weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => () => `Bearer ${s}`) },
			{
				weight: 1,
				arbitrary: fc.constantFrom(
					() => 'Basic YWRtaW46YWRtaW4=',
					() => `bearer ${token}`,
					() => token
				)
			}
		);
		const envelope = fc.record({
			sentAt: fc.oneof(fc.constant(NOW.getTime()), fc.anything()),
			device: fc.oneof(
				fc.constant({ appVersion: 'f', backlog: 1, persistent: null }),
				fc.record({
					appVersion: oddText(),
					backlog: fc.oneof(fc.nat(1000), hugeNumber()),
					persistent: fc.constantFrom(true, false, null)
				}),
				fc.anything()
			),
			ratings: fc.oneof(fc.array(item(), { maxLength: 8 }), fc.anything()),
			counts: fc.oneof(fc.array(count(), { maxLength: 4 }), fc.anything())
		});
		const body = fc.oneof(
			{ weight: 6, arbitrary: envelope.map((e) => JSON.stringify(e)) },
			{ weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
			{ weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
			{
				weight: 1,
				arbitrary: fc.integer({ min: 501, max: 900 }).map((n) =>
					JSON.stringify({
						sentAt: NOW.getTime(),
						device: { appVersion: 'f', backlog: 0, persistent: null },
						ratings: Array(n).fill({}),
						counts: []
					})
				)
			},
			{
				weight: 1,
				arbitrary: fc.integer({ min: 50, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n))
			},
			{
				weight: 1,
				arbitrary: fc.constant(null).map(() =>
					JSON.stringify({
						sentAt: 1,
						device: { appVersion: 'x'.repeat(3_000_000), backlog: 0, persistent: null },
						ratings: [],
						counts: []
					})
				)
			}
		);
		const contentType = fc.constantFrom(
			'application/json',
			'text/plain',
			'application/x-www-form-urlencoded',
			''
		);
		await fc.assert(
			fc.asyncProperty(auth, body, contentType, async (authOf, text, type) => {
				const headers: Record<string, string> = {};
				const a = authOf();
				if (a) headers.authorization = a;
				if (type) headers['content-type'] = type;
				const res = await handleSync(
					new Request('http://local/api/v1/sync', { method: 'POST', headers, body: text }),
					NOW
				);
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
				expect(res.status).toBeLessThan(500);
				if (res.status === 200)
					for (const id of ((await res.json()) as { acked: string[] }).acked) acked.add(id);
			}),
			{ numRuns: RUNS, seed: 4242 }
		);
		const stored = await db.query<{ id: string }>('SELECT id::text AS id FROM ratings');
		expect(new Set(stored.map((r) => r.id))).toEqual(acked);
		// No count above the ceiling was stored, and every stored text is free of control characters.
		const [{ top }] = await db.query<{ top: number | null }>(
			'SELECT max(count) AS top FROM counters'
		);
		expect(top ?? 0).toBeLessThanOrEqual(3600);
		const texts = await db.query<{ t: string }>(
			`SELECT unnest(ARRAY[comment, ticket, dossier, counter, field]) AS t FROM ratings
			 UNION ALL SELECT key FROM counters UNION ALL SELECT app_version FROM devices WHERE app_version IS NOT NULL`
		);
		expect(
			texts.filter(
				// eslint-disable-next-line no-control-regex -- a stored control character is what this looks for
				(r) => r.t !== null && /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(r.t)
			)
		).toEqual([]);
		// The run must have exercised every kind of answer, or it proved little.
		for (const status of [200, 400, 401, 413])
			expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
	}, 300_000);
});
