// The center's choices over its posted list (danh mục niêm yết): fields and procedures shown or hidden, the pinned
// fields and each field's counter. The one reader and writer of posted_fields, posted_procedures and pinned_fields;
// what is posted follows from these by src/lib/domain/posted.ts.
import { movePin, type PostedChoices } from '$lib/domain/posted';
import { db, type Queryable } from '../db';

export async function choices(centerId: string, q?: Queryable): Promise<PostedChoices> {
	const database = q ?? (await db());
	const fields = await database.query<PostedChoices['fields'][number]>(
		'SELECT field, shown, counter FROM posted_fields WHERE center_id = $1 ORDER BY field',
		[centerId]
	);
	const procedures = await database.query<PostedChoices['procedures'][number]>(
		'SELECT code, shown FROM posted_procedures WHERE center_id = $1 ORDER BY code',
		[centerId]
	);
	const centers = await database.query<{ pins: string[] }>(
		'SELECT pinned_fields AS pins FROM centers WHERE id = $1',
		[centerId]
	);
	return { fields, procedures, pins: centers[0]?.pins ?? [] };
}

/** Whether the center's catalogue holds a field (abolished procedures left out). */
async function hasField(q: Queryable, centerId: string, field: string): Promise<boolean> {
	const rows = await q.query(
		'SELECT 1 FROM procedures WHERE center_id = $1 AND field = $2 AND abolished_at IS NULL LIMIT 1',
		[centerId, field]
	);
	return rows.length > 0;
}

export type Outcome = { ok: true } | { ok: false; message: string };
const NO_FIELD: Outcome = { ok: false, message: 'Không có lĩnh vực này trong danh mục.' };

/**
 * Shows or hides a whole field, or returns it to the default (null). The field's single-procedure choices go: "show
 * the whole field" must show all of it.
 */
export async function setField(
	centerId: string,
	field: string,
	shown: boolean | null
): Promise<Outcome> {
	return (await db()).transaction(async (tx) => {
		if (!(await hasField(tx, centerId, field))) return NO_FIELD;
		await tx.query(
			`INSERT INTO posted_fields (center_id, field, shown) VALUES ($1, $2, $3)
			 ON CONFLICT (center_id, field) DO UPDATE SET shown = excluded.shown`,
			[centerId, field, shown]
		);
		await tx.query(
			`DELETE FROM posted_procedures pp USING procedures p
			 WHERE pp.center_id = $1 AND p.center_id = $1 AND p.code = pp.code AND p.field = $2`,
			[centerId, field]
		);
		return { ok: true } as const;
	});
}

/** Shows or hides one procedure whatever its field and level say. */
export async function setProcedure(
	centerId: string,
	code: string,
	shown: boolean
): Promise<Outcome> {
	const database = await db();
	const known = await database.query(
		'SELECT 1 FROM procedures WHERE center_id = $1 AND code = $2 AND abolished_at IS NULL',
		[centerId, code]
	);
	if (known.length === 0) return { ok: false, message: 'Không có thủ tục này trong danh mục.' };
	await database.query(
		`INSERT INTO posted_procedures (center_id, code, shown) VALUES ($1, $2, $3)
		 ON CONFLICT (center_id, code) DO UPDATE SET shown = excluded.shown`,
		[centerId, code, shown]
	);
	return { ok: true };
}

/** The counter (quầy) serving a field, as staff write it ("3", "Quầy 3"); empty for none. */
export async function setCounter(
	centerId: string,
	field: string,
	counter: string
): Promise<Outcome> {
	const database = await db();
	if (!(await hasField(database, centerId, field))) return NO_FIELD;
	await database.query(
		`INSERT INTO posted_fields (center_id, field, counter) VALUES ($1, $2, $3)
		 ON CONFLICT (center_id, field) DO UPDATE SET counter = excluded.counter`,
		[centerId, field, counter]
	);
	return { ok: true };
}

/** Pins a field (at the end), unpins it, or moves it up or down among the pins. */
export async function movePinned(
	centerId: string,
	field: string,
	move: 'pin' | 'unpin' | 'up' | 'down'
): Promise<Outcome> {
	return (await db()).transaction(async (tx) => {
		// Locked, so two managers pinning at once cannot make nine.
		const [row] = await tx.query<{ pins: string[] }>(
			'SELECT pinned_fields AS pins FROM centers WHERE id = $1 FOR UPDATE',
			[centerId]
		);
		if (!row) return NO_FIELD;
		// A pin left behind by an import that removed its field can still be unpinned.
		if (move === 'pin' && !(await hasField(tx, centerId, field))) return NO_FIELD;
		const next = movePin(row.pins, field, move);
		if (!Array.isArray(next)) return { ok: false, message: next.error } as const;
		await tx.query('UPDATE centers SET pinned_fields = $2 WHERE id = $1', [centerId, next]);
		return { ok: true } as const;
	});
}

/**
 * The demo center's choices, as a commune center would make them: the portal lists customs, tax and maritime
 * procedures at commune level too, but their own offices receive them, not a commune's center. Its most asked-for
 * fields lead the kiosk.
 */
export const DEMO_CHOICES: PostedChoices = {
	fields: ['Hải quan', 'Thuế', 'Hàng hải và đường thủy nội địa'].map((field) => ({
		field,
		shown: false,
		counter: ''
	})),
	procedures: [],
	pins: ['Hộ tịch', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Đất đai']
};

/** Writes a whole set of choices at once (the demo's, at its first start). */
export async function seed(centerId: string, c: PostedChoices): Promise<void> {
	await (
		await db()
	).transaction(async (tx) => {
		for (const f of c.fields) {
			await tx.query(
				`INSERT INTO posted_fields (center_id, field, shown, counter) VALUES ($1, $2, $3, $4)
				 ON CONFLICT (center_id, field) DO UPDATE SET shown = excluded.shown, counter = excluded.counter`,
				[centerId, f.field, f.shown, f.counter]
			);
		}
		for (const p of c.procedures) {
			await tx.query(
				`INSERT INTO posted_procedures (center_id, code, shown) VALUES ($1, $2, $3)
				 ON CONFLICT (center_id, code) DO UPDATE SET shown = excluded.shown`,
				[centerId, p.code, p.shown]
			);
		}
		await tx.query('UPDATE centers SET pinned_fields = $2 WHERE id = $1', [centerId, c.pins]);
	});
}
