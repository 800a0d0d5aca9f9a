// The CLI against a test server's data directory. PGlite is one process: stop the server first (server.stop()).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './app-server';

export async function cli(dataDir: string, args: string[], input = ''): Promise<string> {
	const child = promisify(execFile)(process.execPath, ['scripts/vite-run.js', 'cli/index.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
	});
	child.child.stdin?.end(input ? input + '\n' : '');
	return (await child).stdout;
}
