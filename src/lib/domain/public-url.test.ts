import { describe, expect, it } from 'vitest';
import { unreachableFromPhones } from './public-url';

describe('unreachableFromPhones', () => {
	it('names loopback addresses, which a phone takes for itself', () => {
		for (const url of [
			'http://localhost:3000',
			'http://127.0.0.1:5173',
			'http://127.8.9.1',
			'http://[::1]:3000',
			'http://app.localhost'
		])
			expect(unreachableFromPhones(url), url).toMatch(/localhost/);
	});

	it('names the private ranges and local names of an office network', () => {
		for (const url of [
			'http://10.0.0.5',
			'http://172.16.0.1',
			'http://172.31.255.1',
			'https://192.168.1.20:8443',
			'http://sanhso.local',
			'http://may-chu',
			'http://[fd12::1]'
		])
			expect(unreachableFromPhones(url), url).not.toBeNull();
	});

	it('lets public names and addresses through, including the ones next to the private ranges', () => {
		for (const url of [
			'https://sanhso.anphu.gov.vn',
			'http://172.15.0.1',
			'http://172.32.0.1',
			'http://11.0.0.1',
			'http://192.169.1.1',
			'https://dichvucong.gov.vn'
		])
			expect(unreachableFromPhones(url), url).toBeNull();
	});

	it('an address that is no URL is no public address', () => {
		expect(unreachableFromPhones('not a url')).not.toBeNull();
	});
});
