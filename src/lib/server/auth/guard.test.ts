import { describe, it, expect } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { Role } from '$lib/schemas/auth';
import { hasRole, isProtected, loginUrl, requireRole, safeNext } from '.';

const user = (role: Role) => ({
	id: 'u1',
	centerId: 'test',
	centerName: 'Trung tâm',
	city: null,
	username: 'lan',
	role
});

function statusOf(fn: () => unknown): number | undefined {
	try {
		fn();
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
	return undefined;
}

describe('roles and the /admin guard', () => {
	it('admin outranks manager, which outranks viewer', () => {
		expect(hasRole(user('admin'), 'manager')).toBe(true);
		expect(hasRole(user('manager'), 'manager')).toBe(true);
		expect(hasRole(user('manager'), 'admin')).toBe(false);
		expect(hasRole(user('viewer'), 'manager')).toBe(false);
		expect(hasRole(null, 'viewer')).toBe(false);
	});

	it('requireRole refuses a viewer an admin action with 403, and nobody with 401', () => {
		expect(statusOf(() => requireRole({ user: user('viewer') }, 'admin'))).toBe(403);
		expect(statusOf(() => requireRole({ user: user('viewer') }, 'manager'))).toBe(403);
		expect(statusOf(() => requireRole({ user: null }, 'viewer'))).toBe(401);
	});

	it('requireRole hands back the user when the role suffices', () => {
		expect(requireRole({ user: user('admin') }, 'manager').username).toBe('lan');
	});

	it('every /admin page but the login, first-run setup and one-time-code pages is protected', () => {
		expect(isProtected('/admin')).toBe(true);
		expect(isProtected('/admin/catalogue')).toBe(true);
		expect(isProtected('/admin/login')).toBe(false);
		expect(isProtected('/admin/setup')).toBe(false);
		expect(isProtected('/admin/reset')).toBe(false);
		expect(isProtected('/admin/users')).toBe(true);
		expect(isProtected('/admin/password')).toBe(true);
		expect(isProtected('/admin/setup/x')).toBe(true);
		expect(isProtected('/administrator')).toBe(false);
		expect(isProtected('/kiosk')).toBe(false);
	});

	it('the login page is told where to come back to, but not to a form action', () => {
		expect(loginUrl(new URL('http://x/admin/catalogue?tab=2'))).toBe(
			'/admin/login?next=%2Fadmin%2Fcatalogue%3Ftab%3D2'
		);
		expect(loginUrl(new URL('http://x/admin/catalogue?/apply'))).toBe(
			'/admin/login?next=%2Fadmin%2Fcatalogue'
		);
	});

	it('after signing in, next only leads back into /admin on this site', () => {
		expect(safeNext('/admin/catalogue?x=1')).toBe('/admin/catalogue?x=1');
		expect(safeNext(null)).toBe('/admin');
		expect(safeNext('https://evil.example/admin')).toBe('/admin');
		expect(safeNext('//evil.example/admin')).toBe('/admin');
		expect(safeNext('/\\evil.example')).toBe('/admin');
		expect(safeNext('/kiosk')).toBe('/admin');
		expect(safeNext('/admin/login')).toBe('/admin');
		expect(safeNext('/admin/setup')).toBe('/admin');
	});
});
