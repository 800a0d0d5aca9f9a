// The center's identity (official name, governing body, place name, address, opening hours, phone, level): the one
// reader for the kiosk, the phone pages, the posters and the reports, and the one writer (/admin/settings).
// The environment only gives the values of a first start (ensure); after that the database wins. Beside it, what the
// report needs to be an official document (its number's symbol, Nơi nhận, the signer), set on the same page.
import type { CenterIdentity, NewCenter, ReportDocument } from '$lib/schemas/center';
import type { Config } from './config';
import { db, type Queryable } from './db';

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

/** Whether a center of this code exists, or no other center does (a box's own database). */
export async function aloneOrKnown(centerId: string): Promise<boolean> {
	const [{ ok }] = await (
		await db()
	).query<{ ok: boolean }>(
		`SELECT EXISTS (SELECT 1 FROM centers WHERE id = $1) OR NOT EXISTS (SELECT 1 FROM centers) AS ok`,
		[centerId]
	);
	return ok;
}

/** Whether no other center shares this database (a center's own box): what the deployment holds is then its own. */
export async function alone(centerId: string): Promise<boolean> {
	const [{ ok }] = await (
		await db()
	).query<{ ok: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM centers WHERE id <> $1) AS ok`, [
		centerId
	]);
	return ok;
}

/** Whether a center of this code exists. */
export async function exists(centerId: string): Promise<boolean> {
	const [row] = await (await db()).query('SELECT 1 FROM centers WHERE id = $1', [centerId]);
	return row !== undefined;
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

/** A center as the city's list shows it: identity, the host names it answers on, when it was added. */
export interface CityCenter {
	id: string;
	name: string;
	level: string;
	hosts: string[];
	createdAt: Date;
}

/** Every center of the deployment, by name. */
export async function list(): Promise<CityCenter[]> {
	return (await db()).query<CityCenter>(
		`SELECT c.id, c.name, c.level, c.created_at AS "createdAt",
			COALESCE((SELECT array_agg(h.host ORDER BY h.host) FROM center_hosts h WHERE h.center_id = c.id), '{}') AS hosts
		 FROM centers c ORDER BY c.name, c.id`
	);
}

export type CenterChange = { ok: true } | { ok: false; message: string };

const hostsTaken = (hosts: string[]) =>
	`Tên miền ${hosts.join(', ')} đã thuộc một trung tâm khác; mỗi tên miền chỉ dẫn tới một trung tâm.`;

/** Hosts of `hosts` that another center answers on already. */
async function takenHosts(q: Queryable, centerId: string, hosts: string[]): Promise<string[]> {
	if (hosts.length === 0) return [];
	const rows = await q.query<{ host: string }>(
		'SELECT host FROM center_hosts WHERE host = ANY($1::text[]) AND center_id <> $2 ORDER BY host',
		[hosts, centerId]
	);
	return rows.map((r) => r.host);
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === UNIQUE_VIOLATION;

/** Adds a center to the deployment (validated by newCenterSchema); refused whole if its code or a host is taken. */
export async function create(c: NewCenter): Promise<CenterChange> {
	try {
		return afterHostChange(
			await (
				await db()
			).transaction(async (tx) => {
				const added = await tx.query(
					`INSERT INTO centers (id, name, level) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
					[c.id, c.name, c.level]
				);
				if (added.length === 0)
					return { ok: false as const, message: `Đã có trung tâm mang mã ${c.id}.` };
				const taken = await takenHosts(tx, c.id, c.hosts);
				if (taken.length > 0) throw new HostsTaken(taken);
				await writeHosts(tx, c.id, c.hosts);
				return { ok: true as const };
			})
		);
	} catch (e) {
		if (e instanceof HostsTaken) return { ok: false, message: hostsTaken(e.hosts) };
		// Another request took the code or a host between the check and the write.
		if (isUniqueViolation(e))
			return {
				ok: false,
				message: 'Mã hoặc tên miền vừa được dùng cho trung tâm khác. Hãy thử lại.'
			};
		throw e;
	}
}

class HostsTaken extends Error {
	constructor(readonly hosts: string[]) {
		super(`hosts taken: ${hosts.join(', ')}`);
	}
}

async function writeHosts(tx: Queryable, centerId: string, hosts: string[]): Promise<void> {
	await tx.query('DELETE FROM center_hosts WHERE center_id = $1', [centerId]);
	if (hosts.length > 0)
		await tx.query(
			'INSERT INTO center_hosts (host, center_id) SELECT h, $2 FROM unnest($1::text[]) AS h',
			[hosts, centerId]
		);
}

/** Replaces the host names a center answers on; refused whole when another center has one of them. */
export async function setHosts(centerId: string, hosts: string[]): Promise<CenterChange> {
	try {
		return afterHostChange(
			await (
				await db()
			).transaction(async (tx) => {
				const found = await tx.query('SELECT 1 FROM centers WHERE id = $1 FOR UPDATE', [centerId]);
				if (found.length === 0)
					return { ok: false as const, message: 'Không tìm thấy trung tâm này.' };
				const taken = await takenHosts(tx, centerId, hosts);
				if (taken.length > 0) return { ok: false as const, message: hostsTaken(taken) };
				await writeHosts(tx, centerId, hosts);
				return { ok: true as const };
			})
		);
	} catch (e) {
		if (isUniqueViolation(e))
			return { ok: false, message: 'Tên miền vừa được dùng cho trung tâm khác. Hãy thử lại.' };
		throw e;
	}
}

/** How long this instance trusts its copy of the host table: another instance's change shows within this. */
const HOSTS_TTL_MS = 10_000;
interface Addresses {
	/** Host name → its center. */
	hosts: Map<string, string>;
	/** Every center's code: a path prefix or a remembered choice must name one. */
	ids: Set<string>;
}

let known: { at: number; addresses: Promise<Addresses> } | undefined;

function forgetHosts(): void {
	known = undefined;
}

/** After a committed change of hosts this instance reads them anew (read before the commit, it could keep the old). */
function afterHostChange(outcome: CenterChange): CenterChange {
	if (outcome.ok) forgetHosts();
	return outcome;
}

/** The centers' host names and codes, read at most every HOSTS_TTL_MS by this instance. */
function addresses(): Promise<Addresses> {
	const now = Date.now();
	if (!known || now - known.at > HOSTS_TTL_MS) {
		const read = (async () => {
			const q = await db();
			const [hosts, ids] = await Promise.all([
				q.query<{ host: string; center_id: string }>('SELECT host, center_id FROM center_hosts'),
				q.query<{ id: string }>('SELECT id FROM centers')
			]);
			return {
				hosts: new Map(hosts.map((r) => [r.host, r.center_id])),
				ids: new Set(ids.map((r) => r.id))
			};
		})();
		known = { at: now, addresses: read };
		// A failed read is not kept: the next request tries again.
		read.catch(() => known?.addresses === read && forgetHosts());
	}
	return known.addresses;
}

/**
 * The center a request is for, from the host name it was sent to; `fallback` (CENTER_ID, the single center of a
 * box) for any host no center claims.
 */
export async function forHost(hostname: string, fallback: string): Promise<string> {
	return (await addresses()).hosts.get(hostname.toLowerCase()) ?? fallback;
}

/** A path's center prefix (`/c/CODE/...`, for a city on one address): the code, or null for a path without one. */
export function prefixOf(pathname: string): string | null {
	return /^\/c\/([a-z0-9-]{1,40})(?:\/|$)/.exec(pathname)?.[1] ?? null;
}

/** The route a path answers on: without its center prefix (as src/hooks.ts reroutes it). */
export function routePath(pathname: string): string {
	const code = prefixOf(pathname);
	return code === null ? pathname : pathname.slice(`/c/${code}`.length) || '/';
}

/** The cookie that keeps the center a browser last opened by its prefix, for the links that carry none. */
export const CENTER_COOKIE = 'sanhso_center';

export type RequestCenter =
	| {
			ok: true;
			id: string;
			/** '/c/CODE' where the center came from a prefix or the cookie, else '' */ path: string;
	  }
	| { ok: false };

/**
 * The center a request is for: a host name a center claims; else a path prefix (`/c/CODE/...`, which the browser then
 * remembers in a cookie for the app's own links, which carry no prefix); else that remembered center; else
 * `fallback`. A prefix naming no center is refused; a remembered code that names none any more is passed over.
 */
export async function forRequest(
	url: URL,
	remembered: string | undefined,
	fallback: string
): Promise<RequestCenter> {
	const { hosts, ids } = await addresses();
	const byHost = hosts.get(url.hostname.toLowerCase());
	if (byHost) return { ok: true, id: byHost, path: '' };
	const prefixed = prefixOf(url.pathname);
	if (prefixed !== null)
		return ids.has(prefixed) ? { ok: true, id: prefixed, path: `/c/${prefixed}` } : { ok: false };
	if (remembered && ids.has(remembered))
		return { ok: true, id: remembered, path: `/c/${remembered}` };
	return { ok: true, id: fallback, path: '' };
}
