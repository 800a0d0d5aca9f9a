// The staff PIN's rules, the same on the server and the tablet: its length, the PINs too easy to guess, and how long
// a device waits after wrong PINs (the server per device token, the tablet in its own storage).

/** Digits of a PIN an admin sets now. PINs of 4 or 5 digits set before this rule are still checked, by the server only. */
export const PIN_MIN = 6;
export const PIN_MAX = 8;
/** What a check accepts: a PIN of the old rule is checked too, until the admin sets a new one. */
export const CHECKABLE_PIN = /^\d{4,8}$/;

/** The wait after 1, 2, 3… consecutive wrong PINs (seconds); the last one holds from then on. */
export const PIN_WAITS_S = [0, 5, 30, 60, 300, 900] as const;

/** How long to wait before the next try after `failures` consecutive wrong PINs (ms). */
export function pinWaitMs(failures: number): number {
	if (failures <= 0) return 0;
	return PIN_WAITS_S[Math.min(failures, PIN_WAITS_S.length) - 1] * 1000;
}

/** A PIN anyone would try first: one digit repeated, or digits running up or down (123456, 987654). */
export function guessablePin(pin: string): boolean {
	const steps = new Set([...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10));
	return steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9));
}

/** "45 giây", "5 phút": a wait as staff read it, rounded up. */
export function waitText(ms: number): string {
	const s = Math.max(1, Math.ceil(ms / 1000));
	return s < 60 ? `${s} giây` : `${Math.ceil(s / 60)} phút`;
}

/** The message after a wrong PIN, or while a wait lasts. */
export function wrongPinMessage(waitMs: number, wrongNow: boolean): string {
	const head = wrongNow ? 'Mã PIN không đúng.' : 'Đã nhập sai mã PIN nhiều lần.';
	return waitMs > 0
		? `${head} Vui lòng chờ ${waitText(waitMs)} rồi thử lại.`
		: `${head} Vui lòng nhập lại.`;
}
