// Rows the app has no way in for yet (dossiers before an import exists), written straight into a test server's
// PGlite data directory with the server stopped: PGlite is one process.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { withServerStopped } from './cli';
import type { AppServer } from './app-server';

/** Runs fn on the server's database, with the server stopped around it and started again after. */
export function withDatabase<T>(server: AppServer, fn: (db: PGlite) => Promise<T>): Promise<T> {
	return withServerStopped(server, async () => {
		const db = await PGlite.create(path.join(server.dataDir, 'pglite'));
		try {
			return await fn(db);
		} finally {
			await db.close();
		}
	});
}
