// API tokens an admin creates so another system (the city's dashboard, a spreadsheet) can read reports: a token is
// shown once, only its hash is kept, and it reads the reports of its own center and nothing else.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { db } from '../db';

const PREFIX = 'ssr_'; // tells a report token from a device token at a glance in a config file
const TOKEN_SHAPE = /^ssr_[A-Za-z0-9_-]{43}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ApiToken {
	id: string;
	name: string;
	createdBy: string | null;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

/** A new token; the only time its value is known. */
export async function create(
	centerId: string,
	name: string,
	createdBy: string | null
): Promise<{ id: string; token: string }> {
	const id = randomUUID();
	const token = PREFIX + randomBytes(32).toString('base64url');
	await (
		await db()
	).query(
		`INSERT INTO api_tokens (id, center_id, name, token_hash, created_by) VALUES ($1, $2, $3, $4, $5)`,
		[id, centerId, name, sha256(token), createdBy]
	);
	return { id, token };
}

/** The center an `Authorization: Bearer ssr_…` header may read, or null. */
export async function centerOf(header: string | null, now = new Date()): Promise<string | null> {
	const token = header?.match(/^Bearer (\S+)$/)?.[1];
	if (!token || !TOKEN_SHAPE.test(token)) return null;
	const rows = await (
		await db()
	).query<{ center_id: string }>(
		`UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING center_id`,
		[sha256(token), now]
	);
	return rows[0]?.center_id ?? null;
}

export async function list(centerId: string): Promise<ApiToken[]> {
	return (await db()).query<ApiToken>(
		`SELECT id, name, created_by AS "createdBy", created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
		 FROM api_tokens WHERE center_id = $1 ORDER BY created_at DESC`,
		[centerId]
	);
}

export async function revoke(centerId: string, id: string, now = new Date()): Promise<boolean> {
	const rows = await (
		await db()
	).query(
		`UPDATE api_tokens SET revoked_at = $3 WHERE center_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING 1`,
		[centerId, id, now]
	);
	return rows.length > 0;
}
