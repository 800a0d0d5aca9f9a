// A schema of its own on a PostgreSQL server: the database of one test's or one benchmark's servers (any number of
// them, as a city's instances share one), dropped afterwards. Each server reaches it through its search_path.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface Schema {
	name: string;
	/** The server's URL with this schema as the search_path: a DATABASE_URL for the app and the CLI. */
	url: string;
	drop(): Promise<void>;
}

async function run(serverUrl: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** Creates an empty schema named `prefix_` and 12 hex digits on the server of `serverUrl`. */
export async function createSchema(serverUrl: string, prefix: string): Promise<Schema> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	await run(serverUrl, `CREATE SCHEMA ${name}`);
	const options = encodeURIComponent(`-c search_path=${name}`);
	return {
		name,
		url: `${serverUrl}${serverUrl.includes('?') ? '&' : '?'}options=${options}`,
		drop: () => run(serverUrl, `DROP SCHEMA IF EXISTS ${name} CASCADE`)
	};
}
