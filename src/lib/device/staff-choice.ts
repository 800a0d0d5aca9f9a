// What staff choose on the counter tablet for the next rating (field, ticket, dossier), as it is saved on the device,
// and the rules for reading it back after a reload: a choice that no longer makes sense is dropped, with a note saying
// so. Pure: the caller reads IndexedDB and the clock (staff-choice.svelte.ts).
import type { Catalogue, Procedure } from '$lib/schemas/procedure';
import { NO_CHOICES, postedProcedures } from '$lib/domain/posted';
import { viDate } from '$lib/domain/periods';
import { localDate } from '$lib/domain/vn-time';
import { CODE_MAX } from '$lib/schemas/sync-values';

export interface StaffChoice {
	field: string | null;
	ticket: string | null;
	dossier: string | null;
}

/** As saved: when the ticket or dossier was keyed in, and a note about a dropped choice the clerk has not yet read. */
export interface SavedChoice extends StaffChoice {
	/** Epoch ms when the ticket or dossier was set; absent in rows saved before it was kept. */
	codesAt?: number | null;
	notice?: string | null;
}

export interface RestoreContext {
	now: number;
	/** The device's own field (set by the admin at pairing, updated by sync): always a valid choice. */
	defaultField: string | null;
	/** Whether the saved field is on the center's posted list; null when the device cannot tell (no catalogue). */
	fieldPosted: boolean | null;
}

export interface Restored {
	choice: StaffChoice;
	codesAt: number | null;
	notice: string | null;
}

/** Reads a saved choice back. Nothing saved: the device's own field (as before there was a saved choice). */
export function restoreChoice(saved: SavedChoice | undefined, ctx: RestoreContext): Restored {
	if (!saved)
		return {
			choice: { field: ctx.defaultField, ticket: null, dossier: null },
			codesAt: null,
			notice: null
		};
	const notes: string[] = saved.notice ? [saved.notice] : [];
	let field = saved.field;
	// The admin's field for this device stays valid even when the posted list leaves it out.
	if (field !== null && field !== ctx.defaultField && ctx.fieldPosted === false) {
		notes.push(fieldDroppedNote(field, ctx.defaultField));
		field = ctx.defaultField;
	}
	let { ticket, dossier } = saved;
	const codesAt = saved.codesAt ?? null;
	// Queue tickets restart every day, and a code keyed in for a citizen who never rated belongs to someone long gone.
	if ((ticket || dossier) && codesAt !== null && !sameDay(codesAt, ctx.now)) {
		const day = viDate(localDate(new Date(codesAt)));
		const codes = [ticket && `số phiếu «${ticket}»`, dossier && `mã hồ sơ «${dossier}»`]
			.filter(Boolean)
			.join(' và ');
		notes.push(
			`Đã bỏ ${codes} nhập ngày ${day} mà chưa có lượt đánh giá nào dùng: số phiếu và mã hồ sơ chỉ dùng trong ngày.`
		);
		ticket = null;
		dossier = null;
	}
	return {
		choice: { field, ticket, dossier },
		codesAt: ticket || dossier ? codesAt : null,
		notice: notes.length ? notes.join(' ') : null
	};
}

/** Says which field was dropped and which one ratings now carry. */
export function fieldDroppedNote(field: string, defaultField: string | null): string {
	return (
		`Lĩnh vực «${field}» không còn trong danh mục niêm yết của trung tâm nên đã được bỏ; ` +
		(defaultField ? `đang dùng lĩnh vực mặc định «${defaultField}».` : 'hãy chọn lại lĩnh vực.')
	);
}

/** Adds a note after one staff have not read yet. */
export function addNote(notice: string | null, note: string): string {
	return notice ? `${notice} ${note}` : note;
}

function sameDay(a: number, b: number): boolean {
	return localDate(new Date(a)) === localDate(new Date(b));
}

/**
 * Whether `field` is on the center's posted list, from the device's stored catalogue: the procedures of that field
 * (from its index) against the posted codes, or, for a catalogue stored before there was a posted list, the center's
 * level. The same rule as the staff panel's list of fields (CatalogueStore.posted).
 */
export function fieldIsPosted(
	ofField: readonly Pick<Procedure, 'code' | 'levels' | 'field'>[],
	catalogue: { center: Catalogue['center']; posted?: Catalogue['posted'] }
): boolean {
	if (catalogue.posted) {
		const codes = new Set(catalogue.posted.codes);
		return ofField.some((p) => codes.has(p.code));
	}
	return postedProcedures(ofField, NO_CHOICES, catalogue.center.level).length > 0;
}

export type CodeKind = keyof typeof CODE_MAX;

/** A ticket or dossier code as staff keyed it, ready to save, or why it cannot be: the server would refuse the rating
 * that carried a longer one, and that citizen's answer would be lost. */
export function checkCode(
	kind: CodeKind,
	typed: string
): { code: string | null } | { error: string } {
	const code = typed.trim().toUpperCase();
	const max = CODE_MAX[kind];
	if ([...code].length > max)
		return { error: `${kind === 'ticket' ? 'Số phiếu' : 'Mã hồ sơ'} dài quá ${max} ký tự.` };
	return { code: code || null };
}
