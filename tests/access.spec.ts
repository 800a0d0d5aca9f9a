// Who may do what: every /api route and every /admin page and form action, found by listing src/routes (a new route
// is covered without touching this file), tried with no credential, a revoked device token, a device token where a
// manager is needed, and a viewer on an admin action. Each is refused; an admin doing the same is the control.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/server';
import { ROOT, type AppServer } from '../harness/app-server';
import { createUsers, signIn } from './support/admin';
import { cliOn, pairingCode } from '../harness/cli';

const ROUTES = path.join(ROOT, 'src/routes');

/** Public by design, each with its reason. */
const PUBLIC_API = new Map([
	['GET /api/v1/catalogue', 'the posted catalogue, for kiosks and anyone'],
	['GET /api/v1/catalogue/popularity', 'scan and view counts of posted procedures'],
	[
		'POST /api/v1/devices/pair',
		'a device has no credential yet: the one-time code is its credential'
	]
]);

/** Open to a visitor with no session on a new installation only: the first run's setup page, guarded by the code the
 * server prints; once the center has an admin (these tests make one) it is gone for everyone. */
const FIRST_RUN = '/admin/setup';

/** Pages open without a session by design, each with its reason (its form's actions are checked in their own tests). */
const OPEN_PAGES = new Map([
	['/admin/login', 'signing in'],
	[FIRST_RUN, 'the first run, guarded by its code'],
	[
		'/admin/reset',
		'setting a password with a one-time code an admin gave: the code is the credential (tests/users.spec.ts)'
	]
]);

/** Form actions any signed-in user may use on their own account, whatever their role. */
const OWN_ACCOUNT = ['/admin/password'];

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]
	);
}

/** '/admin/catalogue' from 'src/routes/admin/catalogue/+page.server.ts' (route groups dropped). */
function routeOf(file: string): string {
	const dir = path
		.relative(ROUTES, path.dirname(file))
		.split(path.sep)
		.filter((p) => p && !p.startsWith('('));
	return '/' + dir.join('/');
}

const all = files(ROUTES);
const apiRoutes = all
	.filter((f) => f.endsWith('+server.ts') && routeOf(f).startsWith('/api/'))
	.flatMap((f) =>
		[...readFileSync(f, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
			(m) => ({ method: m[1], route: routeOf(f) })
		)
	);
/** /admin endpoints (+server.ts), a route parameter filled with a name that exists nowhere, and the role each needs. */
const adminEndpoints = all
	.filter((f) => f.endsWith('+server.ts') && routeOf(f).startsWith('/admin/'))
	.flatMap((f) => {
		const source = readFileSync(f, 'utf8');
		const role = /requireRole\(locals, '(\w+)'\)/.exec(source)?.[1] ?? 'viewer';
		const route = routeOf(f).replace(/\[\w+\]/g, 'khong-co');
		return [...source.matchAll(/export const (GET|POST)\b/g)].map((m) => ({
			method: m[1],
			route,
			role
		}));
	});
const adminPages = all
	.filter((f) => f.endsWith('+page.svelte') && routeOf(f).startsWith('/admin'))
	.map(routeOf);
const adminActions = all
	.filter(
		(f) =>
			f.endsWith('+page.server.ts') &&
			routeOf(f).startsWith('/admin') &&
			!OPEN_PAGES.has(routeOf(f))
	)
	.flatMap((f) => {
		const source = readFileSync(f, 'utf8');
		const block = source.slice(source.indexOf('export const actions'));
		return [...block.matchAll(/^\t(\w+): async/gm)].map((m) => ({
			route: routeOf(f),
			action: m[1]
		}));
	});

let revokedToken = '';
let deviceToken = '';

async function pairToken(
	request: APIRequestContext,
	server: AppServer
): Promise<{ token: string; id: string }> {
	const code = await pairingCode(server, ['--name', `Thử ${Math.random()}`, '--kind', 'counter']);
	const res = await request.post('/api/v1/devices/pair', { data: { code } });
	expect(res.status()).toBe(200);
	const body = await res.json();
	return { token: body.token, id: body.config.deviceId };
}

test.beforeAll(async ({ server, playwright }) => {
	await createUsers(server, [
		['quantri', 'admin'],
		['xem', 'viewer']
	]);
	const request = await playwright.request.newContext({ baseURL: server.url });
	deviceToken = (await pairToken(request, server)).token;
	const revoked = await pairToken(request, server);
	await cliOn(server, ['device', 'revoke', revoked.id]);
	revokedToken = revoked.token;
	await request.dispose();
});

test('the route lists are found (so the checks below are not empty)', () => {
	expect(apiRoutes.map((r) => `${r.method} ${r.route}`)).toContain('POST /api/v1/sync');
	expect(adminPages).toContain('/admin/devices');
	expect(adminPages).toContain(FIRST_RUN);
	expect(adminActions).toContainEqual({ route: '/admin/devices', action: 'revoke' });
});

test('every non-public /api route refuses no credential and a revoked device token', async ({
	request
}) => {
	for (const { method, route } of apiRoutes) {
		if (PUBLIC_API.has(`${method} ${route}`)) continue;
		for (const auth of ['', `Bearer ${revokedToken}`, 'Bearer not-a-token']) {
			const headers: Record<string, string> = auth ? { authorization: auth } : {};
			const res = await request.fetch(route, { method, headers, data: {}, maxRedirects: 0 });
			expect([401, 403], `${method} ${route} with ${auth ?? 'nothing'}`).toContain(res.status());
		}
	}
});

test('every /admin page sends a visitor without a session, or with only a device token, to the login page', async ({
	request
}) => {
	for (const route of adminPages.filter((r) => !OPEN_PAGES.has(r))) {
		for (const headers of [{}, { authorization: `Bearer ${deviceToken}` }] as Record<
			string,
			string
		>[]) {
			const res = await request.get(route, { headers, maxRedirects: 0 });
			expect(res.status(), route).toBe(303);
			expect(res.headers().location, route).toMatch(/^\/admin\/login\?next=/);
		}
	}
});

test('every /admin endpoint sends a visitor without a session, or with only a device token, to the login page', async ({
	request
}) => {
	expect(adminEndpoints).toContainEqual({
		method: 'GET',
		route: '/admin/settings/backups/khong-co',
		role: 'admin'
	});
	for (const { method, route } of adminEndpoints) {
		for (const headers of [{}, { authorization: `Bearer ${deviceToken}` }] as Record<
			string,
			string
		>[]) {
			const res = await request.fetch(route, { method, headers, maxRedirects: 0 });
			expect(res.status(), `${method} ${route}`).toBe(303);
			expect(res.headers().location, route).toMatch(/^\/admin\/login\?next=/);
		}
	}
});

test('every /admin endpoint for admins refuses a viewer with 403; an admin passes the same check', async ({
	page
}) => {
	await signIn(page, 'xem');
	for (const { method, route } of adminEndpoints.filter((e) => e.role !== 'viewer')) {
		expect(
			(await page.request.fetch(route, { method, maxRedirects: 0 })).status(),
			`viewer on ${method} ${route}`
		).toBe(403);
	}
	await page.context().clearCookies();
	await signIn(page, 'quantri');
	for (const { method, route } of adminEndpoints) {
		expect([401, 403], `admin on ${method} ${route}`).not.toContain(
			(await page.request.fetch(route, { method, maxRedirects: 0 })).status()
		);
	}
});

test('every /admin form action refuses no session and a device token', async ({
	request,
	server
}) => {
	for (const { route, action } of adminActions) {
		// A page with only a default action is posted to itself (`?/default` names no action there).
		const target = action === 'default' ? route : `${route}?/${action}`;
		for (const headers of [
			{ origin: server.url },
			{ origin: server.url, authorization: `Bearer ${deviceToken}` }
		] as Record<string, string>[]) {
			const res = await request.post(target, { headers, form: {}, maxRedirects: 0 });
			// A form action answers a redirect as JSON (200, type "redirect"); either way, to the login page.
			const sentToLogin =
				(res.status() === 303 && /^\/admin\/login/.test(res.headers().location ?? '')) ||
				(res.status() === 200 &&
					/"type":"redirect".*"location":"\/admin\/login/.test(await res.text()));
			expect(sentToLogin || [401, 403].includes(res.status()), target).toBe(true);
		}
	}
});

test('a viewer may look but every admin action is refused with 403; an admin passes the same check', async ({
	page,
	server
}) => {
	await signIn(page, 'xem');
	const viewer = page.request;
	for (const { route, action } of adminActions) {
		if (route === '/admin' && action === 'logout') continue; // anyone signed in may sign out
		if (OWN_ACCOUNT.includes(route)) continue; // and change their own password
		const res = await viewer.post(action === 'default' ? route : `${route}?/${action}`, {
			headers: { origin: server.url, accept: 'application/json' },
			form: {},
			maxRedirects: 0
		});
		expect(res.status(), `viewer on ${route}?/${action}`).toBe(403);
	}
	await page.context().clearCookies();
	await signIn(page, 'quantri');
	for (const { route, action } of adminActions) {
		if (action === 'logout') continue;
		// A page with only a default action is posted to itself (`?/default` names no action there).
		const target = action === 'default' ? route : `${route}?/${action}`;
		const res = await page.request.post(target, {
			headers: { origin: server.url, accept: 'application/json' },
			form: {},
			maxRedirects: 0
		});
		expect([200, 400], `admin on ${target}`).toContain(res.status());
	}
});

test('the first-run setup page is gone once the center has an admin: 404 to a visitor, a device and a signed-in admin', async ({
	page,
	request,
	server
}) => {
	const form = {
		code: 'ABCDE-FGHJK',
		username: 'ke-gian',
		password: 'mat-khau-dai-du',
		confirm: 'mat-khau-dai-du'
	};
	for (const headers of [{}, { authorization: `Bearer ${deviceToken}` }] as Record<
		string,
		string
	>[]) {
		expect((await request.get(FIRST_RUN, { headers, maxRedirects: 0 })).status()).toBe(404);
		const res = await request.post(FIRST_RUN, {
			headers: { ...headers, origin: server.url },
			form,
			maxRedirects: 0
		});
		expect(res.status()).toBe(404);
	}
	await signIn(page, 'quantri');
	expect((await page.request.get(FIRST_RUN, { maxRedirects: 0 })).status()).toBe(404);
	const res = await page.request.post(FIRST_RUN, {
		headers: { origin: server.url, accept: 'application/json' },
		form,
		maxRedirects: 0
	});
	expect(res.status()).toBe(404);
});
