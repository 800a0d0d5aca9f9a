// Manager accounts for the browser tests: created with the CLI, signed in through the login page.
import { expect, type Page } from '@playwright/test';
import type { AppServer } from './app-server';
import { cli, withServerStopped } from './cli';
import { gotoHydrated } from './hydrated';

export const PASSWORD = 'mat-khau-dai-du-8';

export async function createUsers(server: AppServer, users: [username: string, role: 'admin' | 'manager' | 'viewer'][]): Promise<void> {
	await withServerStopped(server, async () => {
		for (const [username, role] of users) await cli(server.dataDir, ['user', 'create', '--username', username, '--role', role], PASSWORD);
	});
}

export async function signIn(page: Page, username: string): Promise<void> {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
	await expect(page).toHaveURL(/\/admin$/);
}
