import { describe, expect, it } from 'vitest';
import { correctedTime, FUTURE_TOLERANCE_MS } from './clock';

const received = Date.UTC(2026, 10, 23, 3, 0, 0);

describe('correctedTime', () => {
	it('a device two hours slow is corrected by its own measured offset', () => {
		const device = received - 2 * 3_600_000 - 60_000;
		expect(correctedTime(device, 2 * 3_600_000, 0, received)).toEqual({ at: received - 60_000, clamped: false });
	});

	it('without a measured offset the request offset is used (a tablet whose clock says 1970)', () => {
		const sentAt = 10_000;
		const device = 4_000;
		expect(correctedTime(device, null, received - sentAt, received)).toEqual({ at: received - 6_000, clamped: false });
	});

	it('a time more than five minutes in the future is clamped to the receipt time and flagged', () => {
		expect(correctedTime(received + FUTURE_TOLERANCE_MS + 1, 0, 0, received)).toEqual({ at: received, clamped: true });
	});

	it('a time slightly in the future is set to the receipt time without a flag', () => {
		expect(correctedTime(received + 30_000, 0, 0, received)).toEqual({ at: received, clamped: false });
	});
});
