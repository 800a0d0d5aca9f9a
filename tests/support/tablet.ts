// A counter tablet without a browser: paired over the API, making ratings with device-made UUIDv7 ids, and sending
// them with the app's own sync engine (src/lib/device/sync/engine.ts) over an outbox in memory. A rating counts as
// delivered exactly when the real tablet would let it go: once the server has acknowledged its id.
import { drain, type OutboxStore, type SyncOutcome } from '../../src/lib/device/sync/engine';
import { uuidv7 } from '../../src/lib/device/uuid';
import { seededRandom } from '../../src/lib/domain/random';
import {
	REASONS,
	type PairResponse,
	type Rating,
	type RatingLevel
} from '../../src/lib/schemas/sync';

/** A request that gets no answer in this time has failed, as a tablet's would on a dead link. */
const REQUEST_TIMEOUT_MS = 20_000;

type State = 'pending' | 'synced' | 'refused';

/** The outbox in insertion order: oldest first, as the device's IndexedDB store gives it. */
class MemoryOutbox implements OutboxStore {
	readonly rows = new Map<
		string,
		{ rating: Rating; state: State; sends: number; message?: string }
	>();
	/** The ids of the batch taken last: the one on its way while a sync runs. */
	lastBatch: string[] = [];

	async pending(limit: number): Promise<Rating[]> {
		const out: Rating[] = [];
		for (const row of this.rows.values()) {
			if (out.length >= limit) break;
			if (row.state !== 'pending') continue;
			row.sends++;
			out.push(row.rating);
		}
		this.lastBatch = out.map((r) => r.id);
		return out;
	}
	async markSynced(ids: string[]): Promise<void> {
		for (const id of ids) {
			const row = this.rows.get(id);
			if (row) row.state = 'synced';
		}
	}
	async markRefused(items: { id: string; message: string }[]): Promise<void> {
		for (const { id, message } of items) {
			const row = this.rows.get(id);
			if (row) Object.assign(row, { state: 'refused', message });
		}
	}
	async dirtyCounts() {
		return [];
	}
	async markCountsSent(): Promise<void> {}
	async backlog(): Promise<number> {
		return [...this.rows.values()].filter((r) => r.state === 'pending').length;
	}
	// Synced rows are kept: the test needs every id it made and which of them the server acknowledged.
	async prune(): Promise<void> {}
}

export interface TabletSpec {
	counter: string;
	field: string;
	seed: number;
}

export class Tablet {
	private readonly outbox = new MemoryOutbox();
	private readonly random: () => number;
	private syncing = false;
	/** Answers are lost on the way back (read, then dropped): the server has the batch, the tablet does not know. */
	loseAnswers = false;

	private constructor(
		private readonly url: string,
		private readonly token: string,
		readonly spec: TabletSpec
	) {
		this.random = seededRandom(spec.seed);
	}

	/** Redeems a pairing code from `device pair` at POST /api/v1/devices/pair. */
	static async pair(url: string, code: string, spec: TabletSpec): Promise<Tablet> {
		const res = await fetch(url + '/api/v1/devices/pair', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ code })
		});
		if (res.status !== 200) throw new Error(`pairing answered ${res.status}: ${await res.text()}`);
		const { token } = (await res.json()) as PairResponse;
		return new Tablet(url, token, spec);
	}

	/** `n` citizens tap a level on a 3-level scale within the last hour; some dissatisfied ones give reasons and a comment. */
	rate(n: number, now = Date.now()): void {
		for (let i = 0; i < n; i++) {
			const r = this.random();
			const level: RatingLevel =
				r < 0.45 ? 'rat_hai_long' : r < 0.85 ? 'hai_long' : 'khong_hai_long';
			const unhappy = level === 'khong_hai_long';
			const rating: Rating = {
				id: uuidv7(now, (bytes) => bytes.map(() => Math.floor(this.random() * 256))),
				level,
				scale: 3,
				reasons: unhappy ? [REASONS[Math.floor(this.random() * REASONS.length)]] : [],
				comment: unhappy && this.random() < 0.3 ? `Quầy ${this.spec.counter} chờ lâu` : '',
				ticket: null,
				dossier: null,
				counter: this.spec.counter,
				field: this.spec.field,
				ratedAt: now - Math.floor(this.random() * 3_600_000),
				clockOffsetMs: 0
			};
			this.outbox.rows.set(rating.id, { rating, state: 'pending', sends: 0 });
		}
	}

	/** One run of the device's sync engine: sends batches until the outbox is empty or a request fails. */
	async sync(): Promise<SyncOutcome> {
		this.syncing = true;
		try {
			return await this.drain();
		} finally {
			this.syncing = false;
		}
	}

	private drain(): Promise<SyncOutcome> {
		return drain({
			store: this.outbox,
			transport: async (body) => {
				const res = await fetch(this.url + '/api/v1/sync', {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
					body,
					signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
				});
				// Read the body now: a server killed mid-answer fails this request, not a later json() call.
				const text = await res.text();
				if (this.loseAnswers) throw new Error('the answer was lost on the way');
				return { status: res.status, json: async () => JSON.parse(text) };
			},
			now: () => Date.now(),
			report: () => ({ appVersion: 'crash-test', persistent: true })
		});
	}

	/** Every rating made, each once. */
	made(): Rating[] {
		return [...this.outbox.rows.values()].map((r) => r.rating);
	}

	/** Ids the server has acknowledged. */
	acked(): string[] {
		return [...this.outbox.rows.values()]
			.filter((r) => r.state === 'synced')
			.map((r) => r.rating.id);
	}

	/** Ids of the batch on its way now, not yet acknowledged; none between sync runs. */
	inFlight(): string[] {
		return this.syncing
			? this.outbox.lastBatch.filter((id) => this.outbox.rows.get(id)?.state === 'pending')
			: [];
	}

	/** Ratings that went out more than once: their first request got no answer (the server was killed under it). */
	resent(): number {
		return [...this.outbox.rows.values()].filter((r) => r.sends > 1).length;
	}

	/** Ids made and not acknowledged (still to send). */
	unackedIds(): string[] {
		return [...this.outbox.rows.values()]
			.filter((r) => r.state === 'pending')
			.map((r) => r.rating.id);
	}

	unacked(): number {
		return [...this.outbox.rows.values()].filter((r) => r.state === 'pending').length;
	}

	/** Ratings the server refused, with its message (none are expected). */
	refused(): { id: string; message: string }[] {
		return [...this.outbox.rows.values()]
			.filter((r) => r.state === 'refused')
			.map((r) => ({ id: r.rating.id, message: r.message ?? '' }));
	}
}
