// Responses for device APIs: a versioned JSON body with its ETag (304 when the device has it), gzipped when accepted.
import { gzipSync } from 'node:zlib';
import type { Versioned } from './catalogue';

export function versionedJson(request: Request, { body, etag }: Versioned): Response {
	const headers = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
	if (request.headers.get('If-None-Match') === etag)
		return new Response(null, { status: 304, headers });
	// The unpacked length, for a kiosk's first-start progress: Content-Length counts the gzipped bytes.
	const json = {
		...headers,
		'Content-Type': 'application/json; charset=utf-8',
		'X-Json-Length': String(Buffer.byteLength(body))
	};
	// The catalogue is 1.3 MB of JSON and about 200 kB gzipped: it matters on a kiosk's slow link.
	if (/\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '')) {
		return new Response(gzipSync(body), { headers: { ...json, 'Content-Encoding': 'gzip' } });
	}
	return new Response(body, { headers: json });
}
