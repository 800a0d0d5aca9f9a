import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as throttle from './throttle';

describe('throttle delays', () => {
	it('no delay within the allowance, then one that doubles up to its cap', () => {
		const p = { free: 5, baseMs: 1000, capMs: 8000 };
		expect([0, 4, 5, 6, 7, 8, 9, 1000].map((n) => throttle.delayAfter(n, p))).toEqual([
			0, 0, 1000, 2000, 4000, 8000, 8000, 8000
		]);
	});
});

describe.each(engines)('throttle rows on %s', (engine) => {
	let db: Db;
	const now = new Date('2026-11-02T01:00:00Z');
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('two instances recording an attempt on one key at once: one gets it, the other is told a check is in flight', async () => {
		// record() is the database half of begin(), what a second app instance runs; its row lock and lease decide.
		const outcomes = await Promise.all(
			Array.from({ length: 8 }, () => throttle.record(['user:hai-may'], now))
		);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.filter((o) => !o.ok && o.reason === 'busy')).toHaveLength(7);
		const [row] = await db.query<{ failures: number }>(
			`SELECT failures FROM auth_throttle WHERE key = 'user:hai-may'`
		);
		expect(row.failures).toBe(1);
	});

	it('a lease left by a crashed check frees its key after 30 seconds; the failure stays counted', async () => {
		expect((await throttle.record(['user:sap'], now)).ok).toBe(true);
		expect(await throttle.record(['user:sap'], new Date(now.getTime() + 29_000))).toMatchObject({
			ok: false,
			reason: 'busy'
		});
		expect((await throttle.record(['user:sap'], new Date(now.getTime() + 30_000))).ok).toBe(true);
		const [row] = await db.query<{ failures: number }>(
			`SELECT failures FROM auth_throttle WHERE key = 'user:sap'`
		);
		expect(row.failures).toBe(2);
	});

	it('keys overlapping in opposite orders never deadlock', async () => {
		const pairs = Array.from({ length: 10 }, (_, i) =>
			i % 2 ? ['addr:x', 'user:y'] : ['user:y', 'addr:x']
		);
		const outcomes = await Promise.all(
			pairs.map(async (keys) => {
				const gate = await throttle.begin(keys, now);
				if (gate.ok) await throttle.fail(gate.ticket);
				return gate.ok;
			})
		);
		// Taking turns: the first five are checked, then the keys' delay refuses the rest. Nobody waits forever.
		expect(outcomes.filter(Boolean)).toHaveLength(5);
	});

	it('a success gives the other keys back what they had before the attempt', async () => {
		for (let i = 0; i < 3; i++) {
			const gate = await throttle.begin(['addr:z'], now);
			if (gate.ok) await throttle.fail(gate.ticket);
		}
		const gate = await throttle.begin(['addr:z', 'user:z'], now);
		if (!gate.ok) throw new Error(gate.reason);
		await throttle.succeed(gate.ticket, ['user:z']);
		const rows = await db.query<{ key: string; failures: number }>(
			`SELECT key, failures FROM auth_throttle WHERE key LIKE '%:z' ORDER BY key`
		);
		expect(rows).toEqual([{ key: 'addr:z', failures: 3 }]);
	});
});
