import { describe, expect, it } from 'vitest';
import { refusal } from './malformed';

const at = (path: string, init?: RequestInit) => {
	const request = new Request(`http://local${path}`, init);
	return refusal({ url: new URL(request.url), request });
};
const form = (path: string, contentType: string | null, body: string) =>
	at(path, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

describe('requests refused before routing', () => {
	it('a control character anywhere in the path or query is a 400', async () => {
		for (const path of [
			'/p/1.000178%00',
			'/p/a%1F',
			'/p/a%7F',
			'/p/a%C2%80',
			'/p/a%E2%80%A8',
			'/p/a%09',
			'/kiosk?q=%00',
			'/x?%00=1'
		])
			expect(await at(path), path).toMatchObject({
				status: 400,
				code: 'invalid',
				message: expect.stringMatching(/ký tự điều khiển/)
			});
		expect(await at('/p/%E0%A4%A')).toMatchObject({ status: 400 });
	});

	it('ordinary paths and queries pass, Vietnamese and line breaks in a query included', async () => {
		for (const path of [
			'/p/1.001193',
			'/posters?field=H%E1%BB%99%20t%E1%BB%8Bch',
			'/admin/reports?from=2026-01-01&to=2026-01-31',
			'/x?note=a%0Ab'
		])
			expect(await at(path), path).toBeNull();
	});

	it('a form post must be a readable form; JSON endpoints are left to themselves', async () => {
		expect(await form('/admin/login', 'text/plain', 'a=1')).toMatchObject({ status: 415 });
		expect(await form('/admin/login', null, 'a=1')).toMatchObject({ status: 415 });
		expect(await form('/admin/login', 'multipart/form-data; boundary=b', 'garbage')).toMatchObject({
			status: 400
		});
		expect(
			await form('/admin/login?/default', 'application/x-www-form-urlencoded', 'a=1')
		).toMatchObject({ status: 404 });
		expect(await form('/admin/login', 'application/x-www-form-urlencoded', 'a=1')).toBeNull();
		expect(
			await form(
				'/admin/devices?/pin',
				'Multipart/Form-Data; boundary=b',
				'--b\r\nContent-Disposition: form-data; name="pin"\r\n\r\n123456\r\n--b--\r\n'
			)
		).toBeNull();
		expect(await form('/api/v1/sync', 'text/plain', '{}')).toBeNull();
	});
});
