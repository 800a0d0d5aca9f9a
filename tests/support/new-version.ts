// A second version of the built app, for the update tests: a copy of build/ whose _app/version.json and service
// worker differ from build/'s, as a real release's would. Serve it with `server.serveBuild(dir)`.
import { createHash } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../../harness/app-server';

/** Copies build/ to `dir` (inside the project, so the copy's server finds node_modules; a test's outputPath is)
 * with a new version; resolves with that version. */
export async function copyBuildAsNewVersion(dir: string): Promise<string> {
	if (!path.resolve(dir).startsWith(ROOT + path.sep))
		throw new Error(`${dir} is outside ${ROOT}: its server would not find node_modules`);
	await cp(path.join(ROOT, 'build'), dir, { recursive: true });
	const client = path.join(dir, 'client');

	const versionFile = path.join(client, '_app/version.json');
	const old = (JSON.parse(await readFile(versionFile, 'utf8')) as { version: string }).version;
	const version = `${old}-next`;
	const body = JSON.stringify({ version });
	await writeFile(versionFile, body);

	// Workbox's precache revision is the MD5 of the file: the new one makes sw.js a new service worker, which
	// fetches the new version.json when it installs.
	const swFile = path.join(client, 'sw.js');
	const sw = await readFile(swFile, 'utf8');
	const entry = /(\{url:"_app\/version\.json",revision:")([0-9a-f]+)(")/;
	if (!entry.test(sw)) throw new Error(`no precache entry for _app/version.json in ${swFile}`);
	const revision = createHash('md5').update(body).digest('hex');
	await writeFile(swFile, sw.replace(entry, `$1${revision}$3`));

	// The precompressed copies would still be served instead of the changed files.
	for (const file of [versionFile, swFile])
		for (const ext of ['.br', '.gz']) await rm(file + ext, { force: true });
	return version;
}
