import { describe, it, expect } from 'vitest';
import * as passwords from './passwords';

describe('password hashing', () => {
	it('a password verifies against its own hash, and a wrong one does not', async () => {
		const stored = await passwords.hash('mật khẩu đúng 123');
		expect(await passwords.verify('mật khẩu đúng 123', stored)).toBe(true);
		expect(await passwords.verify('mật khẩu sai 123', stored)).toBe(false);
		expect(await passwords.verify('', stored)).toBe(false);
	});

	it('stores scrypt parameters, a random salt and the hash in one string, never the password', async () => {
		const a = await passwords.hash('correct horse');
		const b = await passwords.hash('correct horse');
		expect(a).toMatch(/^scrypt\$65536\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct horse');
	});

	it('a Vietnamese password typed composed or decomposed is the same password', async () => {
		const stored = await passwords.hash('Đăng ký khai sinh'.normalize('NFC'));
		expect(await passwords.verify('Đăng ký khai sinh'.normalize('NFD'), stored)).toBe(true);
	});

	it('a malformed or tampered hash never verifies', async () => {
		const stored = await passwords.hash('secret-pass');
		const parts = stored.split('$');
		for (const bad of [
			'',
			'secret-pass',
			'argon2id$x',
			parts.slice(0, 5).join('$'),
			[...parts.slice(0, 1), '1099511627776', ...parts.slice(2)].join('$')
		]) {
			expect(await passwords.verify('secret-pass', bad)).toBe(false);
		}
	});

	it('the decoy check for unknown users always says no', async () => {
		expect(await passwords.verifyDecoy('anything')).toBe(false);
	});
});
