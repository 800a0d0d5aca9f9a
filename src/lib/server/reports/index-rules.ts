// The versions of the service-index weights: the one shipped with the app (RULES_766) and those an admin added on the
// settings page (index_rules, migration 015). An estimate takes the version in force on its period's last day.
import { RULES_766, type IndexRules } from '$lib/domain/service-index';
import {
	FIRST_RULES_DAY,
	storedIndicators,
	type IndexRulesVersion
} from '$lib/schemas/index-rules';
import { hasControlCharacters } from '$lib/schemas/text';
import type { SessionUser } from '../auth/session';
import * as center from '../center';
import { db, type Queryable } from '../db';
import { log } from '../log';

interface Row {
	version: string;
	source: string;
	in_force_from: string;
	indicators: unknown;
	created_by: string;
	created_at: Date | string;
}

const COLUMNS = 'version, source, in_force_from, indicators, created_by, created_at';

/** A stored row as rules, or null (logged) when its weights do not hold: a row edited by hand never breaks a report. */
function rulesOf(row: Row): IndexRulesVersion | null {
	const indicators = storedIndicators.safeParse(row.indicators);
	if (!indicators.success) {
		log.warn('index_rules_invalid', { version: row.version });
		return null;
	}
	return {
		version: row.version,
		source: row.source,
		indicators: indicators.data,
		inForceFrom: row.in_force_from,
		createdBy: row.created_by,
		createdAt: new Date(row.created_at).toISOString()
	};
}

/** The weights in force on `day` (YYYY-MM-DD). */
export async function rulesInForce(q: Queryable, day: string): Promise<IndexRules> {
	const rows = await q.query<Row>(
		`SELECT ${COLUMNS} FROM index_rules WHERE in_force_from <= $1::date ORDER BY in_force_from DESC`,
		[day]
	);
	for (const row of rows) {
		const rules = rulesOf(row);
		if (rules)
			return { version: rules.version, source: rules.source, indicators: rules.indicators };
	}
	return RULES_766;
}

/** Every version, the latest first, the shipped one last. */
export async function versions(): Promise<IndexRulesVersion[]> {
	const rows = await (
		await db()
	).query<Row>(`SELECT ${COLUMNS} FROM index_rules ORDER BY in_force_from DESC`);
	return [
		...rows.map(rulesOf).filter((r): r is IndexRulesVersion => r !== null),
		{ ...RULES_766, inForceFrom: FIRST_RULES_DAY, createdBy: null, createdAt: null }
	];
}

/**
 * Who may add or remove a version: the weights are the deployment's, shared by every center of a city, so a city
 * admin; on a center's own box (no other center in the database), its admin.
 */
export async function mayChange(user: SessionUser): Promise<boolean> {
	if (user.city) return user.city === 'city_admin';
	return user.role === 'admin' && (await center.alone(user.centerId));
}

export type AddOutcome = { ok: true } | { ok: false; message: string };

/** Adds a version; a name or a first day already taken is refused in Vietnamese and nothing changes. */
export async function add(
	rules: IndexRules & { inForceFrom: string },
	username: string
): Promise<AddOutcome> {
	if (rules.version === RULES_766.version || rules.inForceFrom === FIRST_RULES_DAY)
		return {
			ok: false,
			message: `Phiên bản ${RULES_766.version} áp dụng từ 23/6/2022 có sẵn trong Sảnh số: hãy đặt tên và ngày áp dụng khác.`
		};
	const inserted = await (
		await db()
	).query<{ version: string }>(
		`INSERT INTO index_rules (version, source, in_force_from, indicators, created_by)
		 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING version`,
		[rules.version, rules.source, rules.inForceFrom, JSON.stringify(rules.indicators), username]
	);
	if (inserted.length === 0)
		return {
			ok: false,
			message:
				'Đã có phiên bản cùng tên hoặc cùng ngày áp dụng: hãy đặt tên và ngày áp dụng khác, hoặc xóa phiên bản cũ.'
		};
	return { ok: true };
}

/** Removes a version an admin added; the shipped one cannot be removed. Says whether one was. */
export async function remove(version: string): Promise<boolean> {
	// No version holds a control character; PostgreSQL refuses a NUL in text outright.
	if (hasControlCharacters(version)) return false;
	const removed = await (
		await db()
	).query(`DELETE FROM index_rules WHERE version = $1 RETURNING version`, [version]);
	return removed.length > 0;
}
