// What staff chose on the counter tablet for the next rating: the field (lĩnh vực), and a ticket or dossier code used
// by one rating only. Owns the 'counter' row of the meta table: every change is saved at once, so a reload (a new app
// version, a power cut, a crash) keeps it. Read back through staff-choice.ts, which drops what no longer makes sense.
import type { CounterMeta, DeviceDb } from './db';
import { addNote, fieldDroppedNote, fieldIsPosted, restoreChoice } from './staff-choice';

export type CodeKind = 'ticket' | 'dossier';

export class StaffChoiceState {
	field = $state<string | null>(null);
	ticket = $state<string | null>(null);
	dossier = $state<string | null>(null);
	/** Why a saved choice was dropped, for staff; kept (and saved) until they close it or choose again. */
	notice = $state<string | null>(null);
	/** When the ticket or dossier was keyed in: they are for today's citizens only. */
	#codesAt: number | null = null;

	constructor(private readonly db: DeviceDb) {}

	/** Reads the saved choice back; with none, the device's own field. A dropped part is saved as dropped. */
	async load(defaultField: string | null): Promise<void> {
		const row = await this.db.get('meta', 'counter');
		const saved = row?.key === 'counter' ? row : undefined;
		const fieldPosted =
			saved?.field && saved.field !== defaultField ? await this.#fieldPosted(saved.field) : null;
		const restored = restoreChoice(saved, { now: Date.now(), defaultField, fieldPosted });
		({ field: this.field, ticket: this.ticket, dossier: this.dossier } = restored.choice);
		this.#codesAt = restored.codesAt;
		this.notice = restored.notice;
		if (saved && restored.notice !== (saved.notice ?? null)) await this.save();
	}

	/** Whether the field is on the posted list of the catalogue this device holds; null when it holds none. */
	async #fieldPosted(field: string): Promise<boolean | null> {
		const catalogue = await this.db.catalogueMeta();
		if (!catalogue) return null;
		// The 'field' index: only that field's procedures are read, not the whole catalogue.
		return fieldIsPosted(
			await this.db.tx(['procedures'], 'readonly', (tx) =>
				tx.store('procedures').all(field, { index: 'field' })
			),
			catalogue
		);
	}

	async chooseField(field: string): Promise<void> {
		this.field = field;
		this.notice = null;
		await this.save();
	}

	/** A ticket or dossier code for the next rating; empty clears it. */
	async chooseCode(kind: CodeKind, code: string | null): Promise<void> {
		this[kind] = code || null;
		this.#codesAt = this.ticket || this.dossier ? Date.now() : null;
		this.notice = null;
		await this.save();
	}

	/** A rating took the codes: each is counted once, so the next citizen starts without them. */
	async codesUsed(): Promise<void> {
		this.ticket = null;
		this.dossier = null;
		this.#codesAt = null;
		await this.save();
	}

	/** A new pairing: its own field; codes keyed in meanwhile are still for the next citizen. */
	async paired(defaultField: string | null): Promise<void> {
		this.field = defaultField;
		await this.save();
	}

	/**
	 * The catalogue just read (the staff panel's) no longer posts the chosen field: back to the device's own, with a
	 * note. `posted` is the panel's list of fields, the device's own first.
	 */
	async checkField(posted: readonly string[], defaultField: string | null): Promise<void> {
		const field = this.field;
		if (field === null || field === defaultField || posted.includes(field)) return;
		this.field = defaultField;
		this.notice = addNote(this.notice, fieldDroppedNote(field, defaultField));
		await this.save();
	}

	async dismissNotice(): Promise<void> {
		this.notice = null;
		await this.save();
	}

	private async save(): Promise<void> {
		const meta: CounterMeta = {
			key: 'counter',
			field: this.field,
			ticket: this.ticket,
			dossier: this.dossier,
			codesAt: this.#codesAt,
			notice: this.notice
		};
		await this.db.put('meta', meta);
	}
}
