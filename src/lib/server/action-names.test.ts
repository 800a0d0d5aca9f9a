import { describe, expect, it } from 'vitest';
import { inheritedAction, NO_SUCH_ACTION } from './action-names';

const post = (target: string, headers: Record<string, string> = {}) =>
	inheritedAction(
		new Request(`http://local${target}`, { method: 'POST', headers, body: 'a=1' }),
		new URL(`http://local${target}`)
	);

describe('form posts naming an action every object has', () => {
	it.each([
		'constructor',
		'__proto__',
		'toString',
		'hasOwnProperty',
		'valueOf',
		'__defineGetter__'
	])('?/%s is answered 404, not passed to SvelteKit', async (name) => {
		const res = post(`/admin/devices?/${name}`);
		expect(res?.status).toBe(404);
		expect(await res?.text()).toBe(NO_SUCH_ACTION);
	});

	it("an enhanced form's post gets the 404 as SvelteKit's JSON error", async () => {
		const res = post('/admin/settings?/constructor', { 'x-sveltekit-action': 'true' });
		expect(res?.status).toBe(404);
		expect(await res?.json()).toEqual({
			type: 'error',
			status: 404,
			error: { message: NO_SUCH_ACTION }
		});
	});

	it('real actions, the default action and other methods pass on', () => {
		expect(post('/admin/devices?/pair')).toBeNull();
		expect(post('/admin/login')).toBeNull();
		expect(post('/admin/devices?/nope')).toBeNull();
		expect(post('/admin/devices?x=constructor')).toBeNull();
		const get = new Request('http://local/admin/devices?/constructor');
		expect(inheritedAction(get, new URL(get.url))).toBeNull();
	});
});
