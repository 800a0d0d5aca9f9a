// The Playwright `test` every browser spec imports: one built server per spec file, started on first use,
// with `page.goto('/kiosk')` resolving against it. A spec changes the server's environment with
// `test.use({ serverEnv: { QR_TARGET: 'portal' } })`.
import { test as base } from '@playwright/test';
import { AppServer } from '../../harness/app-server';

export { expect } from '@playwright/test';
export { AppServer } from '../../harness/app-server';

/** One server at a time per worker: the one of the spec file (and environment) now running. Playwright runs a
 * file's tests one after another, so a new file or environment means the previous server is done. */
class ServerPool {
	private current: { key: string; server: AppServer } | undefined;

	async forFile(file: string, env: Record<string, string>): Promise<AppServer> {
		const key = `${file}\n${JSON.stringify(Object.entries(env).sort())}`;
		if (this.current?.key === key) return this.current.server;
		await this.dispose();
		const label = file.split(/[\\/]/).pop()?.replace(/\W+/g, '-') ?? 'spec';
		const server = await AppServer.launch({ env, label });
		this.current = { key, server };
		return server;
	}

	async dispose(): Promise<void> {
		const server = this.current?.server;
		this.current = undefined;
		await server?.dispose();
	}
}

export interface ServerFixtures {
	/** Environment overrides for this file's server (config.ts variables). */
	serverEnv: Record<string, string>;
	/** The running server: `url`, `stop()`, `start()`, `restart()`, `logFile`. */
	server: AppServer;
}

interface WorkerFixtures {
	serverPool: ServerPool;
}

export const test = base.extend<ServerFixtures, WorkerFixtures>({
	serverEnv: [{}, { option: true }],

	serverPool: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring even with no dependencies.
		async ({}, use) => {
			const pool = new ServerPool();
			await use(pool);
			await pool.dispose();
		},
		{ scope: 'worker' }
	],

	server: [
		async ({ serverPool, serverEnv }, use, testInfo) => {
			const server = await serverPool.forFile(testInfo.file, serverEnv);
			// A test that stopped the server and failed before starting it again must not break the next one.
			if (!server.running) await server.start();
			await use(server);
			if (testInfo.status !== testInfo.expectedStatus) {
				server.keepLogs = true;
				await testInfo.attach('server.log', { body: server.log(), contentType: 'text/plain' });
			}
		},
		// The first start migrates and imports the demo catalogue: it has its own time budget.
		{ timeout: 120_000 }
	],

	baseURL: async ({ server }, use) => {
		await use(server.url);
	}
});
