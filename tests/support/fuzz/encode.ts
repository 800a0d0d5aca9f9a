// Bodies and query strings for the fuzz test: a valid-shaped form or JSON value with one part broken, written in the
// right encoding or a wrong one (multipart, urlencoded, JSON, text/plain, none, broken multipart, bytes that are not UTF-8).
import fc from 'fast-check';
import { badPercent, oddText, oddValue, percentEncode, toJson, utf8Loose } from './values';

export interface FilePart {
	filename: string;
	type: string;
	bytes: Buffer;
}
export type FormValue = string | FilePart;
/** A form as the browser sends it: ordered pairs, a name may repeat. */
export type Form = [name: string, value: FormValue][];

export interface Body {
	contentType: string | null;
	bytes: Buffer;
}

const isFile = (v: FormValue): v is FilePart => typeof v !== 'string';

/** Random bytes, a file of odd text, or nothing: what a broken file input or a wrong file sends. */
export const oddFile: fc.Arbitrary<FilePart> = fc.record({
	filename: fc.oneof(
		fc.constantFrom(
			'a.csv',
			'a.xlsx',
			'a.json',
			'a.CSV',
			'noextension',
			'',
			'.csv',
			'a.csv.exe',
			'tệp "x".csv',
			'a\r\n.csv',
			'../../a.csv'
		),
		oddText
	),
	type: fc.constantFrom(
		'text/csv',
		'application/octet-stream',
		'application/json',
		'',
		'text/plain; charset=utf-16'
	),
	bytes: fc.oneof(
		fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
		oddText.map(utf8Loose),
		fc.constant(Buffer.alloc(0))
	)
});

/** A form with one thing wrong: a value replaced, removed or repeated, a field added, or (rarely) nothing wrong. */
export function breakForm(form: fc.Arbitrary<Form>): fc.Arbitrary<Form> {
	return fc
		.tuple(
			form,
			fc.nat(),
			fc.constantFrom('replace', 'replace', 'replace', 'remove', 'repeat', 'extra', 'none'),
			oddText,
			oddFile
		)
		.map(([pairs, n, how, text, file]) => {
			if (pairs.length === 0 || how === 'none') return pairs;
			const i = n % pairs.length;
			const [name, value] = pairs[i];
			const odd: FormValue = isFile(value) && n % 3 !== 0 ? file : text;
			const out = [...pairs];
			if (how === 'replace') out[i] = [name, odd];
			else if (how === 'remove') out.splice(i, 1);
			else if (how === 'repeat') out.splice(i + 1, 0, [name, odd]);
			else out.push([n % 2 ? text : '__proto__', odd]);
			return out;
		});
}

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
	if (Array.isArray(value))
		return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
	if (typeof value === 'object' && value !== null)
		return Object.entries(value).flatMap(([k, v]) => [
			[...prefix, k],
			...pathsOf(v, [...prefix, k])
		]);
	return [];
}

/** A JSON value with one node anywhere in it replaced by an odd value, removed, or given an odd sibling. */
export function breakJson(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
	return fc
		.tuple(
			value,
			fc.nat(),
			fc.constantFrom('replace', 'replace', 'replace', 'remove', 'extra', 'none'),
			oddValue
		)
		.map(([v, n, how, odd]) => {
			const copy = structuredClone(v) as unknown;
			const paths = pathsOf(copy);
			if (paths.length === 0 || how === 'none') return how === 'none' ? copy : odd;
			const path = paths[n % paths.length];
			const parent = path
				.slice(0, -1)
				.reduce<unknown>(
					(node, key) => (node as Record<string | number, unknown>)[key],
					copy
				) as Record<string | number, unknown>;
			const key = path[path.length - 1];
			if (how === 'replace') parent[key] = odd;
			else if (how === 'remove') {
				if (Array.isArray(parent)) parent.splice(key as number, 1);
				else delete parent[key];
			} else if (Array.isArray(parent)) parent.push(odd);
			else parent[n % 2 ? '__proto__' : 'extra'] = odd;
			return copy;
		});
}

export type FormEncoding =
	'urlencoded' | 'multipart' | 'json' | 'text' | 'none' | 'broken-multipart';

function urlencoded(form: Form): string {
	return form
		.map(
			([k, v]) =>
				`${percentEncode(k)}=${isFile(v) ? percentEncode(v.bytes.toString('latin1')) : percentEncode(v)}`
		)
		.join('&');
}

function multipart(form: Form, boundary: string): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of form) {
		const quoted = (s: string) => s.replace(/"/g, '%22');
		const head = isFile(value)
			? `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(value.filename)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`
			: `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`;
		parts.push(
			utf8Loose(head),
			isFile(value) ? value.bytes : utf8Loose(value),
			Buffer.from('\r\n')
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return Buffer.concat(parts);
}

/** A form written as `how` says; multipart when a file is in it and the encoding is urlencoded (a browser's choice). */
export function encodeForm(form: Form, how: FormEncoding): Body {
	const boundary = '----sanhso-fuzz-7e1f';
	switch (how) {
		case 'urlencoded':
			return {
				contentType: 'application/x-www-form-urlencoded',
				bytes: Buffer.from(urlencoded(form), 'latin1')
			};
		case 'multipart':
			return {
				contentType: `multipart/form-data; boundary=${boundary}`,
				bytes: multipart(form, boundary)
			};
		case 'json':
			return {
				contentType: 'application/json',
				bytes: utf8Loose(
					toJson(
						Object.fromEntries(
							form.map(([k, v]) => [k, isFile(v) ? v.bytes.toString('latin1') : v])
						)
					)
				)
			};
		case 'text':
			return {
				contentType: 'text/plain',
				bytes: utf8Loose(
					form.map(([k, v]) => `${k}=${isFile(v) ? v.bytes.toString('latin1') : v}`).join('\r\n')
				)
			};
		case 'none':
			return { contentType: null, bytes: Buffer.from(urlencoded(form), 'latin1') };
		case 'broken-multipart': {
			const whole = multipart(form, boundary);
			// Cut short, the boundary parameter missing, or another boundary than the header's.
			const variant = whole.length % 3;
			if (variant === 0)
				return {
					contentType: `multipart/form-data; boundary=${boundary}`,
					bytes: whole.subarray(0, Math.floor(whole.length / 2))
				};
			if (variant === 1) return { contentType: 'multipart/form-data', bytes: whole };
			return { contentType: 'multipart/form-data; boundary=other', bytes: whole };
		}
	}
}

export type JsonEncoding = 'json' | 'json-as-text' | 'form' | 'garbage' | 'none' | 'not-utf8';

/** A JSON value written as `how` says: JSON, JSON with a wrong or no content type, a form, bytes that are not JSON. */
export function encodeJson(value: unknown, how: JsonEncoding, garbage: string): Body {
	const text = toJson(value);
	switch (how) {
		case 'json':
			return { contentType: 'application/json', bytes: utf8Loose(text) };
		case 'json-as-text':
			return { contentType: 'text/plain', bytes: utf8Loose(text) };
		case 'none':
			return { contentType: null, bytes: utf8Loose(text) };
		case 'form':
			return {
				contentType: 'application/x-www-form-urlencoded',
				bytes: Buffer.from(`data=${percentEncode(text)}`)
			};
		case 'garbage':
			return { contentType: 'application/json', bytes: utf8Loose(garbage) };
		case 'not-utf8':
			return {
				contentType: 'application/json; charset=utf-8',
				bytes: Buffer.concat([
					Buffer.from(text.slice(0, text.length >> 1)),
					Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
					Buffer.from(text.slice(text.length >> 1))
				])
			};
	}
}

/** Query parameters as ordered pairs (duplicates allowed). */
export type Query = [name: string, value: string][];

/** A query string, with (at times) one value's percent-encoding broken, a parameter repeated, or a bare name. */
export const queryString = (query: fc.Arbitrary<Query>): fc.Arbitrary<string> =>
	fc
		.tuple(
			query,
			fc.nat(),
			fc.constantFrom('good', 'good', 'bad-percent', 'repeat', 'bare', 'latin1'),
			badPercent,
			oddText
		)
		.map(([pairs, n, how, bad, odd]) => {
			const parts = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
			const i = pairs.length ? n % pairs.length : 0;
			if (how === 'bad-percent')
				parts.splice(i, 1, `${percentEncode(pairs[i]?.[0] ?? 'x')}=${bad}`);
			else if (how === 'repeat' && pairs.length)
				parts.push(`${percentEncode(pairs[i][0])}=${percentEncode(odd)}`);
			else if (how === 'bare') parts.push(percentEncode(odd) || 'x');
			else if (how === 'latin1')
				parts.push(
					`x=${Buffer.from(odd, 'latin1')
						.toString('latin1')
						.replace(/[^\u0021-\u00ff]/g, '')}é`
				);
			return parts.length ? '?' + parts.join('&') : '';
		});
