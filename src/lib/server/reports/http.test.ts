// GET /api/v1/reports: a session of a role that reads reports on /admin/reports, or an API token of the center, reads
// the report; anything else is refused, and a bad period is a 400 with a Vietnamese message, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import { isHttpError } from '@sveltejs/kit';
import { ROLES } from '$lib/schemas/auth';
import { REPORT_READER, requireRole, type SessionUser } from '../auth';
import * as apiTokens from '../auth/api-tokens';
import { handleReportRequest } from './http';

const url = (query: string) => new URL(`http://local/api/v1/reports?${query}`);
const user = (role: SessionUser['role']): SessionUser => ({
	id: 'u',
	centerId: 'test',
	centerName: 'Test',
	city: null,
	username: 'u',
	role
});

describe.each(engines)('the reports API on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('every role the report page lets in reads the API too, and no other: one rule for both', async () => {
		const pageLetsIn = (role: SessionUser['role']) => {
			try {
				requireRole({ user: user(role) }, REPORT_READER);
				return true;
			} catch (e) {
				if (isHttpError(e) && e.status === 403) return false;
				throw e;
			}
		};
		for (const role of ROLES) {
			const api = await handleReportRequest(url('from=2026-04-15&to=2026-05-14'), null, user(role));
			expect(api.status === 200, role).toBe(pageLetsIn(role));
		}
		// What the audit found: a viewer reads and downloads the report on the page, and now reads the API.
		expect(pageLetsIn('viewer')).toBe(true);
	});

	it('a manager reads the JSON in the shape PRODUCT.md gives; nobody is refused', async () => {
		const ok = await handleReportRequest(
			url('from=2026-04-15&to=2026-05-14'),
			null,
			user('manager')
		);
		expect(ok.status).toBe(200);
		const body = ok.body as Record<string, never>;
		expect(Object.keys(body)).toEqual(
			expect.arrayContaining(['throughput', 'satisfaction', 'publicity', 'checks'])
		);
		expect(body.throughput).toMatchObject({
			rows: [],
			total: { received: { total: 0, online: 0, direct: 0, carriedOver: 0 } }
		});
		expect(body).toMatchObject({ period: { kind: 'month', label: 'Tháng 5/2026' } });
		expect(
			(await handleReportRequest(url('from=2026-04-15&to=2026-05-14'), null, null)).status
		).toBe(401);
	});

	it('an API token reads its center until it is revoked; a made-up one never does', async () => {
		const { id, token } = await apiTokens.create('test', 'Thành phố', null);
		const stored = await db.query<{ token_hash: string }>(
			'SELECT token_hash FROM api_tokens WHERE id = $1',
			[id]
		);
		expect(stored[0].token_hash).not.toContain(token.slice(4));
		expect(
			(await handleReportRequest(url('from=2026-01-01&to=2026-03-31'), `Bearer ${token}`, null))
				.status
		).toBe(200);
		expect((await apiTokens.list('test'))[0].lastUsedAt).not.toBeNull();
		expect(await apiTokens.revoke('test', id)).toBe(true);
		expect(
			(await handleReportRequest(url('from=2026-01-01&to=2026-03-31'), `Bearer ${token}`, null))
				.status
		).toBe(401);
		expect(
			(
				await handleReportRequest(
					url('from=2026-01-01&to=2026-03-31'),
					'Bearer ssr_' + 'x'.repeat(43),
					null
				)
			).status
		).toBe(401);
		// A token in the header is judged alone, even beside a manager's session.
		expect(
			(
				await handleReportRequest(
					url('from=2026-01-01&to=2026-03-31'),
					'Bearer nope',
					user('admin')
				)
			).status
		).toBe(401);
	});

	it('a bad period is refused with a message for people', async () => {
		const cases: [string, RegExp][] = [
			['to=2026-05-14', /Thiếu ngày bắt đầu/],
			['from=2026-05-14&to=2026-04-15', /trước hoặc bằng/],
			['from=2026-02-30&to=2026-03-14', /không có thật/],
			['from=14/04/2026&to=2026-05-14', /YYYY-MM-DD/],
			['from=2020-01-01&to=2026-01-01', /tối đa/],
			['from=2026-01-01&to=2026-01-31&style=tuan', /chot-14 hoặc lich/]
		];
		for (const [query, message] of cases) {
			const res = await handleReportRequest(url(query), null, user('manager'));
			expect(res.status, query).toBe(400);
			expect((res.body as { message: string }).message, query).toMatch(message);
		}
	});
});
