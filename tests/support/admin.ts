// Manager accounts for the browser tests: created with the CLI, signed in through the login page.
import { expect, type Page } from '@playwright/test';
import type { AppServer } from '../../harness/app-server';
import { cliOn } from '../../harness/cli';
import { gotoHydrated } from '../../harness/hydrated';

export const PASSWORD = 'mat-khau-dai-du-8';

export async function createUsers(
	server: AppServer,
	users: [username: string, role: 'admin' | 'manager' | 'viewer' | 'city_admin' | 'city_viewer'][]
): Promise<void> {
	for (const [username, role] of users)
		await cliOn(server, ['user', 'create', '--username', username, '--role', role], PASSWORD);
}

/** A manager's session for API calls without a browser: the login form posted as a browser would, its cookie kept. */
export async function sessionCookie(server: AppServer, username: string): Promise<string> {
	const res = await fetch(server.url + '/admin/login', {
		method: 'POST',
		// Accept text/html as a browser's form post does: with */* SvelteKit answers as to its own enhanced forms.
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'text/html',
			Origin: server.url
		},
		body: new URLSearchParams({ username, password: PASSWORD }),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.includes('='));
	await res.arrayBuffer();
	if (res.status !== 303 || !cookie)
		throw new Error(`signing in as ${username} answered ${res.status}`);
	return cookie.split(';')[0];
}

export async function signIn(page: Page, username: string): Promise<void> {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
	await expect(page).toHaveURL(/\/admin$/);
}
