// The rating flow on the device: a citizen's answer written to the outbox before thanks are shown, a dissatisfied
// answer saved at once as a draft and completed with reasons, view counts for the center's publicity figures, and the
// emergency file of unsent ratings. Owns the outbox and counts tables; the staff choice says what a rating is about.
import type { CountKind, RatingLevel, Reason } from '$lib/schemas/sync';
import type { DeviceDb, OutboxRow } from './db';
import { countView } from './counts';
import { startingWith } from './idb';
import type { Pairing } from './pairing.svelte';
import type { StaffChoiceState } from './staff-choice.svelte';
import type { SyncSchedule } from './sync-schedule.svelte';
import { uuidv7 } from './uuid';

const BY_STATE = '[state+createdAt]';

export class Ratings {
	constructor(
		private readonly db: DeviceDb,
		private readonly pairing: Pairing,
		private readonly choice: StaffChoiceState,
		private readonly schedule: SyncSchedule
	) {}

	/** Drafts left by a citizen who walked away, or by a power cut, are answers too: sent as they stand. */
	async recoverDrafts(): Promise<void> {
		await this.db.tx(['outbox'], 'readwrite', (tx) =>
			tx
				.store('outbox')
				.update(startingWith('draft'), (r) => ({ ...r, state: 'pending' }), BY_STATE)
		);
	}

	private row(
		level: RatingLevel,
		reasons: Reason[],
		comment: string,
		state: OutboxRow['state']
	): OutboxRow {
		const now = Date.now();
		const config = this.pairing.config;
		return {
			id: uuidv7(now),
			level,
			scale: config?.scale ?? 3,
			reasons,
			comment,
			ticket: this.choice.ticket,
			dossier: this.choice.dossier,
			counter: config?.counter ?? null,
			field: this.choice.field,
			ratedAt: now,
			clockOffsetMs: this.pairing.offsetMs,
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
		await this.db.add('outbox', row);
		await this.afterRating();
		return row.id;
	}

	/** A dissatisfied answer, saved before the reasons are asked: durable, not yet sent. */
	async draft(level: RatingLevel): Promise<string> {
		const row = this.row(level, [], '', 'draft');
		await this.db.add('outbox', row);
		await this.choice.codesUsed();
		return row.id;
	}

	/** The reasons and comment of a draft; it is then sent. */
	async complete(id: string, input: { reasons: Reason[]; comment: string }): Promise<void> {
		const reasons = [...input.reasons];
		const comment = input.comment.trim().normalize('NFC');
		await this.db.tx(['outbox'], 'readwrite', (tx) =>
			tx
				.store('outbox')
				.update(id, (r) =>
					r.state === 'draft' ? { ...r, state: 'pending', reasons, comment } : undefined
				)
		);
		await this.afterRating();
	}

	private async afterRating() {
		await this.choice.codesUsed();
		await this.schedule.refreshCounts();
		void this.schedule.sync('rating');
	}

	/** One more view of `key` this hour (counts.ts). */
	count(kind: CountKind, key: string): Promise<void> {
		return countView(this.db, kind, key);
	}

	/** The unsent (and refused) ratings as a file, for staff in an emergency. */
	async exportUnsynced(): Promise<Blob> {
		const rows = await this.db.tx(['outbox'], 'readonly', async (tx) => {
			const outbox = tx.store('outbox');
			const unsent: OutboxRow[] = [];
			for (const state of ['draft', 'pending', 'refused'] as const)
				unsent.push(...(await outbox.all(startingWith(state), { index: BY_STATE })));
			return unsent;
		});
		// The emergency file's code is loaded only when staff need it.
		const { outboxFile } = await import('./outbox-file');
		const file = outboxFile(rows, this.pairing.config?.deviceId ?? null, Date.now());
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
		const ratings = (await import('./outbox-file')).outboxRatings(file);
		if (!ratings) return { error: 'Không phải tệp đánh giá xuất từ Sảnh số.' };
		let added = 0;
		await this.db.tx(['outbox'], 'readwrite', async (tx) => {
			const outbox = tx.store('outbox');
			for (const r of ratings) {
				if (await outbox.get(r.id)) continue;
				await outbox.add({
					...r,
					state: 'pending',
					createdAt: Date.now(),
					syncedAt: null,
					refusal: null
				});
				added++;
			}
		});
		await this.schedule.refreshCounts();
		void this.schedule.sync('manual');
		return { added, known: ratings.length - added };
	}
}
