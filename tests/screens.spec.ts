// Every screen at every real size the lobby and the office have: no page is wider than its screen, in normal and in
// large text, and axe finds no violation at the screen's own size, in large text and, where a screen has a language
// switch, in English too. Large text is the app's own "Chữ to" where a screen offers it; elsewhere it is the same
// `large-text` class on <html>, which is what the setting does (a 30 % larger root font).
import type { Page } from '@playwright/test';
import { test, expect } from './support/server';
import { checkA11y } from './support/axe';
import { createUsers, signIn } from './support/admin';
import { counterPairingCode } from '../harness/cli';
import { pairOnDevice } from '../harness/device';
import { gotoHydrated } from '../harness/hydrated';

const BIRTH = '1.001193'; // Thủ tục đăng ký khai sinh, in the demo catalogue

const SIZES = {
	kiosk: { width: 1080, height: 1920 },
	tabletPortrait: { width: 800, height: 1280 },
	tabletLandscape: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 },
	desk: { width: 1440, height: 900 },
	laptop: { width: 1280, height: 720 }
} as const;
type SizeName = keyof typeof SIZES;

interface Screen {
	url: string;
	/** The size the screen is made for: axe runs there. */
	home: SizeName;
	/** How a user gets large text here: the screen's own button, or the class the setting sets. */
	large: 'button' | 'class';
	/** Whether the screen has a language switch (the kiosk's "English"). */
	english?: boolean;
	/** Pages rendered on the server only (no hydration to wait for). */
	static?: boolean;
	/** Something the page must show before it is measured. */
	ready?: (page: Page) => Promise<void>;
}

const kioskReady = async (page: Page) => {
	await expect(page.getByRole('main')).not.toBeEmpty();
};

const PUBLIC: Screen[] = [
	{ url: '/kiosk', home: 'kiosk', large: 'button', english: true, ready: kioskReady },
	{ url: '/kiosk/procedures', home: 'kiosk', large: 'button', english: true, ready: kioskReady },
	{
		url: '/kiosk/procedures?q=ket+hon',
		home: 'kiosk',
		large: 'button',
		english: true,
		ready: kioskReady
	},
	{
		url: `/kiosk/procedures/${BIRTH}`,
		home: 'kiosk',
		large: 'button',
		english: true,
		ready: kioskReady
	},
	{ url: `/p/${BIRTH}`, home: 'phone', large: 'class', static: true },
	{ url: '/p/9.999999', home: 'phone', large: 'class', static: true },
	{ url: '/posters', home: 'desk', large: 'class', static: true },
	{ url: '/device', home: 'tabletPortrait', large: 'class' },
	{ url: '/rate', home: 'tabletPortrait', large: 'button' },
	{ url: '/admin/login', home: 'desk', large: 'class' },
	{ url: '/admin/reset', home: 'desk', large: 'class' }
];

const MANAGER: Screen[] = [
	'/admin',
	'/admin/catalogue',
	'/admin/devices',
	'/admin/dossiers',
	'/admin/dossiers/manual',
	'/admin/reports',
	'/admin/reports/print',
	'/admin/settings',
	'/admin/users',
	'/admin/password'
].map((url) => ({ url, home: 'desk', large: 'class' }));

/** What sticks out past the right edge of the viewport, as a few selectors; empty when the page fits. */
async function overflow(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return [];
		const name = (e: Element) =>
			e.tagName.toLowerCase() +
			(e.id ? `#${e.id}` : '') +
			[...e.classList].map((c) => `.${c}`).join('');
		// What sticks out inside a frame that scrolls or clips is the frame's business, not the page's.
		const framed = (e: Element) => {
			// An absolutely placed element escapes a frame that is not its containing block.
			if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;
			for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
				if (getComputedStyle(a).overflowX !== 'visible') return true;
			}
			return false;
		};
		const wide = [...document.querySelectorAll('body *')].filter(
			(e) => e.getBoundingClientRect().right > width + 1 && !framed(e)
		);
		// The innermost offenders name the cause; their ancestors only inherit it.
		const innermost = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o)));
		return [
			`document ${document.documentElement.scrollWidth}px > ${width}px`,
			...innermost.slice(0, 4).map(name)
		];
	});
}

/** Lets the layout settle after a resize or a text-size switch. */
async function settled(page: Page): Promise<void> {
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
	);
}

async function open(page: Page, screen: Screen): Promise<void> {
	await page.setViewportSize(SIZES[screen.home]);
	if (screen.static) await page.goto(screen.url);
	else await gotoHydrated(page, screen.url);
	await screen.ready?.(page);
}

async function setLarge(page: Page, screen: Screen, on: boolean): Promise<void> {
	if (screen.large === 'button') {
		const button = page.getByRole('button', {
			name: on ? /^(A\s*A\s*)?Chữ to$/ : /^(A\s*A\s*)?Chữ thường$/
		});
		await button.click();
	} else {
		await page.evaluate((on) => document.documentElement.classList.toggle('large-text', on), on);
	}
	await settled(page);
}

/** Checks one screen; returns its failures as lines (empty when it passes). */
async function sweep(page: Page, screen: Screen): Promise<string[]> {
	const failures: string[] = [];
	await open(page, screen);
	for (const large of [false, true]) {
		if (large) await setLarge(page, screen, true);
		const text = large ? 'large text' : 'normal text';
		for (const [size, viewport] of Object.entries(SIZES)) {
			await page.setViewportSize(viewport);
			await settled(page);
			const wide = await overflow(page);
			if (wide.length > 0)
				failures.push(
					`${screen.url} at ${size} ${viewport.width}×${viewport.height}, ${text}: ${wide.join(', ')}`
				);
		}
		await page.setViewportSize(SIZES[screen.home]);
		await settled(page);
		const a11y = await checkA11y(page);
		if (a11y.violations.length > 0) failures.push(`${screen.url}, ${text}, axe:\n${a11y.summary}`);
		if (screen.english) {
			await page.getByRole('button', { name: 'English' }).click();
			await settled(page);
			const en = await checkA11y(page);
			if (en.violations.length > 0)
				failures.push(`${screen.url}, ${text}, English, axe:\n${en.summary}`);
			await page.getByRole('button', { name: 'Tiếng Việt' }).click();
		}
	}
	return failures;
}

test('the public screens fit every size and pass axe, before the first account exists too', async ({
	page
}) => {
	test.setTimeout(300_000);
	const failures: string[] = [];
	for (const screen of [
		{ url: '/admin/setup', home: 'desk', large: 'class' } as Screen,
		...PUBLIC
	]) {
		failures.push(...(await sweep(page, screen)));
	}
	expect(failures, failures.join('\n')).toEqual([]);
});

test("a paired tablet's rating screen fits every size and passes axe", async ({ page, server }) => {
	test.setTimeout(120_000);
	await page.setViewportSize(SIZES.tabletPortrait);
	await pairOnDevice(page, await counterPairingCode(server, 'Quầy 2', '2'));
	const failures = await sweep(page, { url: '/rate', home: 'tabletPortrait', large: 'button' });
	expect(failures, failures.join('\n')).toEqual([]);
});

test('every manager page fits every size and passes axe, in normal and large text', async ({
	page,
	server
}) => {
	test.setTimeout(300_000);
	await createUsers(server, [['quanly', 'admin']]);
	await page.setViewportSize(SIZES.desk);
	await signIn(page, 'quanly');
	const failures: string[] = [];
	for (const screen of MANAGER) failures.push(...(await sweep(page, screen)));
	expect(failures, failures.join('\n')).toEqual([]);
});
