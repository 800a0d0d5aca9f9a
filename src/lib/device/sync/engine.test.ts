import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count, Rating, SyncResponse } from '$lib/schemas/sync';
import { MAX_BATCH } from '$lib/schemas/sync-values';
import {
	backoffDelay,
	BACKOFF_MAX_MS,
	BACKOFF_MIN_MS,
	drain,
	type OutboxStore,
	type TransportResponse
} from './engine';

type Row = Rating & { state: 'pending' | 'synced' | 'refused'; syncedAt: number | null };

/** The outbox in memory, with the same contract as the IndexedDB store (idb-store.ts). */
class MemoryStore implements OutboxStore {
	rows: Row[] = [];
	counts = new Map<string, Count & { sent: number }>();
	async pending(limit: number) {
		return this.rows
			.filter((r) => r.state === 'pending')
			.slice(0, limit)
			.map(({ state: _s, syncedAt: _a, ...r }) => r);
	}
	async markSynced(ids: string[], at: number) {
		for (const r of this.rows)
			if (ids.includes(r.id) && r.state === 'pending')
				Object.assign(r, { state: 'synced', syncedAt: at });
	}
	async markRefused(items: { id: string }[]) {
		for (const r of this.rows) if (items.some((i) => i.id === r.id)) r.state = 'refused';
	}
	async dirtyCounts(limit: number) {
		return [...this.counts.values()]
			.filter((c) => c.count > c.sent)
			.slice(0, limit)
			.map(({ sent: _s, ...c }) => c);
	}
	async markCountsSent(counts: Count[]) {
		for (const c of counts) {
			const row = this.counts.get(`${c.hour}|${c.kind}|${c.key}`);
			if (row) row.sent = Math.max(row.sent, c.count);
		}
	}
	async backlog() {
		return this.rows.filter((r) => r.state === 'pending').length;
	}
	async prune(before: number) {
		this.rows = this.rows.filter((r) => r.state !== 'synced' || (r.syncedAt ?? 0) >= before);
	}
	add(id: string, at: number) {
		this.rows.push({ ...rating(id, at), state: 'pending', syncedAt: null });
	}
	count(key: string) {
		const k = `0|view|${key}`;
		const row = this.counts.get(k) ?? { hour: 0, kind: 'view' as const, key, count: 0, sent: 0 };
		row.count += 1;
		this.counts.set(k, row);
	}
}

function rating(id: string, at: number): Rating {
	return {
		id,
		level: 'hai_long',
		scale: 3,
		reasons: [],
		comment: '',
		ticket: null,
		dossier: null,
		counter: null,
		field: null,
		ratedAt: at,
		clockOffsetMs: null
	};
}

type Fault =
	| 'ok'
	| 'error500'
	| 'error408'
	| 'error429'
	| 'network'
	| 'lost'
	| 'twice'
	| 'partial'
	| 'garbled';

/** A server that stores by id like the real one, and misbehaves as told. */
class FakeServer {
	ids = new Set<string>();
	counts = new Map<string, number>();
	faults: Fault[] = [];
	private handle(body: string, ackSome: (id: string) => boolean): SyncResponse {
		const req = JSON.parse(body) as { ratings: Rating[]; counts: Count[] };
		// A partial answer is a server that stored only part of the batch and says so: it acks what it holds.
		for (const r of req.ratings) if (ackSome(r.id)) this.ids.add(r.id);
		for (const c of req.counts)
			this.counts.set(c.key, Math.max(this.counts.get(c.key) ?? 0, c.count));
		return {
			serverTime: 0,
			acked: req.ratings.map((r) => r.id).filter((id) => this.ids.has(id)),
			refused: [],
			counts: { acked: req.counts.length, refused: [] },
			config: {
				deviceId: 'd',
				name: 'd',
				kind: 'counter',
				counter: null,
				field: null,
				center: { id: 'c', name: 'c' },
				scale: 3,
				satisfiedLevels: ['hai_long'],
				staffPin: null
			}
		};
	}
	transport = async (body: string): Promise<TransportResponse> => {
		const fault = this.faults.shift() ?? 'ok';
		const answer = (status: number, value: unknown = {}) => ({ status, json: async () => value });
		switch (fault) {
			case 'error500':
				return answer(503);
			case 'error408':
				return answer(408);
			case 'error429':
				return answer(429);
			case 'network':
				throw new TypeError('Failed to fetch');
			case 'lost':
				this.handle(body, () => true);
				throw new Error('The operation was aborted (timeout)');
			case 'twice':
				this.handle(body, () => true);
				return answer(
					200,
					this.handle(body, () => true)
				);
			case 'partial':
				return answer(
					200,
					this.handle(body, (id) => id.charCodeAt(id.length - 1) % 2 === 0)
				);
			case 'garbled':
				this.handle(body, () => true);
				return answer(200, { nonsense: true });
			default:
				return answer(
					200,
					this.handle(body, () => true)
				);
		}
	};
}

const FAULTS: Fault[] = [
	'ok',
	'error500',
	'error408',
	'error429',
	'network',
	'lost',
	'twice',
	'partial',
	'garbled'
];
const step = fc.oneof(
	fc.record({ kind: fc.constant('rate' as const), n: fc.integer({ min: 1, max: 40 }) }),
	fc.record({
		kind: fc.constant('count' as const),
		key: fc.constantFrom('1.001193', '2.000001', '1.004946')
	}),
	fc.record({
		kind: fc.constant('sync' as const),
		faults: fc.array(fc.constantFrom(...FAULTS), { maxLength: 4 })
	})
);

describe('the device sync engine against a server that fails, times out, loses replies and delivers twice', () => {
	it('after quiescence the server holds exactly the device ids and counts, in 1,000 seeded runs', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
				const store = new MemoryStore();
				const server = new FakeServer();
				let clock = 1_750_000_000_000;
				let serial = 0;
				const deps = {
					store,
					transport: server.transport,
					now: () => clock,
					report: () => ({ appVersion: 't', persistent: true })
				};
				for (const s of steps) {
					clock += 1_000;
					if (s.kind === 'rate')
						for (let i = 0; i < s.n; i++)
							store.add(`00000000-0000-7000-8000-${String(serial++).padStart(12, '0')}`, clock);
					else if (s.kind === 'count') store.count(s.key);
					else {
						server.faults = [...s.faults];
						await drain(deps);
					}
				}
				// Quiescence: the network behaves; a few drains finish the job.
				server.faults = [];
				for (
					let i = 0;
					i < 10 && ((await store.backlog()) > 0 || (await store.dirtyCounts(1)).length > 0);
					i++
				)
					await drain(deps);
				expect(await store.backlog()).toBe(0);
				expect([...server.ids].sort()).toEqual(store.rows.map((r) => r.id).sort());
				expect(store.rows.every((r) => r.state === 'synced')).toBe(true);
				for (const [k, c] of store.counts) expect(server.counts.get(c.key), k).toBe(c.count);
			}),
			{ numRuns: 1000, seed: 20261123 }
		);
	});
});

describe('drain', () => {
	it('sends at most 500 ratings a batch, oldest first, until the outbox is empty', async () => {
		const store = new MemoryStore();
		for (let i = 0; i < 1_234; i++)
			store.add(`00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, i);
		const sizes: number[] = [];
		const firsts: string[] = [];
		const server = new FakeServer();
		const outcome = await drain({
			store,
			now: () => 0,
			report: () => ({ appVersion: 't', persistent: null }),
			transport: async (body) => {
				const req = JSON.parse(body) as { ratings: Rating[] };
				sizes.push(req.ratings.length);
				firsts.push(req.ratings[0]?.id ?? '');
				return server.transport(body);
			}
		});
		expect(outcome).toMatchObject({ kind: 'done', acked: 1_234 });
		expect(sizes).toEqual([MAX_BATCH, MAX_BATCH, 234]);
		expect(firsts[1]).toBe(`00000000-0000-7000-8000-${String(500).padStart(12, '0')}`);
	});

	it('a revoked device stops and keeps every unsent rating', async () => {
		const store = new MemoryStore();
		store.add('00000000-0000-7000-8000-000000000001', 0);
		const outcome = await drain({
			store,
			now: () => 0,
			report: () => ({ appVersion: 't', persistent: null }),
			transport: async () => ({
				status: 401,
				json: async () => ({ code: 'revoked', message: 'x' })
			})
		});
		expect(outcome).toEqual({ kind: 'revoked' });
		expect(await store.backlog()).toBe(1);
	});

	it('a refused rating is kept as refused and not sent again', async () => {
		const store = new MemoryStore();
		store.add('00000000-0000-7000-8000-000000000001', 0);
		store.add('00000000-0000-7000-8000-000000000002', 0);
		let calls = 0;
		const transport = async (body: string): Promise<TransportResponse> => {
			calls++;
			const req = JSON.parse(body) as { ratings: Rating[] };
			return {
				status: 200,
				json: async () => ({
					serverTime: 0,
					acked: req.ratings.slice(1).map((r) => r.id),
					refused: req.ratings
						.slice(0, 1)
						.map((r, index) => ({ index, id: r.id, status: 422, message: 'khác nội dung' })),
					counts: { acked: 0, refused: [] }
				})
			};
		};
		const deps = {
			store,
			now: () => 0,
			report: () => ({ appVersion: 't', persistent: null }),
			transport
		};
		expect(await drain(deps)).toMatchObject({ kind: 'done', acked: 1, refused: 1 });
		expect(store.rows.map((r) => r.state)).toEqual(['refused', 'synced']);
		await drain(deps);
		expect(calls).toBe(2);
		expect(await store.pending(10)).toEqual([]);
	});

	it('a count the server refuses (over its hourly ceiling) is not sent again, but a later total of that hour is', async () => {
		const store = new MemoryStore();
		for (let i = 0; i < 3; i++) store.count('1.000178');
		const bodies: { counts: Count[] }[] = [];
		const transport = async (body: string): Promise<TransportResponse> => {
			const req = JSON.parse(body) as { counts: Count[] };
			bodies.push(req);
			return {
				status: 200,
				json: async () => ({
					serverTime: 0,
					acked: [],
					refused: [],
					counts: {
						acked: 0,
						refused: req.counts.map((_, index) => ({
							index,
							id: null,
							status: 422,
							message: 'vượt trần'
						}))
					}
				})
			};
		};
		const deps = {
			store,
			now: () => 0,
			report: () => ({ appVersion: 't', persistent: null }),
			transport
		};
		await drain(deps);
		await drain(deps);
		expect(bodies.filter((b) => b.counts.length > 0).length).toBe(1);
		store.count('1.000178');
		await drain(deps);
		expect(bodies.at(-1)?.counts).toEqual([expect.objectContaining({ key: '1.000178', count: 4 })]);
	});

	it('pruning drops synced rows after seven days and never an unsynced one', async () => {
		const store = new MemoryStore();
		store.add('00000000-0000-7000-8000-000000000001', 0);
		store.add('00000000-0000-7000-8000-000000000002', 0);
		await store.markSynced(['00000000-0000-7000-8000-000000000001'], 0);
		await store.prune(8 * 86_400_000);
		expect(store.rows.map((r) => r.id)).toEqual(['00000000-0000-7000-8000-000000000002']);
	});
});

describe('backoffDelay', () => {
	it('grows from 2 s to at most 5 min, jittered', () => {
		expect(backoffDelay(1, () => 1)).toBe(BACKOFF_MIN_MS);
		expect(backoffDelay(1, () => 0)).toBe(BACKOFF_MIN_MS);
		expect(backoffDelay(3, () => 1)).toBe(8_000);
		expect(backoffDelay(3, () => 0)).toBe(4_000);
		expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
		expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
	});
});
