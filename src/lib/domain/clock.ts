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
export function correctedTime(
	deviceTime: number,
	ownOffset: number | null,
	requestOffset: number,
	receivedAt: number
): CorrectedTime {
	const at = deviceTime + (ownOffset ?? requestOffset);
	if (at > receivedAt + FUTURE_TOLERANCE_MS) return { at: receivedAt, clamped: true };
	return { at: Math.min(at, receivedAt), clamped: false };
}

/** How far a rating's claimed offset may stray from one the server measured itself, and the width of a clock era. */
export const OFFSET_TOLERANCE_MS = 5 * 60_000;

/** An offset the server measured for a device (receipt − sentAt), and when it first saw it (epoch ms). */
export interface ClockEra {
	offsetMs: number;
	firstAt: number;
}

/**
 * The offset a rating's time is corrected by. The server trusts its own measurements: this request's offset, or one
 * of the device's earlier eras. A rating's own claimed offset is used only when it is within OFFSET_TOLERANCE_MS of
 * one of them and, for an earlier era, when the rating lands after the server first saw that offset (the device
 * learned it from a reply). Anything else (a claim of years, or a stale offset carried over a clock reset to 1970)
 * gives way to the request's own measurement.
 */
export function trustedOffset(
	deviceTime: number,
	claimed: number | null,
	requestOffset: number,
	eras: readonly ClockEra[]
): number {
	if (claimed === null) return requestOffset;
	if (Math.abs(claimed - requestOffset) <= OFFSET_TOLERANCE_MS) return claimed;
	const justified = eras.some(
		(e) =>
			Math.abs(claimed - e.offsetMs) <= OFFSET_TOLERANCE_MS &&
			deviceTime + claimed >= e.firstAt - OFFSET_TOLERANCE_MS
	);
	return justified ? claimed : requestOffset;
}
