// What one run of the sync engine means for the schedule and for staff: when to try again, and the words on screen.
// Pure (clock and randomness passed in), so the backoff and the messages are tested without a browser.
import { backoffDelay, type SyncOutcome } from './sync/engine';

export interface ScheduleState {
	/** Failed runs in a row. */
	failures: number;
	/** No scheduled run before this moment (epoch ms); a regained network or staff's "Gửi ngay" do not wait. */
	notBefore: number;
	lastError: string | null;
}

export interface AfterOutcome extends ScheduleState {
	/** What the run says about the network: true or false when it tells, null when it does not. */
	online: boolean | null;
	revoked: boolean;
}

export const REVOKED_MESSAGE =
	'Thiết bị đã bị thu hồi hoặc chưa ghép nối. Đánh giá vẫn được giữ trên máy; nhờ quản trị viên ghép nối lại.';

export function afterOutcome(
	outcome: SyncOutcome,
	before: ScheduleState,
	now: number,
	random: () => number
): AfterOutcome {
	if (outcome.kind === 'done')
		return { failures: 0, notBefore: 0, lastError: null, online: true, revoked: false };
	if (outcome.kind === 'retry') {
		const next = before.failures + 1;
		return {
			failures: next,
			notBefore: now + backoffDelay(next, random),
			lastError:
				outcome.status === null
					? 'Chưa gửi được: mất kết nối tới máy chủ. Sẽ tự thử lại.'
					: `Chưa gửi được (lỗi ${outcome.status}). Sẽ tự thử lại.`,
			online: outcome.status === null ? false : null,
			revoked: false
		};
	}
	// Revoked, or a token the server does not know: nothing is sent until staff pair the device again.
	return { ...before, lastError: REVOKED_MESSAGE, online: null, revoked: true };
}
