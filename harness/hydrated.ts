// Navigation that waits for Svelte to hydrate: the root layout marks <body data-hydrated="true"> on mount,
// and a click before that would be lost. (Pages with `csr = false`, such as /p/[code], never hydrate: use page.goto.)
import type { Page, Response } from '@playwright/test';

export const HYDRATED = 'body[data-hydrated="true"]';

export async function gotoHydrated(
	page: Page,
	url: string,
	options: { timeout?: number } = {}
): Promise<Response | null> {
	const response = await page.goto(url);
	await waitForHydration(page, options);
	return response;
}

/** After a reload or a navigation the test did not start with gotoHydrated. */
export async function waitForHydration(
	page: Page,
	{ timeout = 30_000 }: { timeout?: number } = {}
): Promise<void> {
	await page.locator(HYDRATED).waitFor({ state: 'attached', timeout });
}

export async function reloadHydrated(
	page: Page,
	options: { timeout?: number } = {}
): Promise<Response | null> {
	const response = await page.reload();
	await waitForHydration(page, options);
	return response;
}
