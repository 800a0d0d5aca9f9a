// Issue 10: /kiosk, /rate and /device were served as static files without the security headers the other pages
// carry, and another site could frame them. Every answer of the production server carries the same headers now,
// and a page of another origin cannot show any of them in a frame.
import { test, expect } from './support/server';
import { createUsers, sessionCookie } from './support/admin';
import { SECURITY_HEADERS } from '../src/lib/security-headers.js';

const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh, in the demo catalogue

/** The headers every answer must carry, whatever serves it. */
function expectSecure(path: string, headers: Headers) {
	const csp = headers.get('content-security-policy') ?? '';
	expect(csp, `${path}: Content-Security-Policy`).toContain("frame-ancestors 'none'");
	expect(headers.get('x-frame-options'), `${path}: X-Frame-Options`).toBe('DENY');
	expect(headers.get('x-content-type-options'), `${path}: X-Content-Type-Options`).toBe('nosniff');
	expect(headers.get('referrer-policy'), `${path}: Referrer-Policy`).toBe('same-origin');
}

test('every kind of answer carries the security headers: static, prerendered, rendered, API, errors', async ({
	server
}) => {
	await createUsers(server, [['hdr-admin', 'admin']]);
	const cookie = await sessionCookie(server, 'hdr-admin');
	const kiosk = await fetch(server.url + '/kiosk');
	const html = await kiosk.text();
	// A script and a stylesheet the prerendered shell loads: immutable static assets, served by adapter-node's sirv.
	const assets = [...html.matchAll(/(?:src|href)="(\/_app\/immutable\/[^"]+)"/g)].map((m) => m[1]);
	expect(assets.length).toBeGreaterThan(0);
	const paths = [
		'/kiosk',
		'/rate',
		'/device',
		assets[0],
		'/sw.js',
		'/manifest.webmanifest',
		'/robots.txt',
		'/icons/icon-192.png',
		`/p/${BIRTH}`,
		'/p/khong-co-ma-nay',
		'/admin/login',
		'/admin/devices',
		'/api/v1/catalogue',
		'/api/v1/reports?from=2026-01-01&to=2026-01-31',
		'/khong-co-trang-nay'
	];
	for (const path of paths) {
		const res = await fetch(server.url + path, { headers: { cookie }, redirect: 'manual' });
		await res.arrayBuffer();
		expect(res.status, path).toBeLessThan(500);
		expectSecure(path, res.headers);
	}
	// The precompressed copy of a static file too, as a browser asks for it.
	const gz = await fetch(server.url + assets[0], { headers: { 'accept-encoding': 'br, gzip' } });
	await gz.arrayBuffer();
	expectSecure(`${assets[0]} (compressed)`, gz.headers);
	// A page SvelteKit renders keeps its fuller policy (script hashes from kit.csp), not the static one.
	const login = await fetch(server.url + '/admin/login');
	await login.arrayBuffer();
	expect(login.headers.get('content-security-policy')).toMatch(/script-src/);
	expect(login.headers.get('content-security-policy')).not.toBe(
		SECURITY_HEADERS['Content-Security-Policy']
	);
});

test('another site cannot show the device pages in a frame', async ({ page, server }) => {
	// A page of another origin (about:blank here) framing the kiosk, the rating screen and the device page.
	const framed = ['/kiosk', '/rate', '/device', `/p/${BIRTH}`];
	await page.setContent(
		framed.map((p) => `<iframe src="${server.url}${p}" width="300" height="200"></iframe>`).join('')
	);
	await expect.poll(() => page.frames().length).toBe(framed.length + 1);
	for (const frame of page.frames().slice(1)) {
		// Chromium replaces a refused frame with its error page: nothing of the app is inside.
		await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
	}
});
