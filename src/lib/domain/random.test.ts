import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';

describe('seededRandom', () => {
	it('gives the same sequence for the same seed, another for another seed, all in [0, 1)', () => {
		const a = Array.from({ length: 1000 }, seededRandom(42));
		const b = Array.from({ length: 1000 }, seededRandom(42));
		const c = Array.from({ length: 1000 }, seededRandom(43));
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
		expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
		// Spread over the interval, not stuck: each tenth gets a fair share.
		const tenths = Array(10).fill(0);
		for (const x of a) tenths[Math.floor(x * 10)]++;
		expect(Math.min(...tenths)).toBeGreaterThan(60);
	});
});
