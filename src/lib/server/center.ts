// The center's identity (official name, governing body, place name, address, opening hours, phone, level): the one
// reader for the kiosk, the phone pages, the posters and the reports, and the one writer (/admin/settings).
// The environment only gives the values of a first start (ensure); after that the database wins. Beside it, what the
// report needs to be an official document (its number's symbol, Nơi nhận, the signer), set on the same page.
import type { CenterIdentity, ReportDocument } from '$lib/schemas/center';
import type { Config } from './config';
import { db } from './db';

export type Center = CenterIdentity & { id: string };

// A column never set is NULL (see migration 005); readers see it as empty.
const COLUMNS = `id, name, level, COALESCE(governing_body, '') AS "governingBody", COALESCE(place_name, '') AS "placeName",
	COALESCE(address, '') AS address, COALESCE(opening_hours, '') AS "openingHours", COALESCE(phone, '') AS phone`;

export async function get(centerId: string): Promise<Center | undefined> {
	const rows = await (
		await db()
	).query<Center>(`SELECT ${COLUMNS} FROM centers WHERE id = $1`, [centerId]);
	return rows[0];
}

/** Saves the identity validated by centerIdentitySchema; false for an unknown center. */
export async function update(centerId: string, identity: CenterIdentity): Promise<boolean> {
	const { name, level, governingBody, placeName, address, openingHours, phone } = identity;
	const rows = await (
		await db()
	).query(
		`UPDATE centers SET name = $2, level = $3, governing_body = $4, place_name = $5, address = $6, opening_hours = $7, phone = $8
		 WHERE id = $1 RETURNING id`,
		[centerId, name, level, governingBody, placeName, address, openingHours, phone]
	);
	return rows.length > 0;
}

/** The report's document settings; undefined for an unknown center. */
export async function reportDocument(centerId: string): Promise<ReportDocument | undefined> {
	const rows = await (
		await db()
	).query<ReportDocument>(
		`SELECT report_symbol AS "reportSymbol", recipients, signer_title AS "signerTitle", signer_name AS "signerName" FROM centers WHERE id = $1`,
		[centerId]
	);
	return rows[0];
}

/** Saves the document settings validated by reportDocumentSchema; false for an unknown center. */
export async function updateReportDocument(
	centerId: string,
	doc: ReportDocument
): Promise<boolean> {
	const rows = await (
		await db()
	).query(
		`UPDATE centers SET report_symbol = $2, recipients = $3, signer_title = $4, signer_name = $5 WHERE id = $1 RETURNING id`,
		[centerId, doc.reportSymbol, doc.recipients, doc.signerTitle, doc.signerName]
	);
	return rows.length > 0;
}

/**
 * At start: creates the configured center from the environment's values. An existing center keeps what it has; only
 * a field never set (a column added by an upgrade) takes the environment's value, once.
 */
export async function ensure(cfg: Config): Promise<void> {
	await (
		await db()
	).query(
		`INSERT INTO centers (id, name, level, governing_body, place_name, address, opening_hours, phone)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		 ON CONFLICT (id) DO UPDATE SET
		   governing_body = COALESCE(centers.governing_body, excluded.governing_body),
		   place_name = COALESCE(centers.place_name, excluded.place_name),
		   address = COALESCE(centers.address, excluded.address),
		   opening_hours = COALESCE(centers.opening_hours, excluded.opening_hours),
		   phone = COALESCE(centers.phone, excluded.phone)
		 WHERE centers.governing_body IS NULL OR centers.place_name IS NULL OR centers.address IS NULL
		   OR centers.opening_hours IS NULL OR centers.phone IS NULL`,
		[
			cfg.CENTER_ID,
			cfg.CENTER_NAME,
			cfg.CENTER_LEVEL,
			cfg.CENTER_GOVERNING_BODY,
			cfg.CENTER_PLACE_NAME,
			cfg.CENTER_ADDRESS,
			cfg.CENTER_OPENING_HOURS,
			cfg.CENTER_PHONE
		]
	);
}
