// Isolation in a city (issue 13): two centers on one server, the configured one (alfa, on the server's own address)
// and one the city added (beta, on its own host name), each with accounts, a counter tablet, an API token, a rated
// comment, a procedure and a dossier whose names carry the center's mark. Every page, JSON endpoint and export of
// /admin, /api and /city, and the public pages, is asked as each center's roles, each center's device and API
// token, the city's viewer looking at a center, and no one, through both host names: nothing of the other center is
// in any answer. Then each center's admin aims the forms that take an id at the other center's devices, accounts and
// tokens, and a device syncs through the other center's address: nothing of the other center changes.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { test, expect, type AppServer } from './support/server';
import { createUsers, PASSWORD, sessionCookie } from './support/admin';
import { cliOn } from '../harness/cli';

test.describe.configure({ mode: 'serial' });

const BETA_HOST = 'beta.example.vn';
const MARK = { alfa: 'alfaxyz', beta: 'betaxyz' } as const;
type Center = keyof typeof MARK;
const OTHER: Record<Center, Center> = { alfa: 'beta', beta: 'alfa' };
const HOSTS: Record<Center, string> = { alfa: '127.0.0.1', beta: BETA_HOST };
const CENTER_ID: Record<Center, string> = { alfa: 'demo', beta: 'beta' };
const PERIOD = (() => {
	const today = new Date().toISOString().slice(0, 10);
	return `from=2026-01-01&to=${today}`;
})();

/** Every GET the roles, devices and the public can send: pages (with their client-navigation data), JSON, exports. */
const TARGETS = [
	'/',
	'/p',
	'/posters',
	'/api/v1/catalogue',
	'/api/v1/catalogue/popularity',
	`/api/v1/reports?${PERIOD}`,
	'/admin',
	`/admin/__data.json?${PERIOD}`,
	`/admin/dashboard.json?${PERIOD}`,
	'/admin/catalogue',
	'/admin/catalogue/__data.json',
	'/admin/devices',
	'/admin/devices/__data.json',
	'/admin/dossiers',
	'/admin/dossiers/__data.json',
	'/admin/dossiers/manual',
	`/admin/reports?${PERIOD}`,
	`/admin/reports/__data.json?${PERIOD}`,
	`/admin/reports/print?${PERIOD}`,
	`/admin/reports/export?${PERIOD}&format=csv`,
	'/admin/settings',
	'/admin/settings/__data.json',
	'/admin/users',
	'/admin/users/__data.json',
	'/city',
	'/city/__data.json',
	'/city/centers',
	`/city/report?${PERIOD}&format=csv`,
	`/city/trend.json?${PERIOD}`
];

const PUBLIC = TARGETS.slice(0, 5);

interface Answer {
	status: number;
	body: string;
}

/** A request sent to the server's address with a host name, as the city's proxy forwards it. */
function send(
	server: AppServer,
	host: string,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string
): Promise<Answer> {
	const { hostname, port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ hostname, port, path, method, headers: { host: `${host}:${port}`, ...headers } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** A form action posted as the enhanced form does, on a host. */
function act(
	server: AppServer,
	host: string,
	cookie: string,
	target: string,
	form: Record<string, string>
): Promise<Answer> {
	const { port } = new URL(server.url);
	return send(
		server,
		host,
		'POST',
		target,
		{
			cookie,
			origin: `http://${host}:${port}`,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		new URLSearchParams(form).toString()
	);
}

interface Made {
	admin: string;
	manager: string;
	viewer: string;
	device: { token: string; id: string };
	api: string;
	apiIds: string[];
	userIds: string[];
}

/** A rating as a counter tablet sends it, with a comment. */
function syncBody(comment: string): string {
	return JSON.stringify({
		sentAt: Date.now(),
		device: { appVersion: 'test', backlog: 1, persistent: true },
		ratings: [
			{
				id: randomUUID(),
				level: 'khong_hai_long',
				scale: 3,
				reasons: ['thoi_gian_cho'],
				comment,
				ticket: null,
				dossier: null,
				counter: '3',
				field: 'Hộ tịch',
				ratedAt: Date.now() - 60_000,
				clockOffsetMs: 0
			}
		],
		counts: []
	});
}

async function makeCenter(server: AppServer, center: Center): Promise<Made> {
	const mark = MARK[center];
	const env = { CENTER_ID: CENTER_ID[center] };
	for (const [role, name] of [
		['admin', 'quantri'],
		['manager', 'quanly'],
		['viewer', 'xem']
	] as const)
		await cliOn(
			server,
			['user', 'create', '--username', `${mark}.${name}`, '--role', role],
			PASSWORD,
			env
		);
	const [admin, manager, viewer] = await Promise.all(
		['quantri', 'quanly', 'xem'].map((n) => sessionCookie(server, `${mark}.${n}`))
	);
	const pair = await cliOn(
		server,
		['device', 'pair', '--name', `Máy ${mark}`, '--kind', 'counter', '--counter', '3'],
		'',
		env
	);
	const ownCode = /Pairing code: (\d{6})/.exec(pair)?.[1];
	expect(ownCode, pair).toBeTruthy();
	// Redeemed through the OTHER center's address: the code, not the host, says whose device it is.
	const paired = await send(
		server,
		HOSTS[OTHER[center]],
		'POST',
		'/api/v1/devices/pair',
		{ 'content-type': 'application/json' },
		JSON.stringify({ code: ownCode })
	);
	expect(paired.status, paired.body).toBe(200);
	const { token, config } = JSON.parse(paired.body) as {
		token: string;
		config: { deviceId: string };
	};
	const synced = await send(
		server,
		HOSTS[center],
		'POST',
		'/api/v1/sync',
		{ authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		syncBody(`Góp ý ${mark}`)
	);
	expect(synced.status, synced.body).toBe(200);
	const made = await act(server, HOSTS[center], admin, '/admin/settings?/createToken', {
		name: `Hệ thống ${mark}`
	});
	const api = /ssr_[A-Za-z0-9_-]{43}/.exec(made.body)?.[0] ?? '';
	expect(api, made.body).not.toBe('');
	const settings = await send(server, HOSTS[center], 'GET', '/admin/settings/__data.json', {
		cookie: admin
	});
	const usersData = await send(server, HOSTS[center], 'GET', '/admin/users/__data.json', {
		cookie: admin
	});
	const userIds = uuids(usersData.body);
	expect(userIds.length).toBeGreaterThanOrEqual(3);
	// Every id the settings page holds: the token's among them.
	const apiIds = uuids(settings.body);
	expect(apiIds.length).toBeGreaterThan(0);
	return { admin, manager, viewer, device: { token, id: config.deviceId }, api, apiIds, userIds };
}

function uuids(text: string): string[] {
	return [
		...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])
	];
}

let made: Record<Center, Made>;
let cityViewer: string;

test.beforeAll(async ({ server }) => {
	test.setTimeout(240_000);
	await cliOn(server, [
		'center',
		'create',
		'beta',
		'--name',
		`Trung tâm ${MARK.beta}`,
		'--hosts',
		BETA_HOST
	]);
	await createUsers(server, [['xem.thanhpho', 'city_viewer']]);
	made = { alfa: await makeCenter(server, 'alfa'), beta: await makeCenter(server, 'beta') };
	cityViewer = await sessionCookie(server, 'xem.thanhpho');
});

/** Who asks, and whose center the answer is about. */
function askers(): { who: string; center: Center | 'host'; headers: Record<string, string> }[] {
	const of = (c: Center): { who: string; center: Center; headers: Record<string, string> }[] => [
		{ who: `${c} admin`, center: c, headers: { cookie: made[c].admin } },
		{ who: `${c} manager`, center: c, headers: { cookie: made[c].manager } },
		{ who: `${c} viewer`, center: c, headers: { cookie: made[c].viewer } },
		{ who: `${c} tablet`, center: c, headers: { authorization: `Bearer ${made[c].device.token}` } },
		{ who: `${c} API token`, center: c, headers: { authorization: `Bearer ${made[c].api}` } }
	];
	return [...of('alfa'), ...of('beta'), { who: 'no one', center: 'host' as const, headers: {} }];
}

test("no answer to a center's people, devices or tokens, or to no one, holds anything of the other center", async ({
	server
}) => {
	test.setTimeout(240_000);
	// The marks are really in the answers: each center's admin sees its own comment, device and procedure.
	for (const c of ['alfa', 'beta'] as const) {
		const devices = await send(server, HOSTS[c], 'GET', '/admin/devices', {
			cookie: made[c].admin
		});
		expect(devices.body).toContain(`Máy ${MARK[c]}`);
		const users = await send(server, HOSTS[c], 'GET', '/admin/users', { cookie: made[c].admin });
		expect(users.body).toContain(`${MARK[c]}.quanly`);
	}
	let asked = 0;
	for (const asker of askers())
		for (const host of ['alfa', 'beta'] as const)
			for (const target of TARGETS) {
				// The public pages and the kiosks' catalogue are the address's center's, whoever asks.
				const about = asker.center === 'host' || PUBLIC.includes(target) ? host : asker.center;
				const answer = await send(server, HOSTS[host], 'GET', target, asker.headers);
				asked++;
				expect(answer.status, `${asker.who} ${host} ${target}`).toBeLessThan(500);
				expect(answer.body, `${asker.who} through ${host}'s host: ${target}`).not.toContain(
					MARK[OTHER[about]]
				);
			}
	expect(asked).toBe(askers().length * 2 * TARGETS.length);
});

test('the city’s viewer, looking at a center, sees that center’s pages and nothing of the other', async ({
	server
}) => {
	const city = await send(server, HOSTS.alfa, 'GET', '/city', { cookie: cityViewer });
	expect(city.body).toContain(`Trung tâm ${MARK.beta}`);
	const look = await act(server, HOSTS.alfa, cityViewer, '/city?/look', { center: 'beta' });
	expect(look.status).toBeLessThan(400);
	for (const target of TARGETS.filter((t) => t.startsWith('/admin'))) {
		const answer = await send(server, HOSTS.alfa, 'GET', target, { cookie: cityViewer });
		expect(answer.status, target).toBeLessThan(500);
		expect(answer.body, target).not.toContain(MARK.alfa);
	}
	const devices = await send(server, HOSTS.alfa, 'GET', '/admin/devices', { cookie: cityViewer });
	expect(devices.body).toContain(`Máy ${MARK.beta}`);
});

test("a center's admin cannot revoke, disable or change the other center's devices, accounts or tokens; a tablet syncing through the other address counts for its own center", async ({
	server
}) => {
	for (const c of ['alfa', 'beta'] as const) {
		const them = made[OTHER[c]];
		for (const host of ['alfa', 'beta'] as const) {
			await act(server, HOSTS[host], made[c].admin, '/admin/devices?/revoke', {
				id: them.device.id
			});
			for (const id of them.apiIds)
				await act(server, HOSTS[host], made[c].admin, '/admin/settings?/revokeToken', { id });
			for (const id of them.userIds) {
				await act(server, HOSTS[host], made[c].admin, '/admin/users?/disable', { id });
				await act(server, HOSTS[host], made[c].admin, '/admin/users?/role', { id, role: 'viewer' });
				await act(server, HOSTS[host], made[c].admin, '/admin/users?/sessions', { id });
			}
		}
	}
	for (const c of ['alfa', 'beta'] as const) {
		// Its tablet still syncs, through either address, and what it sends is its own center's.
		for (const host of ['alfa', 'beta'] as const) {
			const synced = await send(
				server,
				HOSTS[host],
				'POST',
				'/api/v1/sync',
				{ authorization: `Bearer ${made[c].device.token}`, 'content-type': 'application/json' },
				syncBody(`Góp ý ${MARK[c]} qua ${host}`)
			);
			expect(synced.status, `${c} tablet through ${host}`).toBe(200);
		}
		// Its token still reads its report; its accounts still sign in with their roles.
		const report = await send(server, HOSTS[c], 'GET', `/api/v1/reports?${PERIOD}`, {
			authorization: `Bearer ${made[c].api}`
		});
		expect(report.status).toBe(200);
		const still = await send(server, HOSTS[c], 'GET', '/admin/users', {
			cookie: made[c].admin
		});
		expect(still.status).toBe(200);
		for (const name of ['quantri', 'quanly', 'xem'])
			await sessionCookie(server, `${MARK[c]}.${name}`);
		const summary = JSON.parse(
			await cliOn(server, ['ratings', 'summary'], '', { CENTER_ID: CENTER_ID[c] })
		) as { stored: number };
		// One rating at setup, one through each address.
		expect(summary.stored, c).toBe(3);
	}
	// The comments each center reads are its own.
	for (const c of ['alfa', 'beta'] as const) {
		const report = await send(server, HOSTS[c], 'GET', `/admin/reports?${PERIOD}`, {
			cookie: made[c].admin
		});
		expect(report.body).not.toContain(MARK[OTHER[c]]);
	}
});
