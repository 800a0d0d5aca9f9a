import { describe, expect, it } from 'vitest';
import { afterOutcome, REVOKED_MESSAGE } from './sync-outcome';
import { BACKOFF_MIN_MS } from './sync/engine';

const NOW = 1_780_000_000_000;
const fresh = (failures = 0) => ({ failures, notBefore: 0, lastError: null });

describe('afterOutcome', () => {
	it('a finished run clears the failures, the wait and the message, and says the network is there', () => {
		expect(
			afterOutcome({ kind: 'done', sent: 3, acked: 3, refused: 0 }, fresh(4), NOW, Math.random)
		).toEqual({ failures: 0, notBefore: 0, lastError: null, online: true, revoked: false });
	});

	it('a lost connection counts a failure, waits, and marks the device offline', () => {
		const next = afterOutcome({ kind: 'retry', status: null, message: '' }, fresh(), NOW, () => 1);
		expect(next.failures).toBe(1);
		expect(next.notBefore).toBe(NOW + BACKOFF_MIN_MS);
		expect(next.online).toBe(false);
		expect(next.lastError).toBe('Chưa gửi được: mất kết nối tới máy chủ. Sẽ tự thử lại.');
	});

	it('a server error waits longer each time and names the status, without saying the network is gone', () => {
		const first = afterOutcome({ kind: 'retry', status: 503, message: '' }, fresh(), NOW, () => 1);
		const third = afterOutcome({ kind: 'retry', status: 503, message: '' }, fresh(2), NOW, () => 1);
		expect(third.notBefore - NOW).toBeGreaterThan(first.notBefore - NOW);
		expect(third.lastError).toBe('Chưa gửi được (lỗi 503). Sẽ tự thử lại.');
		expect(third.online).toBeNull();
	});

	it('a revoked or unknown pairing stops sending and tells staff to pair again', () => {
		for (const kind of ['revoked', 'unauthorized'] as const) {
			const before = { failures: 2, notBefore: NOW + 9_000, lastError: null };
			const next = afterOutcome({ kind }, before, NOW, Math.random);
			expect(next.revoked).toBe(true);
			expect(next).toMatchObject({ failures: 2, notBefore: NOW + 9_000 });
			expect(next.lastError).toBe(REVOKED_MESSAGE);
		}
	});
});
