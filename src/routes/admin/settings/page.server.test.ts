import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as apiTokens from '$lib/server/auth/api-tokens';
import { actions } from './+page.server';

type Event = Parameters<typeof actions.revokeToken>[0];

const ADMIN = { id: 'admin-1', centerId: 'test', centerName: 'Trung tâm thử', username: 'quantri', role: 'admin' as const };

/** The revoke button's post, as the action reads it. */
function revokeToken(id: string) {
	const request = new Request('http://hcc.test/admin/settings?/revokeToken', { method: 'POST', body: new URLSearchParams({ id }) });
	return actions.revokeToken({ request, locals: { user: ADMIN } } as unknown as Event);
}

describe.each(engines)('revoking an API token on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('an id holding a NUL or another control character is an unknown token (400), not a 500, and no token is touched', async () => {
		const { id, token } = await apiTokens.create('test', 'Sở Nội vụ', null);
		for (const bad of [`${id}\u0000`, 'Hộ tịch\u0000', '\u0001', `${id}\u007f`]) {
			expect(await revokeToken(bad)).toMatchObject({ status: 400, data: { action: 'revokeToken', message: 'Không tìm thấy mã API đang dùng này.' } });
		}
		expect(await apiTokens.centerOf(`Bearer ${token}`)).toBe('test');
		expect(await revokeToken(id)).toEqual({ action: 'revokeToken', message: 'Đã thu hồi mã API.' });
		expect(await apiTokens.centerOf(`Bearer ${token}`)).toBeNull();
	});
});
