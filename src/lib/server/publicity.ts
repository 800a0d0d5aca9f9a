// Publicity (niêm yết công khai) as the public sees it: the phone page a QR opens, which counts the scan,
// and the printed posters of a center's catalogue.
import type { Level, Procedure } from '$lib/schemas/procedure';
import * as catalogue from './catalogue';
import * as centers from './center';

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

/** A posted procedure for its phone page, counting a scan when `scan` is set; undefined if unknown or abolished
 * (an unknown code is never counted, so stray URLs leave no counters behind). */
export async function openProcedure(centerId: string, code: string, scan: { at: Date } | null): Promise<Procedure | undefined> {
	const procedure = await catalogue.find(centerId, code);
	if (procedure && scan) await catalogue.countScan(centerId, procedure.code, scan.at);
	return procedure;
}

export interface PosterGroup {
	field: string;
	procedures: Pick<Procedure, 'code' | 'name' | 'url'>[];
}

export interface Posters {
	center: centers.Center;
	level: Level;
	fields: string[];
	groups: PosterGroup[];
}

/** The posted procedures of one level (the center's own by default) and optionally one field, grouped by field in
 * Vietnamese order. */
export async function posters(centerId: string, chosen: Level | null, field: string | null): Promise<Posters | undefined> {
	const center = await centers.get(centerId);
	if (!center) return undefined;
	const level = chosen ?? center.level;
	const atLevel = (await catalogue.active(centerId)).filter((p) => p.levels.includes(level));
	const byField = new Map<string, PosterGroup['procedures']>();
	for (const p of atLevel) {
		const list = byField.get(p.field) ?? [];
		list.push({ code: p.code, name: p.name, url: p.url });
		byField.set(p.field, list);
	}
	const fields = [...byField.keys()].sort((a, b) => a.localeCompare(b, 'vi'));
	const groups = fields.filter((f) => field === null || f === field).map((f) => ({ field: f, procedures: byField.get(f) ?? [] }));
	return { center, level, fields, groups };
}
