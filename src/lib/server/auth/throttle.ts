// Sign-in and pairing throttles: each attempt is recorded (as a failure, provisionally) before its secret is checked,
// in one transaction over row-locked keys, so concurrent guesses cannot all pass a check-then-act; one check at a
// time per key (a lease in the row: per account and per address, across the instances of a city); and after a few
// failures a delay that doubles up to a cap, never a hard lock, so a stranger cannot lock an owner out for good.
import { db } from '../db';

export type Kind = 'user' | 'addr' | 'pair';

export interface Policy {
	/** Failures allowed before any delay. */
	free: number;
	/** The delay after failure number `free`, doubling after each further one. */
	baseMs: number;
	capMs: number;
}

// A guesser's address pays more than the account it aims at: the address's delay reaches an hour, the account's
// stays at 15 minutes, and an address the owner signed in from before skips the account's delay altogether.
export const POLICIES: Record<Kind, Policy> = {
	user: { free: 5, baseMs: 30_000, capMs: 15 * 60_000 },
	addr: { free: 5, baseMs: 60_000, capMs: 60 * 60_000 },
	pair: { free: 5, baseMs: 60_000, capMs: 60 * 60_000 }
};

/** A check in flight holds its keys this long at most: a crash mid-check frees them after it. */
const LEASE_MS = 30_000;
/** An address the owner signed in from this recently is theirs. Rows unused this long are dropped. */
const KNOWN_MS = 30 * 86_400_000;

/** The delay after `failures` failures under `policy` (0 while they are within its allowance). */
export function delayAfter(failures: number, policy: Policy): number {
	if (failures < policy.free) return 0;
	return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - policy.free, 30));
}

const kindOf = (key: string): Kind => key.slice(0, key.indexOf(':')) as Kind;

export const userKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `addr:${address}`;
/** Pairing guesses, per address; requests whose address cannot be told apart share one key (and the log says why). */
export const pairKey = (address: string | null) => `pair:${address ?? 'unknown'}`;
const knownKey = (username: string, address: string) => `known:${username}|${address}`;

export interface Row {
	key: string;
	failures: number;
	next_at: Date | null;
	checking_until: Date | null;
}

/** An attempt under way: the keys it holds and what they were before it was counted, to undo it on success. */
export interface Ticket {
	keys: string[];
	before: Row[];
	now: Date;
	/** Frees the keys for this process's next attempt. */
	release: () => void;
}

export type Gate =
	| { ok: true; ticket: Ticket }
	| { ok: false; reason: 'busy' }
	| { ok: false; reason: 'wait'; until: Date };

// This process's attempts on one key take turns (a queue per key; its presence means a check is in flight), so that
// concurrent requests are checked one after another, each seeing the failures before it, instead of being refused
// together. Other instances are kept out by the lease in the row.
const queues = new Map<string, (() => void)[]>();
/** Attempts waiting on one key beyond this are refused at once: a flood holds no memory. */
const MAX_WAITING = 20;

function lockOne(key: string): Promise<boolean> {
	const waiting = queues.get(key);
	if (!waiting) {
		queues.set(key, []);
		return Promise.resolve(true);
	}
	if (waiting.length >= MAX_WAITING) return Promise.resolve(false);
	return new Promise((resolve) => waiting.push(() => resolve(true)));
}

function unlockOne(key: string): void {
	const next = queues.get(key)?.shift();
	if (next) next();
	else queues.delete(key);
}

/** Every key in turn, in sorted order (so two attempts never wait on each other in a circle); null when too many wait. */
async function takeTurn(keys: string[]): Promise<(() => void) | null> {
	const held: string[] = [];
	for (const key of keys) {
		if (!(await lockOne(key))) {
			held.forEach(unlockOne);
			return null;
		}
		held.push(key);
	}
	return () => held.forEach(unlockOne);
}

/**
 * Records an attempt against `keys` before it is checked, or says why it must not be made now: a check of one of its
 * keys is in flight elsewhere ('busy'), or a key's delay has not passed ('wait'). Keys in `skipDelay` only hold the
 * check (the owner's known address skips the account's delay but still waits its turn). Within this process, an
 * attempt waits for the one before it on the same key.
 */
export async function begin(keys: string[], now: Date, skipDelay: string[] = []): Promise<Gate> {
	const sorted = [...new Set(keys)].sort();
	const release = await takeTurn(sorted);
	if (!release) return { ok: false, reason: 'busy' };
	try {
		const gate = await record(sorted, now, skipDelay);
		if (!gate.ok) {
			release();
			return gate;
		}
		return { ok: true, ticket: { keys: sorted, before: gate.before, now, release } };
	} catch (e) {
		release();
		throw e;
	}
}

/**
 * The database half of begin, one transaction over the keys' locked rows: refused while another instance's check
 * holds a key (its lease) or a delay runs; otherwise each key's failure is counted and its lease taken.
 */
export async function record(
	sorted: string[],
	now: Date,
	skipDelay: string[] = []
): Promise<{ ok: true; before: Row[] } | Exclude<Gate, { ok: true }>> {
	return (await db()).transaction(async (tx) => {
		await tx.query(
			`INSERT INTO auth_throttle (key) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (key) DO NOTHING`,
			[sorted]
		);
		const rows = await tx.query<Row>(
			`SELECT key, failures, next_at, checking_until FROM auth_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
			[sorted]
		);
		if (rows.some((r) => r.checking_until && new Date(r.checking_until) > now))
			return { ok: false, reason: 'busy' } as const;
		let until: Date | null = null;
		for (const r of rows) {
			if (skipDelay.includes(r.key) || !r.next_at) continue;
			const next = new Date(r.next_at);
			if (next > now && (!until || next > until)) until = next;
		}
		if (until) return { ok: false, reason: 'wait', until } as const;
		for (const r of rows) {
			const failures = r.failures + 1;
			await tx.query(
				`UPDATE auth_throttle SET failures = $2, last_at = $3, next_at = $4, checking_until = $5 WHERE key = $1`,
				[
					r.key,
					failures,
					now,
					new Date(now.getTime() + delayAfter(failures, POLICIES[kindOf(r.key)])),
					new Date(now.getTime() + LEASE_MS)
				]
			);
		}
		return { ok: true, before: rows } as const;
	});
}

/** The check failed: the failure stays counted, the keys are free for the next attempt (after their delay). */
export async function fail(ticket: Ticket): Promise<void> {
	try {
		await (
			await db()
		).query(`UPDATE auth_throttle SET checking_until = NULL WHERE key = ANY($1::text[])`, [
			ticket.keys
		]);
	} finally {
		ticket.release();
	}
}

/**
 * The check passed: keys in `forgive` start afresh (the account's failures), the others get back what they had
 * before this attempt (an address's earlier failures stay: one good account cannot clear a guesser's record).
 */
export async function succeed(ticket: Ticket, forgive: string[] = []): Promise<void> {
	try {
		await (
			await db()
		).transaction(async (tx) => {
			for (const r of ticket.before) {
				if (forgive.includes(r.key))
					await tx.query(`DELETE FROM auth_throttle WHERE key = $1`, [r.key]);
				else
					await tx.query(
						`UPDATE auth_throttle SET failures = $2, next_at = $3, checking_until = NULL WHERE key = $1`,
						[r.key, r.failures, r.next_at]
					);
			}
			// Stale rows go now and then: keys nobody has tried for a month.
			await tx.query(
				`DELETE FROM auth_throttle WHERE last_at < $1 AND (checking_until IS NULL OR checking_until < $2)`,
				[new Date(ticket.now.getTime() - KNOWN_MS), ticket.now]
			);
		});
	} finally {
		ticket.release();
	}
}

/** Remembers that `username` signed in from `address`: from there the account's delay is skipped. */
export async function remember(username: string, address: string, now: Date): Promise<void> {
	await (
		await db()
	).query(
		`INSERT INTO auth_throttle (key, last_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET last_at = EXCLUDED.last_at`,
		[knownKey(username, address), now]
	);
}

export async function isKnown(username: string, address: string, now: Date): Promise<boolean> {
	const rows = await (
		await db()
	).query(`SELECT 1 FROM auth_throttle WHERE key = $1 AND last_at > $2`, [
		knownKey(username, address),
		new Date(now.getTime() - KNOWN_MS)
	]);
	return rows.length > 0;
}

/** When a key may be tried again, if it is delayed now. */
export async function delayedUntil(keys: string[], now: Date): Promise<Map<string, Date>> {
	const rows = await (
		await db()
	).query<{ key: string; next_at: Date }>(
		`SELECT key, next_at FROM auth_throttle WHERE key = ANY($1::text[]) AND next_at > $2`,
		[keys, now]
	);
	return new Map(rows.map((r) => [r.key, new Date(r.next_at)]));
}

/** An admin lifts a delay: the key's failures are forgotten. True when there was something to lift. */
export async function lift(key: string): Promise<boolean> {
	const rows = await (
		await db()
	).query(`DELETE FROM auth_throttle WHERE key = $1 AND failures > 0 RETURNING 1`, [key]);
	return rows.length > 0;
}

export function waitMessage(until: Date, now = new Date(), what = 'Đăng nhập sai'): string {
	const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
	return `${what} quá nhiều lần. Vui lòng chờ ${minutes} phút rồi thử lại.`;
}

export const BUSY_MESSAGE = 'Một lần thử khác đang được kiểm tra. Vui lòng thử lại sau vài giây.';

/** The Vietnamese answer to a refused gate. */
export function refusal(gate: Exclude<Gate, { ok: true }>, now: Date, what?: string): string {
	return gate.reason === 'busy' ? BUSY_MESSAGE : waitMessage(gate.until, now, what);
}
