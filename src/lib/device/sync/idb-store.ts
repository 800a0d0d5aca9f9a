// The outbox in IndexedDB (db.ts): the OutboxStore the sync engine drains in the browser.
import type { Count, Rating } from '$lib/schemas/sync';
import type { DeviceDb, OutboxRow } from '../db';
import { startingWith } from '../idb';
import type { OutboxStore } from './engine';

const BY_STATE = '[state+createdAt]';

const toRating = ({
	state: _s,
	createdAt: _c,
	syncedAt: _a,
	refusal: _r,
	...rating
}: OutboxRow): Rating => rating;

export class IdbOutbox implements OutboxStore {
	constructor(private readonly db: DeviceDb) {}

	async pending(limit: number): Promise<Rating[]> {
		const rows = await this.db.tx(['outbox'], 'readonly', (tx) =>
			tx.store('outbox').all(startingWith('pending'), { index: BY_STATE, limit })
		);
		return rows.map(toRating);
	}

	async markSynced(ids: string[], at: number): Promise<void> {
		await this.db.tx(['outbox'], 'readwrite', async (tx) => {
			const outbox = tx.store('outbox');
			for (const id of ids)
				await outbox.update(id, (r) =>
					r.state === 'pending' ? { ...r, state: 'synced', syncedAt: at } : undefined
				);
		});
	}

	async markRefused(items: { id: string; message: string }[]): Promise<void> {
		await this.db.tx(['outbox'], 'readwrite', async (tx) => {
			const outbox = tx.store('outbox');
			for (const item of items)
				await outbox.update(item.id, (r) => ({ ...r, state: 'refused', refusal: item.message }));
		});
	}

	async dirtyCounts(limit: number): Promise<Count[]> {
		const rows = await this.db.tx(['counts'], 'readonly', (tx) =>
			tx.store('counts').all(1, { index: 'dirty', limit })
		);
		return rows.map(({ hour, kind, key, count }) => ({ hour, kind, key, count }));
	}

	async markCountsSent(counts: Count[]): Promise<void> {
		await this.db.tx(['counts'], 'readwrite', async (tx) => {
			const store = tx.store('counts');
			for (const c of counts)
				await store.update([c.hour, c.kind, c.key], (row) => {
					const sent = Math.max(row.sent, c.count);
					return { ...row, sent, dirty: row.count > sent ? 1 : 0 };
				});
		});
	}

	backlog(): Promise<number> {
		return this.db.tx(['outbox'], 'readonly', (tx) =>
			tx.store('outbox').count(startingWith('pending'), BY_STATE)
		);
	}

	async prune(before: number): Promise<void> {
		await this.db.tx(['outbox', 'counts'], 'readwrite', async (tx) => {
			await tx
				.store('outbox')
				.update(
					IDBKeyRange.upperBound(before, true),
					(r) => (r.state === 'synced' ? 'delete' : undefined),
					'syncedAt'
				);
			// Counts of hours the server has in full are no longer needed on the device.
			await tx.store('counts').update(0, (c) => (c.hour < before ? 'delete' : undefined), 'dirty');
		});
	}
}
