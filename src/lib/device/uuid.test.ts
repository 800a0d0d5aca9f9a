import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid';

describe('uuidv7', () => {
	it('is a version 7, variant 10 UUID that sorts by creation time', () => {
		const a = uuidv7(1_763_860_000_000);
		const b = uuidv7(1_763_860_000_001);
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(a < b).toBe(true);
		expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(1_763_860_000_000);
	});

	it('two ids made in the same millisecond differ', () => {
		const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(5)));
		expect(ids.size).toBe(1000);
	});
});
