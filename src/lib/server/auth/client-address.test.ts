import { describe, it, expect } from 'vitest';
import { clientAddress } from './client-address';

function event(address: string | Error, headers: Record<string, string> = {}) {
	return {
		request: new Request('http://x/admin/login', { headers }),
		getClientAddress: () => {
			if (address instanceof Error) throw address;
			return address;
		}
	};
}

function run(address: string | Error, headers: Record<string, string>, header?: string) {
	const warnings: string[] = [];
	const result = clientAddress(event(address, headers), {
		header,
		warn: (e, f) => warnings.push(`${e}: ${String(f.message)}`)
	});
	return { result, warnings };
}

describe('the client address the throttles key', () => {
	it('a direct client is keyed by its own address, with nothing logged', () => {
		expect(run('10.1.2.3', {})).toEqual({ result: '10.1.2.3', warnings: [] });
	});

	it('requests carrying X-Forwarded-For with ADDRESS_HEADER unset: a warning naming the variable, and no shared key', () => {
		const { result, warnings } = run('10.0.0.5', { 'x-forwarded-for': '203.0.113.9' });
		expect(result).toBeNull();
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			/^client_address_header_unset: .*X-Forwarded-For.*ADDRESS_HEADER is unset.*per account only/i
		);
	});

	it('the loopback of a proxy on the same box, no header configured: per account only, and the log says so', () => {
		const { result, warnings } = run('127.0.0.1', {});
		expect(result).toBeNull();
		expect(warnings[0]).toMatch(/^client_address_loopback: .*per account only/);
		expect(run('::ffff:127.0.0.1', {}).result).toBeNull();
	});

	it('with ADDRESS_HEADER set, the address adapter-node read from it is used', () => {
		expect(run('203.0.113.9', { 'x-forwarded-for': '203.0.113.9' }, 'x-forwarded-for')).toEqual({
			result: '203.0.113.9',
			warnings: []
		});
	});

	it('ADDRESS_HEADER set but missing on a request (adapter-node throws): a warning, and no key instead of a 500', () => {
		const missing = new Error(
			'Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent from request'
		);
		const { result, warnings } = run(missing, {}, 'x-forwarded-for');
		expect(result).toBeNull();
		expect(warnings[0]).toMatch(
			/^client_address_missing: ADDRESS_HEADER=x-forwarded-for is configured but a request came without it/
		);
	});
});
