// The outbox in IndexedDB (Dexie): the OutboxStore the sync engine drains in the browser.
import Dexie from 'dexie';
import type { Count, Rating } from '$lib/schemas/sync';
import type { DeviceDb, OutboxRow } from '../db';
import type { OutboxStore } from './engine';

const toRating = ({
	state: _s,
	createdAt: _c,
	syncedAt: _a,
	refusal: _r,
	...rating
}: OutboxRow): Rating => rating;

export class DexieOutbox implements OutboxStore {
	constructor(private readonly db: DeviceDb) {}

	async pending(limit: number): Promise<Rating[]> {
		const rows = await this.db.outbox
			.where('[state+createdAt]')
			.between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
			.limit(limit)
			.toArray();
		return rows.map(toRating);
	}

	async markSynced(ids: string[], at: number): Promise<void> {
		await this.db.outbox
			.where('id')
			.anyOf(ids)
			.and((r) => r.state === 'pending')
			.modify({ state: 'synced', syncedAt: at });
	}

	async markRefused(items: { id: string; message: string }[]): Promise<void> {
		await this.db.transaction('rw', this.db.outbox, async () => {
			for (const item of items)
				await this.db.outbox
					.where('id')
					.equals(item.id)
					.modify({ state: 'refused', refusal: item.message });
		});
	}

	async dirtyCounts(limit: number): Promise<Count[]> {
		const rows = await this.db.counts.where('dirty').equals(1).limit(limit).toArray();
		return rows.map(({ hour, kind, key, count }) => ({ hour, kind, key, count }));
	}

	async markCountsSent(counts: Count[]): Promise<void> {
		await this.db.transaction('rw', this.db.counts, async () => {
			for (const c of counts) {
				const row = await this.db.counts.get([c.hour, c.kind, c.key]);
				if (!row) continue;
				const sent = Math.max(row.sent, c.count);
				await this.db.counts.put({ ...row, sent, dirty: row.count > sent ? 1 : 0 });
			}
		});
	}

	backlog(): Promise<number> {
		return this.db.outbox
			.where('[state+createdAt]')
			.between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
			.count();
	}

	async prune(before: number): Promise<void> {
		await this.db.outbox
			.where('syncedAt')
			.below(before)
			.and((r) => r.state === 'synced')
			.delete();
		// Counts of hours the server has in full are no longer needed on the device.
		await this.db.counts
			.where('dirty')
			.equals(0)
			.and((c) => c.hour < before)
			.delete();
	}
}
