import { describe, expect, it } from 'vitest';
import { correctedTime, FUTURE_TOLERANCE_MS, trustedOffset } from './clock';

const received = Date.UTC(2026, 10, 23, 3, 0, 0);

describe('correctedTime', () => {
	it('a device two hours slow is corrected by its own measured offset', () => {
		const device = received - 2 * 3_600_000 - 60_000;
		expect(correctedTime(device, 2 * 3_600_000, 0, received)).toEqual({
			at: received - 60_000,
			clamped: false
		});
	});

	it('without a measured offset the request offset is used (a tablet whose clock says 1970)', () => {
		const sentAt = 10_000;
		const device = 4_000;
		expect(correctedTime(device, null, received - sentAt, received)).toEqual({
			at: received - 6_000,
			clamped: false
		});
	});

	it('a time more than five minutes in the future is clamped to the receipt time and flagged', () => {
		expect(correctedTime(received + FUTURE_TOLERANCE_MS + 1, 0, 0, received)).toEqual({
			at: received,
			clamped: true
		});
	});

	it('a time slightly in the future is set to the receipt time without a flag', () => {
		expect(correctedTime(received + 30_000, 0, 0, received)).toEqual({
			at: received,
			clamped: false
		});
	});
});

describe('trustedOffset', () => {
	const HOUR = 3_600_000;

	it("a rating's offset within minutes of the request's measurement is used as it is", () => {
		expect(trustedOffset(received - HOUR, 2 * HOUR + 30_000, 2 * HOUR, [])).toBe(2 * HOUR + 30_000);
	});

	it('an offset of years that no measurement justifies gives way to the request offset', () => {
		expect(trustedOffset(received - HOUR, -1e11, 1_000, [])).toBe(1_000);
		expect(
			trustedOffset(received - HOUR, 1e11, 1_000, [{ offsetMs: 0, firstAt: received - 10 * HOUR }])
		).toBe(1_000);
	});

	it('an offset the server measured in an earlier era stands for a rating made after that measurement', () => {
		const eras = [{ offsetMs: 2 * HOUR, firstAt: received - 5 * HOUR }];
		expect(trustedOffset(received - 6 * HOUR, 2 * HOUR, 0, eras)).toBe(2 * HOUR);
	});

	it('a stale offset carried over a clock reset to 1970 is not believed', () => {
		const eras = [{ offsetMs: 200, firstAt: received - 24 * HOUR }];
		const requestOffset = received - 3 * HOUR; // the device says 03:00 on 1 January 1970
		expect(trustedOffset(HOUR, 200, requestOffset, eras)).toBe(requestOffset);
	});
});
