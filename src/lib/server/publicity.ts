// Publicity (niêm yết công khai) as the public sees it: the phone page a QR opens, which counts the scan once per
// client and hour, and the printed posters of a center's catalogue.
import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Procedure } from '$lib/schemas/procedure';
import { hasControlCharacters } from '$lib/schemas/text';
import { buildIndex, search } from '$lib/domain/search';
import * as catalogue from './catalogue';
import * as centers from './center';
import { db } from './db';

/** Link-preview fetchers and crawlers: they open a URL without anyone having scanned it. Matched by name, not
 * by "bot", which would also match phone models such as CUBOT. Headless browsers do count (tests drive them). */
const NOT_A_PERSON =
	/googlebot|bingbot|applebot|yandex|baiduspider|duckduckbot|petalbot|facebookexternalhit|facebot|twitterbot|telegrambot|slackbot|discordbot|linkedinbot|whatsapp|skypeuripreview|embedly|crawler|spider|preview|curl\/|wget\/|python-|go-http-client|node-fetch|okhttp|axios/i;

/** Whether a request for a phone page is someone opening it: a GET of the document itself, not a HEAD, a
 * SvelteKit data request, a browser's speculative prefetch or a link-preview fetcher. */
export function isScan(request: Request, isDataRequest: boolean): boolean {
	if (request.method !== 'GET' || isDataRequest) return false;
	const h = request.headers;
	const purpose = `${h.get('sec-purpose') ?? ''} ${h.get('purpose') ?? ''} ${h.get('x-moz') ?? ''}`;
	if (/prefetch|prerender/i.test(purpose)) return false;
	const agent = h.get('user-agent') ?? '';
	return agent !== '' && !NOT_A_PERSON.test(agent);
}

/** The phone page's visitor cookie: a random id, nothing else, so a phone opening a page again is one client. */
export const VISITOR_COOKIE = 'sanhso_visitor';
const VISITOR_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const HOUR_MS = 3_600_000;

/**
 * Who is scanning, as the keys one scan is deduplicated by: the visitor cookie when the phone sends one; on a first
 * visit (or from a client that keeps no cookies) its address and browser, and a new cookie is set so the next visit
 * is recognised either way. Only hashes of these are stored, per hour.
 */
export function scanClients(
	cookies: Pick<Cookies, 'get' | 'set'>,
	address: string,
	agent: string,
	secure: boolean
): string[] {
	const known = cookies.get(VISITOR_COOKIE);
	if (known && VISITOR_SHAPE.test(known)) return [`cookie:${known}`];
	const id = randomBytes(16).toString('base64url');
	cookies.set(VISITOR_COOKIE, id, {
		path: '/p',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 400 * 86_400
	});
	return [`address:${address}\n${agent}`, `cookie:${id}`];
}

/**
 * A posted procedure for its phone page, counting a scan when `scan` is set and none of its clients was counted for
 * this procedure this hour; undefined if unknown or abolished (an unknown code is never counted, so stray URLs leave
 * no counters behind).
 */
export async function openProcedure(
	centerId: string,
	code: string,
	scan: { at: Date; clients: string[] } | null
): Promise<Procedure | undefined> {
	// A code no catalogue holds, and one PostgreSQL could not even compare (U+0000).
	if (code.length > 100 || hasControlCharacters(code)) return undefined;
	const procedure = await catalogue.find(centerId, code);
	if (procedure && scan && (await firstThisHour(centerId, procedure.code, scan.at, scan.clients)))
		await catalogue.countScan(centerId, procedure.code, scan.at);
	return procedure;
}

/** Records the clients for this procedure and hour; true when none of them was there yet. Old hours are forgotten. */
async function firstThisHour(
	centerId: string,
	code: string,
	at: Date,
	clients: string[]
): Promise<boolean> {
	const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
	// The hour is part of the hash: the same phone cannot be followed from one hour to the next.
	const hashed = clients.map((c) =>
		createHash('sha256')
			.update(`${centerId}\n${hour.toISOString()}\n${code}\n${c}`)
			.digest('base64url')
	);
	const database = await db();
	const inserted = await database.query(
		`INSERT INTO scan_clients (center_id, hour, key, client) SELECT $1, $2, $3, unnest($4::text[])
		 ON CONFLICT DO NOTHING RETURNING client`,
		[centerId, hour, code, hashed]
	);
	await database.query('DELETE FROM scan_clients WHERE hour < $1', [
		new Date(hour.getTime() - 2 * HOUR_MS)
	]);
	return inserted.length === hashed.length;
}

export interface PosterGroup {
	field: string;
	procedures: Pick<Procedure, 'code' | 'name' | 'url' | 'processingTime' | 'fee'>[];
}

export interface Posters {
	center: centers.Center;
	fields: string[];
	groups: PosterGroup[];
}

/** The center's posted list (and nothing else: a poster is what the center receives), optionally one field, grouped
 * by field in Vietnamese order. */
export async function posters(
	centerId: string,
	field: string | null
): Promise<Posters | undefined> {
	const overview = await catalogue.postedOverview(centerId);
	const center = await centers.get(centerId);
	if (!overview || !center) return undefined;
	const byField = new Map<string, PosterGroup['procedures']>();
	for (const p of overview.procedures.filter((x) => x.posted)) {
		const list = byField.get(p.field) ?? [];
		list.push({
			code: p.code,
			name: p.name,
			url: p.url,
			processingTime: p.processingTime,
			fee: p.fee
		});
		byField.set(p.field, list);
	}
	const fields = [...byField.keys()].sort((a, b) => a.localeCompare(b, 'vi'));
	// Within a field by name, as a citizen looks a procedure up on the wall.
	const byName = (a: { name: string; code: string }, b: { name: string; code: string }) =>
		a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code);
	const groups = fields
		.filter((f) => field === null || f === field)
		.map((f) => ({ field: f, procedures: (byField.get(f) ?? []).sort(byName) }));
	return { center, fields, groups };
}

/** The longest query a phone search takes: longer than any procedure name a citizen would type. */
export const QUERY_MAX = 100;
/** How many results a phone page lists; more words narrow them. */
const RESULTS_MAX = 30;

export type PhoneSearch =
	| { ok: true; query: string; items: Pick<Procedure, 'code' | 'name' | 'field'>[]; total: number }
	| { ok: false; query: string; message: string };

/**
 * The phone search: what a citizen typed, checked, and the procedures it finds, best first (the kiosk's ranking).
 * It searches the center's posted list, as the kiosk opens on it: a citizen looks for what this center receives.
 */
export async function searchProcedures(centerId: string, typed: string): Promise<PhoneSearch> {
	const query = typed.normalize('NFC').trim();
	if (hasControlCharacters(query))
		return { ok: false, query: '', message: 'Từ khoá chứa ký tự không hợp lệ. Xin gõ lại.' };
	if (query.length > QUERY_MAX)
		return {
			ok: false,
			query,
			message: `Từ khoá dài quá ${QUERY_MAX} ký tự. Xin gõ ngắn hơn, ví dụ: khai sinh.`
		};
	if (query === '') return { ok: true, query, items: [], total: 0 };
	const posted =
		(await catalogue.postedOverview(centerId))?.procedures.filter((p) => p.posted) ?? [];
	const found = search(buildIndex(posted), query, { limit: RESULTS_MAX });
	return {
		ok: true,
		query,
		items: found.items.map(({ code, name, field }) => ({ code, name, field })),
		total: found.total
	};
}
