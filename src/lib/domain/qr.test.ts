import { describe, it, expect } from 'vitest';
import { create } from 'qrcode/lib/core/qrcode.js';
import { qrSvg, QUIET_ZONE } from './qr';

/** The rectangles of a path, as [x, y, width]: every one is `M x y h w v1 h-w z`. */
function runs(path: string): [number, number, number][] {
	const re = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;
	const out: [number, number, number][] = [];
	let consumed = 0;
	for (const m of path.matchAll(re)) {
		expect(m.index).toBe(consumed);
		expect(m[3]).toBe(m[4]);
		out.push([Number(m[1]), Number(m[2]), Number(m[3])]);
		consumed += m[0].length;
	}
	expect(consumed).toBe(path.length);
	return out;
}

/** Paints the runs back into a module matrix, without the quiet zone. */
function paint(path: string, size: number): Uint8Array {
	const n = size - 2 * QUIET_ZONE;
	const grid = new Uint8Array(n * n);
	for (const [x, y, w] of runs(path))
		for (let i = 0; i < w; i++) grid[(y - QUIET_ZONE) * n + x - QUIET_ZONE + i] = 1;
	return grid;
}

const URL = 'https://hcc.example.gov.vn/p/1.001193';

describe('qrSvg', () => {
	it('has the symbol size of the encoder plus a four-module quiet zone on each side', () => {
		const symbol = create(URL, { errorCorrectionLevel: 'M' });
		expect(qrSvg(URL).size).toBe(symbol.modules.size + 8);
	});

	it('paints exactly the dark modules of the encoder, each once', () => {
		const { path, size } = qrSvg(URL);
		const symbol = create(URL, { errorCorrectionLevel: 'M' });
		expect(Array.from(paint(path, size))).toEqual(
			Array.from(symbol.modules.data, (v) => (v ? 1 : 0))
		);
	});

	it('draws only inside the symbol, leaving the quiet zone light', () => {
		const { path, size } = qrSvg(URL);
		for (const [x, y, w] of runs(path)) {
			expect(x).toBeGreaterThanOrEqual(QUIET_ZONE);
			expect(y).toBeGreaterThanOrEqual(QUIET_ZONE);
			expect(y).toBeLessThan(size - QUIET_ZONE);
			expect(x + w).toBeLessThanOrEqual(size - QUIET_ZONE);
		}
	});

	it('merges horizontal runs: no two rectangles touch on one row', () => {
		const all = runs(qrSvg(URL).path);
		for (let i = 1; i < all.length; i++) {
			const [px, py, pw] = all[i - 1];
			const [x, y] = all[i];
			if (y === py) expect(x).toBeGreaterThan(px + pw);
		}
	});

	it('starts with the top-left finder pattern: a run of seven dark modules at the quiet zone corner', () => {
		expect(qrSvg(URL).path.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h7v1h-7z`)).toBe(true);
	});

	it('gives the same path for the same text, and another for other text', () => {
		expect(qrSvg(URL)).toEqual(qrSvg(URL));
		expect(qrSvg(URL).path).not.toBe(qrSvg(URL.replace('1193', '1194')).path);
	});

	it('encodes a long portal URL in a larger symbol', () => {
		const long = `https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=${'x'.repeat(300)}`;
		const { path, size } = qrSvg(long);
		expect(size).toBe(create(long, { errorCorrectionLevel: 'M' }).modules.size + 8);
		expect(size).toBeGreaterThan(qrSvg(URL).size);
		expect(runs(path).length).toBeGreaterThan(100);
	});

	it('encodes Vietnamese text as bytes', () => {
		expect(qrSvg('Đăng ký khai sinh').size).toBeGreaterThan(20);
	});
});
