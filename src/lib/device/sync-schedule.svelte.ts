// When the outbox is sent, and what staff see of it: the backlog, the last good sync, the last error, the network.
// Runs the sync engine (sync/engine.ts) on start, after a rating, when the network or the screen comes back, on a
// timer and on staff's request; one tab at a time (Web Locks), backing off after failures (sync-outcome.ts).
// Nothing here is saved: what must survive (the configuration, the clock offset) is handed to the pairing.
import type { DeviceDb } from './db';
import { drain, type SyncOutcome } from './sync/engine';
import { startingWith } from './idb';
import { IdbOutbox } from './sync/idb-store';
import { afterOutcome, type ScheduleState } from './sync-outcome';
import type { Pairing } from './pairing.svelte';

const EVERY_MS = 30_000;
const TIMEOUT_MS = 20_000;
const LOCK = 'sanhso-sync';
const APP_VERSION = '0.3.0';

export type Trigger = 'start' | 'rating' | 'online' | 'visible' | 'timer' | 'manual';

export class SyncSchedule {
	backlog = $state(0);
	refused = $state(0);
	lastSyncAt = $state<number | null>(null);
	syncing = $state(false);
	online = $state(true);
	persistent = $state<boolean | null>(null);
	lastError = $state<string | null>(null);

	private running = false;
	/** Waiting for another tab to finish sending (the Web Lock); a trigger meanwhile is not lost. */
	private waiting = false;
	private again = false;
	private readonly stopping = new AbortController();
	private failures = 0;
	private notBefore = 0;
	private timer: ReturnType<typeof setInterval> | undefined;
	/** Syncs under way (waiting for the lock, or sending), for stop() to wait out. */
	private inFlight: Promise<unknown>[] = [];
	private readonly store: IdbOutbox;

	constructor(
		private readonly db: DeviceDb,
		private readonly pairing: Pairing
	) {
		this.store = new IdbOutbox(db);
	}

	/** Listens to the network and the screen, starts the timer, asks for durable storage, and sends once. */
	start(): void {
		this.online = navigator.onLine;
		addEventListener('online', this.onOnline);
		addEventListener('offline', this.onOffline);
		document.addEventListener('visibilitychange', this.onVisible);
		this.timer = setInterval(() => void this.sync('timer'), EVERY_MS);
		void this.askPersistence();
		void this.sync('start');
	}

	/** Stops the triggers; resolves once a sync under way is done, so no request of the schedule's goes out after it. */
	async stop(): Promise<void> {
		clearInterval(this.timer);
		this.stopping.abort();
		removeEventListener('online', this.onOnline);
		removeEventListener('offline', this.onOffline);
		document.removeEventListener('visibilitychange', this.onVisible);
		await Promise.allSettled(this.inFlight);
	}

	private onOnline = () => {
		this.online = true;
		void this.sync('online');
	};
	private onOffline = () => (this.online = false);
	private onVisible = () => {
		if (document.visibilityState === 'visible') void this.sync('visible');
	};

	private async askPersistence() {
		if (!navigator.storage?.persist) return;
		this.persistent = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}

	/** A new pairing starts with a clean slate: no backoff left from the old token's failures. */
	paired(): void {
		this.failures = 0;
		this.notBefore = 0;
		void this.sync('manual');
	}

	async refreshCounts(): Promise<void> {
		this.backlog = await this.store.backlog();
		this.refused = await this.db.tx(['outbox'], 'readonly', (tx) =>
			tx.store('outbox').count(startingWith('refused'), '[state+createdAt]')
		);
	}

	/** Runs the engine unless backing off (a regained network does not wait); one tab at a time (Web Locks). */
	async sync(trigger: Trigger): Promise<void> {
		if (!this.pairing.token) return;
		if (trigger !== 'online' && trigger !== 'manual' && Date.now() < this.notBefore) return;
		// A trigger during a run (a rating made while a batch is in flight) runs the engine once more after it;
		// one made while another tab sends waits for that tab, then runs.
		if (this.running || this.waiting) {
			this.again = true;
			return;
		}
		const run = async () => {
			this.running = true;
			this.syncing = true;
			try {
				do {
					this.again = false;
					this.record(await this.drainOnce());
				} while (this.again && Date.now() >= this.notBefore && !this.pairing.revoked);
			} finally {
				this.running = false;
				this.syncing = false;
				await this.refreshCounts();
			}
		};
		this.waiting = Boolean(navigator.locks);
		const done = navigator.locks
			? navigator.locks
					.request(LOCK, { signal: this.stopping.signal }, () => {
						this.waiting = false;
						return run();
					})
					.catch((error: unknown) => {
						this.waiting = false;
						// Stopped while waiting for the other tab: nothing was sent, nothing to report.
						if (!this.stopping.signal.aborted) throw error;
					})
			: run();
		this.inFlight.push(done);
		try {
			await done;
		} finally {
			this.inFlight = this.inFlight.filter((p) => p !== done);
		}
	}

	private drainOnce(): Promise<SyncOutcome> {
		const token = this.pairing.token;
		return drain({
			store: this.store,
			now: () => Date.now(),
			report: () => ({ appVersion: APP_VERSION, persistent: this.persistent }),
			transport: async (body) => {
				const response = await fetch('/api/v1/sync', {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body,
					signal: AbortSignal.timeout(TIMEOUT_MS)
				});
				return { status: response.status, json: () => response.json() };
			},
			onReply: async (reply, offsetMs) => {
				this.lastSyncAt = Date.now();
				await this.pairing.replied(reply.config, offsetMs);
			}
		});
	}

	private record(outcome: SyncOutcome) {
		const before: ScheduleState = {
			failures: this.failures,
			notBefore: this.notBefore,
			lastError: this.lastError
		};
		const next = afterOutcome(outcome, before, Date.now(), Math.random);
		this.failures = next.failures;
		this.notBefore = next.notBefore;
		this.lastError = next.lastError;
		if (next.online !== null) this.online = next.online;
		if (next.revoked) void this.pairing.markRevoked();
	}
}
