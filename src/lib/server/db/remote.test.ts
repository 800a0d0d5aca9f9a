import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from './client';
import { connectAdmin, endpointFile, serveAdmin } from './remote';

let dir: string;
let db: Db;
let admin: { close(): Promise<void> };

beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-remote-'));
	db = await openPglite(undefined);
	await db.exec(
		'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, at timestamptz, raw bytea)'
	);
	admin = await serveAdmin(db, dir);
});
afterAll(async () => {
	await admin.close();
	await db.close();
	await rm(dir, { recursive: true, force: true });
});

async function client(): Promise<Db> {
	const remote = await connectAdmin(dir);
	if (!remote) throw new Error('no admin endpoint');
	return remote;
}

describe('the server lending its database to a CLI command', () => {
	it('answers queries with the values the server itself would see', async () => {
		const remote = await client();
		const at = new Date('2026-05-14T03:00:00Z');
		await remote.query('INSERT INTO notes (body, at, raw) VALUES ($1, $2, $3)', [
			'Hộ tịch',
			at,
			new Uint8Array([1, 2, 3])
		]);
		const [row] = await db.query<{ body: string; at: Date; raw: Uint8Array }>(
			'SELECT body, at, raw FROM notes WHERE body = $1',
			['Hộ tịch']
		);
		expect(row.at.toISOString()).toBe(at.toISOString());
		expect([...row.raw]).toEqual([1, 2, 3]);
		const [seen] = await remote.query<{ at: Date }>('SELECT at FROM notes WHERE body = $1', [
			'Hộ tịch'
		]);
		expect(seen.at).toBeInstanceOf(Date);
		await remote.close();
	});

	it('commits a transaction whole, and rolls back one that failed', async () => {
		const remote = await client();
		await remote.transaction(async (tx) => {
			await tx.query('INSERT INTO notes (body) VALUES ($1)', ['a']);
			await tx.query('INSERT INTO notes (body) VALUES ($1)', ['b']);
		});
		const failed = await remote
			.transaction(async (tx) => {
				await tx.query('INSERT INTO notes (body) VALUES ($1)', ['c']);
				await tx.query('INSERT INTO notes (body) VALUES (NULL)');
			})
			.catch((e: unknown) => e);
		expect((failed as { code?: string }).code).toBe('23502');
		const bodies = (
			await db.query<{ body: string }>(
				`SELECT body FROM notes WHERE body IN ('a', 'b', 'c') ORDER BY body`
			)
		).map((r) => r.body);
		expect(bodies).toEqual(['a', 'b']);
		await remote.close();
	});

	it('a command that dies inside a transaction leaves nothing behind and holds nothing', async () => {
		const remote = await client();
		let inside!: () => void;
		const reached = new Promise<void>((resolve) => (inside = resolve));
		const abandoned = remote
			.transaction(async (tx) => {
				await tx.query('INSERT INTO notes (body) VALUES ($1)', ['half-done']);
				inside();
				await new Promise(() => undefined); // never finishes: the process is killed here
			})
			.catch(() => undefined);
		await reached;
		await remote.close(); // the connection drops as it would when the command is killed
		void abandoned;
		// The server's own queries go on (PGlite's lock was given back) and the insert is gone.
		const rows = await db.query('SELECT 1 FROM notes WHERE body = $1', ['half-done']);
		expect(rows).toHaveLength(0);
	});

	it('refuses a connection without the token of DATA_DIR/admin.json', async () => {
		const { port } = JSON.parse(await readFile(endpointFile(dir), 'utf8')) as { port: number };
		const socket = net.connect(port, '127.0.0.1');
		await new Promise((resolve) => socket.once('connect', resolve));
		const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
		const body = Buffer.from(JSON.stringify({ token: 'guess' }));
		const head = Buffer.alloc(4);
		head.writeUInt32BE(body.length);
		socket.write(Buffer.concat([head, body]));
		expect(await closed).toBe(true);
	});

	it('is not there once the server closed it', async () => {
		const other = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-remote-'));
		const lent = await serveAdmin(db, other);
		await lent.close();
		expect(await connectAdmin(other)).toBeUndefined();
		await rm(other, { recursive: true, force: true });
	});
});
