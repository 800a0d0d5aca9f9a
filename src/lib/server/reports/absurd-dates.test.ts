// Issue 10: `GET /api/v1/reports?from=9999-01-01&to=9999-12-31` answered 500 (the 'chot-14' month after it falls in
// year 10000, which no date string writes). Every date outside the reportable years is a 400 with a Vietnamese
// message, on the API and on the pages and files that read the same query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import type { SessionUser } from '../auth';
import { handleReportRequest } from './http';

const manager: SessionUser = {
	id: 'u',
	centerId: 'test',
	centerName: 'Test',
	city: null,
	username: 'u',
	role: 'manager'
};
const ask = (query: string) =>
	handleReportRequest(new URL(`http://local/api/v1/reports?${query}`), null, manager);

describe.each(engines)('absurd report dates on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it.each([
		['from=9999-01-01&to=9999-12-31', /Ngày bắt đầu phải trong khoảng 01\/01\/2000 – 31\/12\/2099/],
		['from=9999-12-15&to=9999-12-31', /Ngày bắt đầu phải trong khoảng/],
		['from=2099-12-15&to=2100-01-14', /Ngày kết thúc phải trong khoảng/],
		['from=0001-01-01&to=0001-12-31', /Ngày bắt đầu phải trong khoảng/],
		['from=0000-01-01&to=0000-01-31', /Ngày bắt đầu phải trong khoảng/],
		['from=1899-12-15&to=1900-01-14', /Ngày bắt đầu phải trong khoảng/],
		['from=+10000-01-01&to=+10000-01-31', /YYYY-MM-DD/]
	])('%s is a 400 with a message for people', async (query, message) => {
		const answer = await ask(query);
		expect(answer.status).toBe(400);
		expect((answer.body as { message: string }).message).toMatch(message);
	});

	it('the first and last reportable months are reports', async () => {
		expect((await ask('from=2000-01-01&to=2000-01-31')).status).toBe(200);
		// The 'chot-14' December of 2099 closes on 14/12; its successor would start in 2099 too.
		expect((await ask('from=2099-11-15&to=2099-12-14')).status).toBe(200);
		expect((await ask('from=2099-12-01&to=2099-12-31&style=lich')).status).toBe(200);
	});
});
