import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { passwordProblem, TOO_COMMON, TOO_SHORT, IS_USERNAME } from './password-rules';

describe('new passwords', () => {
	it('the shipped list holds thousands of common passwords, English and Vietnamese', () => {
		const list = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
			.split('\n')
			.filter(Boolean);
		expect(list.length).toBeGreaterThan(3000);
		for (const p of [
			'password',
			'12345678',
			'matkhau123',
			'123456789a',
			'anhyeuem',
			'qwertyuiop',
			'1234567890'
		])
			expect(list).toContain(p);
	});

	it('need 10 characters: password and 12345678 are refused', () => {
		expect(passwordProblem('password', 'lan')).toBe(TOO_SHORT);
		expect(passwordProblem('12345678', 'lan')).toBe(TOO_SHORT);
		expect(passwordProblem('mật khẩu', 'lan')).toBe(TOO_SHORT);
	});

	it('common ones are refused whatever their case or Vietnamese marks', () => {
		for (const p of [
			'matkhau123',
			'MatKhau123',
			'MẬTKHẨU123',
			'mật khẩu 123',
			'123456789a',
			'123456789A',
			'Password123',
			'qwertyuiop',
			'anhyeuem2025'
		])
			expect(passwordProblem(p, 'lan'), p).toBe(TOO_COMMON);
	});

	it('a common word with any digits or symbols around it, and digits alone, are refused', () => {
		for (const p of ['Tuananh1990', '@matkhau2019!', 'vietnam@1975', '0912345678', '01/01/1990!'])
			expect(passwordProblem(p, 'lan'), p).toBe(TOO_COMMON);
	});

	it('the username with a little added is refused', () => {
		expect(passwordProblem('hoanglong2024', 'hoanglong')).toBe(IS_USERNAME);
	});

	it('a short sentence or a long unusual password is accepted', () => {
		expect(passwordProblem('con mèo ngủ trên mái nhà', 'lan')).toBeNull();
		expect(passwordProblem('dung-mat-khau', 'lan')).toBeNull();
		expect(passwordProblem('Xq7#pL2v!mZ', 'lan')).toBeNull();
	});
});
