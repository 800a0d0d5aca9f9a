import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { inTurn } from './heavy';

describe.each(engines)('report builds in turn, %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('runs at most the engine’s number at once, every one of them, in the order they came', async () => {
		let running = 0;
		let most = 0;
		const finished: number[] = [];
		await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				inTurn(async () => {
					running++;
					most = Math.max(most, running);
					await new Promise((r) => setTimeout(r, 5));
					running--;
					finished.push(i);
				})
			)
		);
		expect(most).toBe(engine === 'pglite' ? 1 : 4);
		expect(finished).toHaveLength(12);
		if (engine === 'pglite') expect(finished).toEqual([...finished].sort((a, b) => a - b));
	});

	it('a build that fails gives its turn to the next', async () => {
		const failed = inTurn(async () => {
			throw new Error('boom');
		});
		await expect(failed).rejects.toThrow('boom');
		await expect(inTurn(async () => 'next')).resolves.toBe('next');
	});
});
