// This kiosk or tablet as the UI sees it, made of parts that each own and save their own state: the pairing
// (pairing.svelte.ts), the staff's choice for the next rating (staff-choice.svelte.ts), the ratings and counts
// (ratings.ts) and the sync schedule with its status (sync-schedule.svelte.ts).
// Use: `const device = deviceState(); onMount(() => void device.start());` then `await device.rate(...)` before
// showing thanks (it resolves once the rating is durable in IndexedDB), `device.count(kind, key)` for views.
// A dissatisfied answer is saved at once as a draft (`draft()`), completed with reasons by `complete()`; a draft
// left behind (the citizen walked away, the power went) becomes a plain rating at the next start.
import type { CountKind, DeviceConfig, RatingLevel, Reason } from '$lib/schemas/sync';
import { deviceDb } from './db';
import { Pairing, type PairOutcome } from './pairing.svelte';
import { Ratings } from './ratings';
import { StaffChoiceState } from './staff-choice.svelte';
import type { PinOutcome } from './staff-pin';
import { SyncSchedule, type Trigger } from './sync-schedule.svelte';

export class DeviceState {
	/** Loaded from IndexedDB: until then nothing is known about pairing. */
	ready = $state(false);

	private readonly db = deviceDb();
	readonly pairing = new Pairing(this.db);
	/** For the next citizen, set by staff. */
	readonly choice = new StaffChoiceState(this.db);
	readonly schedule = new SyncSchedule(this.db, this.pairing);
	readonly ratings = new Ratings(this.db, this.pairing, this.choice, this.schedule);
	private started = false;

	get config(): DeviceConfig | null {
		return this.pairing.config;
	}
	get paired(): boolean {
		return this.pairing.paired;
	}
	get revoked(): boolean {
		return this.pairing.revoked;
	}
	get field(): string | null {
		return this.choice.field;
	}
	get ticket(): string | null {
		return this.choice.ticket;
	}
	get dossier(): string | null {
		return this.choice.dossier;
	}
	get backlog(): number {
		return this.schedule.backlog;
	}
	get refused(): number {
		return this.schedule.refused;
	}
	get lastSyncAt(): number | null {
		return this.schedule.lastSyncAt;
	}
	get syncing(): boolean {
		return this.schedule.syncing;
	}
	get online(): boolean {
		return this.schedule.online;
	}
	get persistent(): boolean | null {
		return this.schedule.persistent;
	}
	get lastError(): string | null {
		return this.schedule.lastError;
	}

	async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		await this.pairing.load();
		await this.choice.load(this.pairing.config?.field ?? null);
		await this.ratings.recoverDrafts();
		await this.schedule.refreshCounts();
		this.ready = true;
		this.schedule.start();
	}

	/** Stops the timer and the network and visibility triggers; resolves once a sync under way is done, so no
	 * request of the schedule's goes out after it (a new app version takes over a quiet page: src/lib/device/pwa.ts). */
	async stop(): Promise<void> {
		this.started = false;
		await this.schedule.stop();
	}

	/** Redeems a pairing code; the outbox (even of a revoked pairing) is kept and sent under the new token. */
	async pair(code: string): Promise<PairOutcome> {
		const outcome = await this.pairing.pair(code);
		if (!outcome.ok) return outcome;
		await this.choice.paired(this.pairing.config?.field ?? null);
		this.schedule.paired();
		return outcome;
	}

	rate(input: { level: RatingLevel; reasons?: Reason[]; comment?: string }): Promise<string> {
		return this.ratings.rate(input);
	}
	draft(level: RatingLevel): Promise<string> {
		return this.ratings.draft(level);
	}
	complete(id: string, input: { reasons: Reason[]; comment: string }): Promise<void> {
		return this.ratings.complete(id, input);
	}
	count(kind: CountKind, key: string): Promise<void> {
		return this.ratings.count(kind, key);
	}
	sync(trigger: Trigger): Promise<void> {
		return this.schedule.sync(trigger);
	}
	checkPin(pin: string): Promise<PinOutcome> {
		return this.pairing.checkPin(pin);
	}
	exportUnsynced(): Promise<Blob> {
		return this.ratings.exportUnsynced();
	}
	importOutbox(blob: Blob): Promise<{ added: number; known: number } | { error: string }> {
		return this.ratings.importOutbox(blob);
	}
}

let instance: DeviceState | undefined;

/** The one DeviceState of this tab (browser only). */
export function deviceState(): DeviceState {
	instance ??= new DeviceState();
	return instance;
}
