// Issue 10: three edge inputs answered 500: a NUL in the path of /p/[code], absurd report dates, and a same-origin
// text/plain POST to a form action. Each, with its siblings, now answers a 4xx with a Vietnamese message.
import { test, expect } from './support/server';
import { createUsers, sessionCookie } from './support/admin';

let cookie = '';

test.beforeAll(async ({ server }) => {
	await createUsers(server, [['edge-admin', 'admin']]);
	cookie = await sessionCookie(server, 'edge-admin');
});

async function get(url: string, headers: Record<string, string> = {}) {
	const res = await fetch(url, { headers: { cookie, ...headers }, redirect: 'manual' });
	return { status: res.status, text: await res.text() };
}

test('control characters in a path or query are a 400, never a 500', async ({ server }) => {
	const paths = [
		'/p/1.000178%00',
		'/p/1.000178%01',
		'/p/1.001193%7F',
		'/p/1.001193%C2%85',
		'/p/%00',
		'/p/1.001193%0A',
		'/admin/reports%00',
		'/api/v1/catalogue/%00',
		'/api/v1/catalogue?etag=%00',
		'/admin/reports?from=2026-01-01%00&to=2026-01-31',
		'/posters?field=H%E1%BB%99%00'
	];
	for (const path of paths) {
		const answer = await get(server.url + path);
		expect(answer.status, path).toBe(400);
		expect(answer.text, path).toMatch(/ký tự điều khiển hoặc ký tự không hợp lệ/);
	}
	// A malformed escape is refused as well, and the phone page itself still opens.
	expect((await get(server.url + '/p/%E0%A4%A')).status).toBe(400);
	expect((await get(server.url + '/p/1.001193')).status).toBe(200);
});

test('absurd report dates are a 400 with a Vietnamese message on the API, the report pages and the files', async ({
	server
}) => {
	for (const query of [
		'from=9999-01-01&to=9999-12-31',
		'from=0001-01-01&to=0001-01-31',
		'from=2099-12-15&to=2100-01-14'
	]) {
		const api = await get(`${server.url}/api/v1/reports?${query}`);
		expect(api.status, query).toBe(400);
		expect(JSON.parse(api.text).message, query).toMatch(
			/phải trong khoảng 01\/01\/2000 – 31\/12\/2099/
		);
		for (const page of ['/admin/reports/export?format=csv&', '/admin/reports/print?']) {
			const answer = await get(`${server.url}${page}${query}`);
			expect(answer.status, page + query).toBeGreaterThanOrEqual(400);
			expect(answer.status, page + query).toBeLessThan(500);
		}
		const report = await get(`${server.url}/admin/reports?${query}`);
		expect(report.status, query).toBeLessThan(500);
		expect(report.text, query).toMatch(/phải trong khoảng 01\/01\/2000 – 31\/12\/2099/);
	}
});

test('a same-origin POST to a form action that is not a form is a 4xx, never a 500', async ({
	server
}) => {
	const post = async (path: string, contentType: string | null, body: string, session = false) => {
		const headers: Record<string, string> = { Origin: server.url, Accept: 'text/html' };
		if (contentType) headers['Content-Type'] = contentType;
		if (session) headers.cookie = cookie;
		const res = await fetch(server.url + path, {
			method: 'POST',
			headers,
			body,
			redirect: 'manual'
		});
		return { status: res.status, text: await res.text() };
	};
	const plain = await post('/admin/login', 'text/plain', 'username=a&password=b');
	expect(plain.status).toBe(415);
	expect(plain.text).toMatch(/không phải biểu mẫu/);
	expect((await post('/admin/login?/default', 'text/plain', 'x')).status).toBe(404);
	expect(
		(await post('/admin/login?/default', 'application/x-www-form-urlencoded', 'x=1')).status
	).toBe(404);
	expect((await post('/admin/setup', 'text/plain;charset=UTF-8', 'x')).status).toBe(415);
	expect((await post('/admin/login', 'application/json', '{}')).status).toBe(415);
	expect((await post('/admin/login', null, 'x')).status).toBe(415);
	expect((await post('/admin/devices?/pin', 'text/plain', 'pin=123456', true)).status).toBe(415);
	const broken = await post(
		'/admin/devices?/pin',
		'multipart/form-data; boundary=xyz',
		'garbage',
		true
	);
	expect(broken.status).toBe(400);
	expect(broken.text).toMatch(/Không đọc được biểu mẫu/);
	// An enhanced form (use:enhance) gets the refusal as the JSON it reads.
	const enhanced = await fetch(server.url + '/admin/login', {
		method: 'POST',
		headers: { Origin: server.url, 'Content-Type': 'text/plain', 'x-sveltekit-action': 'true' },
		body: 'x'
	});
	expect(enhanced.status).toBe(415);
	expect(await enhanced.json()).toMatchObject({
		type: 'error',
		error: { message: expect.stringMatching(/không phải biểu mẫu/) }
	});
	// A real form post still works.
	expect(
		(await post('/admin/login', 'application/x-www-form-urlencoded', 'username=a&password=b'))
			.status
	).toBeLessThan(500);
});
