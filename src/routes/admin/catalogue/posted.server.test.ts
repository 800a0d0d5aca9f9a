// The posted list's single-procedure action, as the manager's form posts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as catalogue from '$lib/server/catalogue';
import * as posted from '$lib/server/catalogue/posted';
import type { Procedure } from '$lib/schemas/procedure';
import { procedure } from './posted.server';

const MANAGER = {
	id: 'manager-1',
	centerId: 'test',
	centerName: 'Trung tâm thử',
	username: 'truongphong',
	role: 'manager' as const
};

function post(fields: Record<string, string>) {
	const request = new Request('http://hcc.test/admin/catalogue?/procedure', {
		method: 'POST',
		body: new URLSearchParams(fields)
	});
	return procedure({ request, locals: { user: MANAGER } } as unknown as RequestEvent);
}

describe.each(engines)('showing or hiding one procedure on %s', (engine) => {
	let db: Db;
	let first: Procedure;
	let code = '';
	beforeAll(async () => {
		({ db } = await bootTest(engine, { DEMO_DATA: 'true' }));
		[first] = await catalogue.active('test');
		code = first.code;
	}, 60_000);
	afterAll(() => db?.close());

	it('a code with a control character is refused in Vietnamese (the fuzz run once got a 500), and nothing changes', async () => {
		const before = await posted.choices('test');
		for (const bad of [`${code}\u0000`, '\u0000', `${code}\u0007`])
			expect(await post({ code: bad, shown: 'hide' })).toMatchObject({
				status: 400,
				data: { posted: { error: 'Mã thủ tục không hợp lệ.' } }
			});
		expect(await posted.choices('test')).toEqual(before);
	});

	it('a code typed in another spelling (lower case, full width) is the same procedure', async () => {
		const fullWidth = code.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		expect(await post({ code: fullWidth.toLowerCase(), shown: 'hide' })).toEqual({
			posted: { key: `code:${fullWidth.toLowerCase()}`, done: `Đã ẩn thủ tục ${code}.` }
		});
		expect(await catalogue.isPosted('test', first)).toBe(false);
		await post({ code, shown: 'show' });
		expect(await catalogue.isPosted('test', first)).toBe(true);
	});
});
