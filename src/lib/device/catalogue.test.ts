// The first download's progress: the share of the body received, against the server's unpacked length.
import { describe, it, expect } from 'vitest';
import { readJson } from './catalogue-fetch';

/** A response whose body arrives in the given pieces, as a slow link delivers it. */
function arriving(pieces: string[], length: number | null): Response {
	const bytes = pieces.map((p) => new TextEncoder().encode(p));
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const b of bytes) controller.enqueue(b);
			controller.close();
		}
	});
	return new Response(body, {
		headers: length === null ? {} : { 'X-Json-Length': String(length) }
	});
}

describe('readJson', () => {
	it('reports the share received after each piece, then gives the whole JSON', async () => {
		const json = JSON.stringify({ procedures: [{ code: '1.001193', name: 'Đăng ký khai sinh' }] });
		const total = new TextEncoder().encode(json).byteLength;
		const cut = 10;
		const shares: number[] = [];
		const value = await readJson(arriving([json.slice(0, cut), json.slice(cut)], total), (s) =>
			shares.push(s)
		);
		expect(value).toEqual({ procedures: [{ code: '1.001193', name: 'Đăng ký khai sinh' }] });
		expect(shares).toEqual([0, cut / total, 1]);
	});

	it('without the length it reports nothing and still reads the body', async () => {
		const shares: number[] = [];
		expect(await readJson(arriving(['{"a":', '1}'], null), (s) => shares.push(s))).toEqual({
			a: 1
		});
		expect(shares).toEqual([]);
	});

	it('a body that is not JSON gives undefined, not an exception', async () => {
		expect(await readJson(arriving(['<html>'], 6), () => undefined)).toBeUndefined();
	});
});
