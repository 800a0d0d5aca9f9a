// Device clocks are wrong in every way (dead batteries, manual settings, drift): the time a report uses is the
// device's time corrected by its measured offset from the server, and never later than the server received it.

/** A corrected time further in the future than this is not believed: clamped and flagged. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface CorrectedTime {
	/** What reports use (epoch ms). */
	at: number;
	/** The time was more than FUTURE_TOLERANCE_MS after the server received it. */
	clamped: boolean;
}

/**
 * deviceTime + offset, where offset is the rating's own measured offset (server − device) or else the request's
 * (server receipt − device send time). A rating cannot have happened after it reached the server.
 */
export function correctedTime(deviceTime: number, ownOffset: number | null, requestOffset: number, receivedAt: number): CorrectedTime {
	const at = deviceTime + (ownOffset ?? requestOffset);
	if (at > receivedAt + FUTURE_TOLERANCE_MS) return { at: receivedAt, clamped: true };
	return { at: Math.min(at, receivedAt), clamped: false };
}
