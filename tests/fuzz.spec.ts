// Every JSON endpoint, form action and server-rendered page of the built server under 10,000 hostile and careless
// requests per database engine (PGlite; PostgreSQL too when TEST_DATABASE_URL is set): never a 5xx, and the server
// still answers at the end. The requests come from fast-check (seed FUZZ_SEED, printed with any failure) out of the
// inventory below (tests/support/fuzz/endpoints.ts): valid-shaped bodies with one part broken, control characters
// (U+0000, U+0001, U+007F, U+0085, lone surrogates as WTF-8 bytes, bytes that are not UTF-8), huge numbers (1e9,
// 1e308, 1e400, -0, NaN, 2^53+1, as numbers and as text), odd Unicode (full-width, RTL, combining marks, emoji,
// 10 kB strings), wrong content types, broken multipart, bad percent-encoding and repeated query parameters, signed in
// as each role and with device and API tokens, so the code behind each door is reached too.
//
// Inventory (credential that reaches the code: anonymous, device token, session role, API token):
//   POST /api/v1/sync                         device token (counter tablet; kiosk too)
//   POST /api/v1/devices/pair                 anonymous (the 6-digit code is the credential)
//   POST /api/v1/devices/pin                  device token (the server's staff PIN check; from the PIN branch)
//   GET  /api/v1/catalogue                    anonymous (If-None-Match)
//   GET  /api/v1/catalogue/popularity         anonymous (kiosks read it)
//   GET  /api/v1/reports                      API token, or session manager+ (?from&to&style)
//   GET  /admin                               session viewer+ (?range&from&to&refresh)
//   POST /admin?/logout                       session (sent only without a live session, so the run keeps its own)
//   GET  /admin/dashboard.json                session viewer+ (?range&from&to)
//   GET  /admin/login                         anonymous (?next)
//   POST /admin/login                         anonymous (a few: sign-in is throttled and slow by design)
//   GET  /admin/setup, POST /admin/setup      anonymous while the center has no admin (a phase before accounts exist)
//   GET  /admin/catalogue                     session viewer+
//   POST /admin/catalogue?/preview, ?/apply   session manager+ (multipart: CSV, JSON, XLSX, random bytes)
//   GET  /admin/devices                       session viewer+
//   POST /admin/devices?/pair, ?/revoke, ?/settings, ?/pin, ?/import (multipart outbox JSON),
//        ?/voidPreview, ?/void, ?/undoVoid (a device's counts for some days)                    session admin
//   GET  /admin/dossiers                      session viewer+
//   POST /admin/dossiers?/preview, ?/apply    session manager+ (multipart CSV/XLSX, source, column mapping)
//   GET  /admin/dossiers/manual               session viewer+ (?source&from&to)
//   POST /admin/dossiers/manual?/save         session manager+
//   GET  /admin/reports, /admin/reports/print session viewer+ (?from&to&style)
//   GET  /admin/reports/export                session viewer+ (?from&to&style&format)
//   GET  /admin/settings                      session viewer+ (?welcome)
//   POST /admin/settings?/identity, ?/targets, ?/createToken, ?/revokeToken, ?/backupNow   session admin
//   GET  /admin/settings/backups/[name]       session admin (odd and traversing names)
//   GET  /admin/users, POST ?/create, ?/disable, ?/enable, ?/role, ?/reset, ?/sessions, ?/lift   session admin
//   GET  /admin/reset, POST /admin/reset      anonymous (a one-time code)
//   GET  /admin/password, POST /admin/password   session viewer+ (always with a wrong current password)
//        (users, reset and password come with the accounts branch; until then they answer 404 or the login page)
//   GET  /, /p/[code], /posters, /posters/print.js            anonymous (odd codes, bad percent-encoding)
//   GET  /kiosk, /rate, /device, /kiosk/procedures/[code], /_app/*, /sw.js, ...   anonymous (static shells and files)
//   GET  [page]/__data.json                   as its page (SvelteKit's client-navigation data requests)
//   any of the above with a method it does not take (PUT, DELETE, PATCH, OPTIONS, HEAD, GET/POST swapped)
//   paths no link makes, after any route's start (bad percent-encoding, dot segments, doubled slashes)
// Each request goes with its endpoint's credential mostly, and otherwise with none, a viewer's session, a device
// token, an API token, a revoked device's token, or a made-up cookie or token.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import pg from 'pg';
import { test, expect } from '@playwright/test';
import { AppServer, ROOT } from '../harness/app-server';
import { PASSWORD, sessionCookie } from './support/admin';
import {
	ENDPOINTS,
	ODD_PATHS,
	WRONG_METHODS,
	type Endpoint,
	type Shot
} from './support/fuzz/endpoints';
import { Failures } from './support/fuzz/failures';
import { Sender, type Answer, type CredentialHeaders } from './support/fuzz/send';
import type { FuzzContext } from './support/fuzz/shapes';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
/** Requests to /admin/setup while it is open (before any account exists). */
const FIRST_RUN_REQUESTS = 60;

// ---- The inventory is complete: every endpoint, action and server load of src/routes is in it -----------------

const ROUTES = path.join(ROOT, 'src/routes');
const files = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]
	);
const routeOf = (file: string) =>
	'/' + path.relative(ROUTES, path.dirname(file)).split(path.sep).filter(Boolean).join('/');

/** `POST /admin/devices?/pair`, `GET /api/v1/catalogue`, ...: every +server.ts method, server load and form action. */
function routeEndpoints(): string[] {
	const found: string[] = [];
	for (const file of files(ROUTES)) {
		const source = readFileSync(file, 'utf8');
		const route = routeOf(file);
		if (file.endsWith('+server.ts'))
			for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
				found.push(`${m[1]} ${route}`);
		if (file.endsWith('+page.server.ts')) {
			found.push(`GET ${route}`);
			if (source.includes('export const actions'))
				for (const m of source
					.slice(source.indexOf('export const actions'))
					.matchAll(/^\t(\w+): async/gm))
					found.push(m[1] === 'default' ? `POST ${route}` : `POST ${route}?/${m[1]}`);
		}
	}
	return found;
}

test('the fuzz inventory names every endpoint, form action and server-rendered page of src/routes', () => {
	const ids = new Set(ENDPOINTS.map((e) => e.id));
	const found = routeEndpoints();
	expect(found.length).toBeGreaterThan(30);
	expect(
		found.filter((id) => !ids.has(id)),
		'add these to tests/support/fuzz/endpoints.ts'
	).toEqual([]);
});

// ---- One run per engine -----------------------------------------------------------------------------------------

interface Engine {
	name: string;
	/** The server's DATABASE_URL (a fresh schema), or undefined for PGlite in its data directory. */
	open(): Promise<{ databaseUrl?: string; close(): Promise<void> }>;
}

const ENGINES: Engine[] = [
	{ name: 'PGlite', open: async () => ({ close: async () => undefined }) }
];
const testDatabase = process.env.TEST_DATABASE_URL;
if (testDatabase) {
	ENGINES.push({
		name: 'PostgreSQL',
		open: async () => {
			const schema = `fuzz_${randomBytes(6).toString('hex')}`;
			const admin = new pg.Client({ connectionString: testDatabase });
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
			await admin.end();
			const databaseUrl = `${testDatabase}${testDatabase.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
			return {
				databaseUrl,
				close: async () => {
					const client = new pg.Client({ connectionString: testDatabase });
					await client.connect();
					await client.query(`DROP SCHEMA ${schema} CASCADE`);
					await client.end();
				}
			};
		}
	});
}

/** The CLI on the server's data: through the running server (PGlite) or straight to the same PostgreSQL schema. */
async function cli(
	server: AppServer,
	databaseUrl: string | undefined,
	args: string[],
	input: string
): Promise<void> {
	const run = promisify(execFile)(
		process.execPath,
		['scripts/vite-run.js', 'cli/index.ts', ...args],
		{
			cwd: ROOT,
			env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: databaseUrl ?? '' }
		}
	);
	run.child.stdin?.end(input + '\n');
	await run;
}

/** A form action posted as the enhanced form does, its JSON answer's data (devalue text) returned. */
async function act(
	server: AppServer,
	cookie: string,
	target: string,
	form: Record<string, string>
): Promise<string> {
	const res = await fetch(server.url + target, {
		method: 'POST',
		headers: {
			cookie,
			origin: server.url,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(form)
	});
	const body = (await res.json()) as { type: string; data?: string };
	if (body.type !== 'success' || !body.data)
		throw new Error(`${target} answered ${JSON.stringify(body)}`);
	return body.data;
}

/** A paired device's token and id, through the admin page and the pairing API as a tablet does it. */
async function pairDevice(
	server: AppServer,
	admin: string,
	kind: 'kiosk' | 'counter'
): Promise<{ token: string; id: string }> {
	const data = await act(server, admin, '/admin/devices?/pair', {
		name: `Thử ${kind}`,
		kind,
		counter: kind === 'counter' ? '1' : '',
		field: ''
	});
	const code = /"(\d{6})"/.exec(data)?.[1];
	const res = await fetch(server.url + '/api/v1/devices/pair', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code })
	});
	expect(res.status, `pairing a ${kind}`).toBe(200);
	const body = (await res.json()) as { token: string; config: { deviceId: string } };
	return { token: body.token, id: body.config.deviceId };
}

/** Every credential the run sends: four roles' sessions (the city's admin among them), two devices, a revoked device, an API token, made-up ones. */
async function credentials(
	server: AppServer,
	databaseUrl: string | undefined
): Promise<{ headers: CredentialHeaders; deviceIds: string[] }> {
	const users = [
		['quantri', 'admin'],
		['quanly', 'manager'],
		['xem', 'viewer'],
		['thanhpho', 'city_admin']
	] as const;
	await Promise.all(
		users.map(([username, role]) =>
			cli(server, databaseUrl, ['user', 'create', '--username', username, '--role', role], PASSWORD)
		)
	);
	const [admin, manager, viewer, city] = await Promise.all(
		users.map(([username]) => sessionCookie(server, username))
	);
	const counter = await pairDevice(server, admin, 'counter');
	const kiosk = await pairDevice(server, admin, 'kiosk');
	const revoked = await pairDevice(server, admin, 'counter');
	await act(server, admin, '/admin/devices?/revoke', { id: revoked.id });
	const api = /ssr_[A-Za-z0-9_-]{43}/.exec(
		await act(server, admin, '/admin/settings?/createToken', { name: 'Kiểm thử' })
	)?.[0];
	const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });
	const headers: CredentialHeaders = {
		none: {},
		admin: { cookie: admin },
		manager: { cookie: manager },
		viewer: { cookie: viewer },
		city: { cookie: city },
		counter: bearer(counter.token),
		kiosk: bearer(kiosk.token),
		revoked: bearer(revoked.token),
		api: bearer(api),
		bogus: {
			cookie: `sanhso_session=${randomBytes(32).toString('base64url')}; sanhso_session=x`,
			authorization: `Bearer ssr_${randomBytes(32).toString('base64url')}`
		}
	};
	return { headers, deviceIds: [counter.id, kiosk.id, revoked.id] };
}

/** A small valid workbook of the catalogue's columns, for the XLSX uploads to send whole or spoiled. */
async function workbook(): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Danh mục');
	sheet.addRow([
		'ma_thu_tuc',
		'ten_thu_tuc',
		'linh_vuc',
		'cap_thuc_hien',
		'ma_ho_so',
		'kenh_nop',
		'ngay_tiep_nhan',
		'han_tra_ket_qua',
		'ngay_tra_ket_qua',
		'trang_thai'
	]);
	sheet.addRow([
		'9.000001',
		'Thủ tục thử',
		'Hộ tịch',
		'Cấp xã',
		'HS-1',
		'truc_tiep',
		new Date('2026-11-20'),
		'2026-11-22',
		'',
		'dang_xu_ly'
	]);
	return Buffer.from(await book.xlsx.writeBuffer());
}

/** `count` requests to the endpoints, made a chunk at a time as they are sent (chunk i from seed + i). */
function* shotsOf(
	endpoints: Endpoint[],
	ctx: FuzzContext,
	count: number,
	seed: number
): Generator<Shot> {
	const any = fc.oneof(...endpoints.map((e) => ({ weight: e.weight, arbitrary: e.shot(ctx) })));
	const CHUNK = 100;
	for (let i = 0; i * CHUNK < count; i++)
		yield* fc.sample(any, { seed: seed + i, numRuns: Math.min(CHUNK, count - i * CHUNK) });
}

/** Per endpoint: how many answers of each status, and the time they took. */
class Tally {
	private readonly rows = new Map<string, { statuses: Map<number, number>; ms: number }>();

	note(shot: Shot, answer: Answer): void {
		const row = this.rows.get(shot.endpoint) ?? { statuses: new Map<number, number>(), ms: 0 };
		row.statuses.set(answer.status, (row.statuses.get(answer.status) ?? 0) + 1);
		row.ms += answer.ms;
		this.rows.set(shot.endpoint, row);
	}

	toString(): string {
		return [...this.rows.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([endpoint, { statuses, ms }]) => {
				const n = [...statuses.values()].reduce((a, b) => a + b, 0);
				const counts = [...statuses.entries()]
					.sort(([a], [b]) => a - b)
					.map(([status, k]) => `${status}×${k}`);
				return `  ${endpoint}: ${counts.join(' ')}, ${Math.round(ms / n)} ms each`;
			})
			.join('\n');
	}
}

for (const engine of ENGINES) {
	// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test wants from this pattern
	test(`${REQUESTS.toLocaleString('en')} hostile requests to every endpoint on ${engine.name}: never a 5xx, and the server still answers`, async ({}, testInfo) => {
		test.setTimeout(360_000);
		const started = performance.now();
		const db = await engine.open();
		const server = await AppServer.launch({
			label: `fuzz-${engine.name}`,
			env: { LOG_LEVEL: 'warn', ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) }
		});
		try {
			const catalogue = (await (await fetch(server.url + '/api/v1/catalogue')).json()) as {
				procedures: { code: string }[];
			};
			const ctx: FuzzContext = {
				origin: server.url,
				now: Date.now(),
				codes: catalogue.procedures.map((p) => p.code),
				xlsx: await workbook(),
				deviceIds: []
			};
			const failures = new Failures();
			const tally = new Tally();
			const mainCredential = new Map(ENDPOINTS.map((e) => [e.id, e.auth]));
			const reached = new Set<string>();
			let sent = 0;
			const answered = (shot: Shot, answer: Answer) => {
				sent++;
				failures.note(shot, answer);
				tally.note(shot, answer);
				// The endpoint's own code ran: its credential was let in (not refused, not sent to the login page).
				const letIn =
					answer.status > 0 &&
					![401, 403].includes(answer.status) &&
					!answer.location?.startsWith('/admin/login');
				if (shot.credential === mainCredential.get(shot.endpoint) && letIn)
					reached.add(shot.endpoint);
			};

			// The first run, before any account exists: the setup page is open to anyone who has its code.
			const anonymous = new Sender(server.url, {
				none: {},
				admin: {},
				manager: {},
				viewer: {},
				city: {},
				counter: {},
				kiosk: {},
				revoked: {},
				api: {},
				bogus: {}
			});
			const firstRun = ENDPOINTS.filter((e) => e.id.endsWith(' /admin/setup'));
			await anonymous.sendAll(shotsOf(firstRun, ctx, FIRST_RUN_REQUESTS, SEED), answered);
			anonymous.close();

			const { headers, deviceIds } = await credentials(server, db.databaseUrl);
			ctx.deviceIds = deviceIds;
			const sender = new Sender(server.url, headers);
			const shots = shotsOf([...ENDPOINTS, WRONG_METHODS, ODD_PATHS], ctx, REQUESTS, SEED);
			const sending = performance.now();
			const setupMs = sending - started;
			await sender.sendAll(shots, answered);
			const sendMs = performance.now() - sending;

			// Still serving afterwards.
			const health = await fetch(server.url + '/api/v1/catalogue').then(
				async (res) => (await res.arrayBuffer(), res.status),
				(e: Error) => `no answer (${e.message}); server log:\n${server.logTail(30)}`
			);
			await failures.replay(server, sender);
			sender.close();

			const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
			const summary = `seed ${SEED} (FUZZ_SEED), ${sent} requests on ${engine.name}: setup ${seconds(setupMs)}, requests ${seconds(sendMs)} (${Math.round((sent - FIRST_RUN_REQUESTS) / (sendMs / 1000))}/s)\n${tally}`;
			const dropped = failures.dropped.length
				? `\nconnections dropped once, answered when sent again alone:\n  ${failures.dropped.join('\n  ')}`
				: '';
			console.log(summary + dropped);
			await testInfo.attach('fuzz-summary.txt', {
				body: summary + dropped,
				contentType: 'text/plain'
			});
			const report = `seed ${SEED}: ${failures.size} distinct 5xx or unanswered requests on ${engine.name}:\n${failures.report(server.url)}`;
			if (failures.size > 0 || health !== 200) {
				server.keepLogs = true;
				await writeFile(testInfo.outputPath('fuzz-failures.json'), failures.json());
				await writeFile(testInfo.outputPath('fuzz-report.txt'), `${summary}\n\n${report}\n`);
			}

			expect.soft(failures.size, report).toBe(0);
			expect(health, 'the server answers after the run').toBe(200);
			// Each endpoint's own code was reached with its credential, or the run proved little about it.
			const unreached = routeEndpoints().filter(
				(id) => !reached.has(id) && !id.endsWith(' /admin/setup')
			);
			expect(unreached, 'endpoints no request got into').toEqual([]);
		} finally {
			await server.dispose();
			await db.close();
		}
	});
}
