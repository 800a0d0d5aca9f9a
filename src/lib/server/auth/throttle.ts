// Sign-in throttling: too many failures for one username or one client address in a window → wait.
// Kept in the database (login_failures) so every app instance of a city sees the same counts.
import { db } from '../db';

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
const WINDOW_MS = WINDOW_MINUTES * 60_000;

/** The keys one attempt counts against: its username (known or not, so names cannot be probed) and its address. */
export function keys(username: string, address: string): string[] {
	return [`user:${username}`, `addr:${address}`];
}

/** When the attempt may be made again, or null when it may be made now. `limits` raises a key's allowance (a global key). */
export async function blockedUntil(attemptKeys: string[], now = new Date(), limits: Record<string, number> = {}): Promise<Date | null> {
	const rows = await (await db()).query<{ key: string; at: Date }>(
		'SELECT key, at FROM login_failures WHERE key = ANY($1::text[]) AND at > $2 ORDER BY at DESC',
		[attemptKeys, new Date(now.getTime() - WINDOW_MS)]
	);
	let until: Date | null = null;
	for (const key of attemptKeys) {
		const recent = rows.filter((r) => r.key === key);
		const max = limits[key] ?? MAX_FAILURES;
		if (recent.length < max) continue;
		// Free again once the max-th most recent failure leaves the window.
		const free = new Date(new Date(recent[max - 1].at).getTime() + WINDOW_MS);
		if (!until || free > until) until = free;
	}
	return until;
}

export async function recordFailure(attemptKeys: string[], now = new Date()): Promise<void> {
	await (await db()).transaction(async (tx) => {
		await tx.query('DELETE FROM login_failures WHERE at <= $1', [new Date(now.getTime() - WINDOW_MS)]);
		for (const key of attemptKeys) await tx.query('INSERT INTO login_failures (key, at) VALUES ($1, $2)', [key, now]);
	});
}

/** After a success, forget that name's failures; the address's stay, so one good account cannot reset a guesser. */
export async function clear(key: string): Promise<void> {
	await (await db()).query('DELETE FROM login_failures WHERE key = $1', [key]);
}

export function waitMessage(until: Date, now = new Date(), what = 'Đăng nhập sai'): string {
	const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
	return `${what} quá nhiều lần. Vui lòng chờ ${minutes} phút rồi thử lại.`;
}
