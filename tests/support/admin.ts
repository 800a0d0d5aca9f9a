// Manager accounts for the browser tests: created with the CLI, signed in through the login page.
import { expect, type Page } from '@playwright/test';
import type { AppServer } from './app-server';
import { cliOn } from './cli';
import { gotoHydrated } from './hydrated';

export const PASSWORD = 'mat-khau-dai-du-8';

export async function createUsers(server: AppServer, users: [username: string, role: 'admin' | 'manager' | 'viewer'][]): Promise<void> {
	for (const [username, role] of users) await cliOn(server, ['user', 'create', '--username', username, '--role', role], PASSWORD);
}

export async function signIn(page: Page, username: string): Promise<void> {
	await gotoHydrated(page, '/admin/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: /Đăng nhập/ }).click();
	await expect(page).toHaveURL(/\/admin$/);
}
