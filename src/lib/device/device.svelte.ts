// This kiosk or tablet as the UI sees it: pairing, the outbox of ratings and counts, and the sync schedule.
// Use: `const device = deviceState(); onMount(() => void device.start());` then `await device.rate(...)` before
// showing thanks (it resolves once the rating is durable in IndexedDB), `device.count(kind, key)` for views.
// A dissatisfied answer is saved at once as a draft (`draft()`), completed with reasons by `complete()`; a draft
// left behind (the citizen walked away, the power went) becomes a plain rating at the next start.
import type { CountKind, DeviceConfig, PairResponse, RatingLevel, Reason } from '$lib/schemas/sync';
import { deviceDb, type CounterMeta, type DeviceMeta, type OutboxRow } from './db';
import { backoffDelay, drain, type SyncOutcome } from './sync/engine';
import { DexieOutbox } from './sync/dexie-store';
import { checkStaffPin, type PinOutcome } from './staff-pin';
import { uuidv7 } from './uuid';

const EVERY_MS = 30_000;
const TIMEOUT_MS = 20_000;
const LOCK = 'sanhso-sync';
const HOUR_MS = 3_600_000;
export const APP_VERSION = '0.3.0';

type Trigger = 'start' | 'rating' | 'online' | 'visible' | 'timer' | 'manual';

export class DeviceState {
	config = $state.raw<DeviceConfig | null>(null);
	/** Loaded from IndexedDB: until then nothing is known about pairing. */
	ready = $state(false);
	revoked = $state(false);
	backlog = $state(0);
	refused = $state(0);
	lastSyncAt = $state<number | null>(null);
	syncing = $state(false);
	online = $state(true);
	persistent = $state<boolean | null>(null);
	lastError = $state<string | null>(null);
	/** For the next citizen, set by staff. */
	field = $state<string | null>(null);
	ticket = $state<string | null>(null);
	dossier = $state<string | null>(null);

	private running = false;
	private again = false;
	private token: string | null = null;
	private offsetMs: number | null = null;
	private failures = 0;
	private notBefore = 0;
	private timer: ReturnType<typeof setInterval> | undefined;
	private started = false;
	/** Syncs under way (waiting for the lock, or sending), for stop() to wait out. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping for stop(), not shown anywhere
	private readonly inFlight = new Set<Promise<unknown>>();
	private readonly db = deviceDb();
	private readonly store = new DexieOutbox(this.db);

	get paired(): boolean {
		return this.config !== null;
	}

	async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		const meta = await this.db.meta.get('device');
		if (meta?.key === 'device') this.adopt(meta);
		const counter = await this.db.meta.get('counter');
		if (counter?.key === 'counter')
			({ field: this.field, ticket: this.ticket, dossier: this.dossier } = counter);
		else this.field = this.config?.field ?? null;
		// Drafts left by a citizen who walked away, or by a power cut, are answers too.
		await this.db.outbox
			.where('[state+createdAt]')
			.between(['draft', 0], ['draft', Infinity])
			.modify({ state: 'pending' });
		await this.refreshCounts();
		this.ready = true;
		this.online = navigator.onLine;
		addEventListener('online', this.onOnline);
		addEventListener('offline', this.onOffline);
		document.addEventListener('visibilitychange', this.onVisible);
		this.timer = setInterval(() => void this.sync('timer'), EVERY_MS);
		void this.askPersistence();
		void this.sync('start');
	}

	/** Stops the timer and the network and visibility triggers; resolves once a sync under way is done, so no
	 * request of the schedule's goes out after it (a new app version takes over a quiet page: src/lib/device/pwa.ts). */
	async stop(): Promise<void> {
		clearInterval(this.timer);
		removeEventListener('online', this.onOnline);
		removeEventListener('offline', this.onOffline);
		document.removeEventListener('visibilitychange', this.onVisible);
		this.started = false;
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

	private adopt(meta: DeviceMeta) {
		this.token = meta.token;
		this.config = meta.config;
		this.offsetMs = meta.offsetMs;
		this.revoked = meta.revoked;
	}

	private async askPersistence() {
		if (!navigator.storage?.persist) return;
		this.persistent = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}

	/** Redeems a pairing code; the outbox (even of a revoked pairing) is kept and sent under the new token. */
	async pair(code: string): Promise<{ ok: true } | { ok: false; message: string }> {
		let response: Response;
		try {
			response = await fetch('/api/v1/devices/pair', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code })
			});
		} catch {
			return { ok: false, message: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.' };
		}
		const body = (await response.json().catch(() => null)) as
			(PairResponse & { message?: string }) | null;
		if (!response.ok || !body?.token)
			return { ok: false, message: body?.message ?? `Máy chủ trả lời lỗi ${response.status}.` };
		const meta: DeviceMeta = {
			key: 'device',
			token: body.token,
			config: body.config,
			offsetMs: null,
			revoked: false
		};
		await this.db.meta.put(meta);
		this.adopt(meta);
		this.field = body.config.field;
		await this.saveCounter();
		this.failures = 0;
		this.notBefore = 0;
		void this.sync('manual');
		return { ok: true };
	}

	private row(
		level: RatingLevel,
		reasons: Reason[],
		comment: string,
		state: OutboxRow['state']
	): OutboxRow {
		const now = Date.now();
		return {
			id: uuidv7(now),
			level,
			scale: this.config?.scale ?? 3,
			reasons,
			comment,
			ticket: this.ticket,
			dossier: this.dossier,
			counter: this.config?.counter ?? null,
			field: this.field,
			ratedAt: now,
			clockOffsetMs: this.offsetMs,
			state,
			createdAt: now,
			syncedAt: null,
			refusal: null
		};
	}

	/** Saves a rating; resolves once it is durable. The ticket or dossier keyed in by staff is used once. */
	async rate(input: { level: RatingLevel; reasons?: Reason[]; comment?: string }): Promise<string> {
		// A copy: Svelte state arrays are proxies, which IndexedDB cannot store.
		const row = this.row(input.level, [...(input.reasons ?? [])], input.comment ?? '', 'pending');
		await this.db.outbox.add(row);
		await this.afterRating();
		return row.id;
	}

	/** A dissatisfied answer, saved before the reasons are asked: durable, not yet sent. */
	async draft(level: RatingLevel): Promise<string> {
		const row = this.row(level, [], '', 'draft');
		await this.db.outbox.add(row);
		this.ticket = null;
		this.dossier = null;
		await this.saveCounter();
		return row.id;
	}

	/** The reasons and comment of a draft; it is then sent. */
	async complete(id: string, input: { reasons: Reason[]; comment: string }): Promise<void> {
		await this.db.outbox
			.where('id')
			.equals(id)
			.and((r) => r.state === 'draft')
			.modify({
				state: 'pending',
				reasons: [...input.reasons],
				comment: input.comment.trim().normalize('NFC')
			});
		await this.afterRating();
	}

	private async afterRating() {
		this.ticket = null;
		this.dossier = null;
		await this.saveCounter();
		await this.refreshCounts();
		void this.sync('rating');
	}

	/** One more view of `key` this hour: a running total the server merges by maximum. */
	async count(kind: CountKind, key: string): Promise<void> {
		const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
		await this.db.transaction('rw', this.db.counts, async () => {
			const row = await this.db.counts.get([hour, kind, key]);
			await this.db.counts.put({
				hour,
				kind,
				key,
				count: (row?.count ?? 0) + 1,
				sent: row?.sent ?? 0,
				dirty: 1
			});
		});
	}

	async saveCounter(): Promise<void> {
		const meta: CounterMeta = {
			key: 'counter',
			field: this.field,
			ticket: this.ticket,
			dossier: this.dossier
		};
		await this.db.meta.put(meta);
	}

	private async refreshCounts() {
		this.backlog = await this.store.backlog();
		this.refused = await this.db.outbox
			.where('[state+createdAt]')
			.between(['refused', 0], ['refused', Infinity])
			.count();
	}

	/** Runs the engine unless backing off (a regained network does not wait); one tab at a time (Web Locks). */
	async sync(trigger: Trigger): Promise<void> {
		if (!this.token || this.revoked) return;
		if (trigger !== 'online' && trigger !== 'manual' && Date.now() < this.notBefore) return;
		// A trigger during a run (a rating made while a batch is in flight) runs the engine once more after it.
		if (this.running) {
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
				} while (this.again && Date.now() >= this.notBefore && !this.revoked);
			} finally {
				this.running = false;
				this.syncing = false;
				await this.refreshCounts();
			}
		};
		const done = navigator.locks
			? navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) =>
					lock ? run() : undefined
				)
			: run();
		this.inFlight.add(done);
		try {
			await done;
		} finally {
			this.inFlight.delete(done);
		}
	}

	private drainOnce(): Promise<SyncOutcome> {
		const token = this.token;
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
				this.offsetMs = offsetMs;
				this.config = reply.config;
				this.lastSyncAt = Date.now();
				const meta = await this.db.meta.get('device');
				if (meta?.key !== 'device') return;
				const next: DeviceMeta = { ...meta, config: reply.config, offsetMs };
				await this.db.meta.put(next);
			}
		});
	}

	private record(outcome: SyncOutcome) {
		if (outcome.kind === 'done') {
			this.failures = 0;
			this.notBefore = 0;
			this.lastError = null;
			this.online = true;
		} else if (outcome.kind === 'retry') {
			this.failures += 1;
			this.notBefore = Date.now() + backoffDelay(this.failures, Math.random);
			this.lastError =
				outcome.status === null
					? 'Chưa gửi được: mất kết nối tới máy chủ. Sẽ tự thử lại.'
					: `Chưa gửi được (lỗi ${outcome.status}). Sẽ tự thử lại.`;
			if (outcome.status === null) this.online = false;
		} else {
			this.revoked = true;
			this.lastError =
				'Thiết bị đã bị thu hồi hoặc chưa ghép nối. Đánh giá vẫn được giữ trên máy; nhờ quản trị viên ghép nối lại.';
			void this.markRevoked();
		}
	}

	private async markRevoked() {
		const meta = await this.db.meta.get('device');
		if (meta?.key !== 'device') return;
		const next: DeviceMeta = { ...meta, revoked: true };
		await this.db.meta.put(next);
	}

	/** Checks the staff PIN: by the server while online, else against the record a counter tablet holds (staff-pin.ts). */
	checkPin(pin: string): Promise<PinOutcome> {
		return checkStaffPin(pin, {
			token: this.revoked ? null : this.token,
			config: this.config,
			online: navigator.onLine
		});
	}

	/** The unsent (and refused) ratings as a file, for staff in an emergency. */
	async exportUnsynced(): Promise<Blob> {
		const rows = await this.db.outbox.where('state').anyOf('pending', 'refused', 'draft').toArray();
		const ratings = rows.map(
			({ state: _s, createdAt: _c, syncedAt: _a, refusal: _r, ...rating }) => rating
		);
		const file = {
			format: 'sanhso-outbox',
			version: 1,
			deviceId: this.config?.deviceId ?? null,
			exportedAt: Date.now(),
			ratings
		};
		return new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' });
	}

	/** Loads another device's export into this outbox: ids are kept, a known id is not added twice. */
	async importOutbox(blob: Blob): Promise<{ added: number; known: number } | { error: string }> {
		let file: unknown;
		try {
			file = JSON.parse(await blob.text());
		} catch {
			return { error: 'Tệp không đọc được (không phải JSON).' };
		}
		const ratings = outboxRatings(file);
		if (!ratings) return { error: 'Không phải tệp đánh giá xuất từ Sảnh số.' };
		let added = 0;
		await this.db.transaction('rw', this.db.outbox, async () => {
			for (const r of ratings) {
				if (await this.db.outbox.get(r.id)) continue;
				await this.db.outbox.add({
					...r,
					state: 'pending',
					createdAt: Date.now(),
					syncedAt: null,
					refusal: null
				});
				added++;
			}
		});
		await this.refreshCounts();
		void this.sync('manual');
		return { added, known: ratings.length - added };
	}
}

/** The ratings of an outbox file, checked by shape (no zod on the device; the server validates each again). */
function outboxRatings(file: unknown): OutboxRow[] | null {
	if (typeof file !== 'object' || file === null) return null;
	const f = file as { format?: unknown; version?: unknown; ratings?: unknown };
	if (f.format !== 'sanhso-outbox' || f.version !== 1 || !Array.isArray(f.ratings)) return null;
	const ok = f.ratings.every(
		(r: unknown) =>
			typeof r === 'object' &&
			r !== null &&
			typeof (r as { id?: unknown }).id === 'string' &&
			typeof (r as { level?: unknown }).level === 'string' &&
			typeof (r as { ratedAt?: unknown }).ratedAt === 'number'
	);
	return ok ? (f.ratings as OutboxRow[]) : null;
}

let instance: DeviceState | undefined;

/** The one DeviceState of this tab (browser only). */
export function deviceState(): DeviceState {
	instance ??= new DeviceState();
	return instance;
}
