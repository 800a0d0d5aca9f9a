// Pairing codes are guessed per address: one address's guesses delay that address only, never pairing elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as devices from '.';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const tablet = { name: 'Quầy 1', kind: 'counter' as const, counter: '1', field: null };

describe.each(engines)('the pairing throttle on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('50 wrong codes from one address do not block pairing from other addresses', async () => {
		const guesses = [];
		for (let i = 0; i < 50; i++)
			guesses.push(await devices.pair(String(200000 + i), '10.7.0.1', at(i)));
		expect(guesses.filter((g) => !g.ok && g.status === 400)).toHaveLength(5);
		const { code } = await devices.createPairingCode('test', tablet, null, at(50));
		expect(await devices.pair(code, '10.7.0.1', at(50))).toMatchObject({ ok: false, status: 429 });
		expect((await devices.pair(code, '10.7.0.2', at(50))).ok).toBe(true);
	});

	it('concurrent guesses from one address: the attempt is counted before the code is looked up, at most 5 checked', async () => {
		const outcomes = await Promise.all(
			Array.from({ length: 30 }, (_, i) => devices.pair(String(100000 + i), '10.7.1.1', at(0)))
		);
		const checked = outcomes.filter((o) => !o.ok && o.status === 400);
		expect(checked.length).toBeLessThanOrEqual(5);
		expect(outcomes.filter((o) => !o.ok && o.status === 429)).toHaveLength(30 - checked.length);
	});

	it('a device pairing successfully does not count as a failure of its address', async () => {
		for (let i = 0; i < 4; i++) await devices.pair('000000', '10.7.2.1', at(i));
		for (let i = 0; i < 3; i++) {
			const { code } = await devices.createPairingCode(
				'test',
				{ ...tablet, name: `Quầy ${i}` },
				null,
				at(10)
			);
			expect((await devices.pair(code, '10.7.2.1', at(10 + i))).ok).toBe(true);
		}
		const [{ failures }] = await db.query<{ failures: number }>(
			`SELECT failures FROM auth_throttle WHERE key = 'pair:10.7.2.1'`
		);
		expect(failures).toBe(4);
	});
});
