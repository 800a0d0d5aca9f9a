// Browser tests: Debian's chromium (no browser downloads here), one worker because the tests start servers.
// There is no webServer block: each spec file starts its own built server (tests/support/server.ts).
import { defineConfig } from '@playwright/test';
import { launchOptions } from './harness/browser';

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: 'list',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	outputDir: 'test-results',
	use: {
		browserName: 'chromium',
		launchOptions,
		serviceWorkers: 'allow',
		// A ticket kiosk's touchscreen stands portrait.
		viewport: { width: 1080, height: 1920 },
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		actionTimeout: 10_000,
		navigationTimeout: 30_000,
		trace: 'retain-on-failure'
	}
});
