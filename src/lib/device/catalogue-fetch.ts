// Fetching the catalogue and its popularity, and checking their shape: run by the catalogue worker
// (catalogue.worker.ts), off the kiosk's main thread. No Svelte, no zod here.
import type { Catalogue, Popularity } from '$lib/schemas/procedure';

const FETCH_TIMEOUT_MS = 15_000;

export type Fetched<T> =
	{ kind: 'new'; data: T; etag: string } | { kind: 'same' } | { kind: 'failed'; offline: boolean };

/** GET with If-None-Match; a network error, a timeout or a 5xx means the server cannot be reached. `onProgress` hears
 * the share of the body received (0 to 1) once the server has answered, when it says how long the body is. */
export async function fetchVersioned<T>(
	url: string,
	etag: string | undefined,
	parse: (v: unknown) => T | undefined,
	onProgress?: (share: number) => void
): Promise<Fetched<T>> {
	let response: Response;
	try {
		response = await fetch(url, {
			headers: etag ? { 'If-None-Match': etag } : {},
			cache: 'no-store',
			signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
		});
	} catch {
		return { kind: 'failed', offline: true };
	}
	if (response.status === 304) return { kind: 'same' };
	if (!response.ok) return { kind: 'failed', offline: response.status >= 500 };
	let body: unknown;
	try {
		body = await readJson(response, onProgress);
	} catch {
		// The body broke off (the link dropped, the timeout struck): as unreachable as no answer at all.
		return { kind: 'failed', offline: true };
	}
	const data = parse(body);
	// Keep what we have: a half-valid catalogue is worse than an old one.
	if (data === undefined) return { kind: 'failed', offline: false };
	return { kind: 'new', data, etag: response.headers.get('ETag') ?? '' };
}

/** The body as JSON (undefined if it is not JSON), read in chunks to report progress. The length comes from the
 * server's X-Json-Length: Content-Length counts gzipped bytes, while the stream gives them unpacked. */
export async function readJson(
	response: Response,
	onProgress?: (share: number) => void
): Promise<unknown> {
	const total = Number(response.headers.get('X-Json-Length'));
	if (!onProgress || !response.body || !(total > 0)) return response.json().catch(() => undefined);
	onProgress(0);
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let received = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		received += value.byteLength;
		onProgress(Math.min(1, received / total));
	}
	const text = await new Blob(chunks as BlobPart[]).text();
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

// The server is ours and validates with zod on import; the kiosk only checks the shape, to keep zod out of its bundle.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextList = (v: unknown): boolean => Array.isArray(v) && v.every(isText);

export function asCatalogue(v: unknown): Catalogue | undefined {
	if (!isObject(v) || !isObject(v.center) || !isObject(v.qr) || !Array.isArray(v.procedures))
		return undefined;
	if (
		!isText(v.center.id) ||
		!isText(v.center.name) ||
		!isText(v.qr.publicUrl) ||
		!isText(v.qr.portalSearchTemplate)
	)
		return undefined;
	const wellFormed = v.procedures.every(
		(p: unknown) =>
			isObject(p) &&
			['code', 'name', 'field', 'agency', 'processingTime', 'fee', 'url'].every((k) =>
				isText(p[k])
			) &&
			isTextList(p.levels) &&
			isTextList(p.channels) &&
			// The center's details: a server older than them sends none (stored-procedure.ts reads them as empty).
			['documents', 'steps', 'legalBasis'].every((k) => p[k] === undefined || isTextList(p[k])) &&
			['result', 'counter'].every((k) => p[k] === undefined || isText(p[k]))
	);
	return wellFormed
		? ({ ...(v as Catalogue), posted: asPosted(v.posted) } satisfies Catalogue)
		: undefined;
}

const isCounts = (v: unknown): boolean =>
	isObject(v) && Object.values(v).every((n) => typeof n === 'number');

export function asPopularity(v: unknown): Popularity | undefined {
	return isObject(v) && isCounts(v.counts) && (v.fields === undefined || isCounts(v.fields))
		? (v as Popularity)
		: undefined;
}

/** The posted list, if well formed; a malformed one is dropped (the device falls back to the center's level). */
function asPosted(v: unknown): Catalogue['posted'] {
	if (!isObject(v) || !isTextList(v.codes) || !isTextList(v.pins) || !isObject(v.counters))
		return undefined;
	return Object.values(v.counters).every(isText) ? (v as Catalogue['posted']) : undefined;
}
