// The test helpers themselves: a helper that cannot fail proves nothing in the specs that rely on it.
import { test, expect } from './server';
import { checkA11y } from './axe';
import { decodeQr } from './qr';

test('the server stops, and starts again on the same origin with its data', async ({
	server,
	request
}) => {
	const url = server.url;
	await server.stop();
	expect(server.running).toBe(false);
	await expect(request.get(`${url}/api/v1/catalogue`, { timeout: 2_000 })).rejects.toThrow();

	await server.start();
	expect(server.url).toBe(url);
	const body = (await (await request.get(`${url}/api/v1/catalogue`)).json()) as {
		procedures: unknown[];
	};
	expect(body.procedures).toHaveLength(2643);
});

test('the server comes back after being killed (a power cut)', async ({ server, request }) => {
	await server.stop('SIGKILL');
	expect(await server.start()).toBeLessThan(30_000);
	expect((await request.get(`${server.url}/api/v1/catalogue`)).status()).toBe(200);
});

test('axe reports violations with a readable summary', async ({ page }) => {
	await page.setContent(
		'<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>'
	);
	const { violations, summary } = await checkA11y(page);
	expect(violations.map((v) => v.id)).toContain('image-alt');
	expect(summary).toContain('image-alt');
});

test('decodeQr says so when there is no QR code to read', async ({ page }) => {
	await page.setContent(
		'<svg role="img" aria-label="Mã QR: rỗng" width="200" height="200"><rect width="200" height="200" fill="#fff"/></svg>'
	);
	await expect(decodeQr(page.getByRole('img'))).rejects.toThrow(/zbarimg decoded no QR code/);
});
