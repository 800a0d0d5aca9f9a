// The running server's database, lent to CLI commands on the same machine: the server listens on a loopback port
// and writes it, with a random token, to DATA_DIR/admin.json (readable by its owner only). A command that finds a
// server holding DATA_DIR sends its queries there, so only one engine ever opens the embedded database's files.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import type { Db, Params, Queryable } from './client';
import { DatabaseError, DatabaseGoneError } from './worker';

const ENDPOINT_FILE = 'admin.json';
const MAX_MESSAGE = 256 * 1024 * 1024;

interface Endpoint {
	port: number;
	token: string;
	pid: number;
}

type Request =
	| { id: number; op: 'query'; sql: string; params?: Params; tx?: number }
	| { id: number; op: 'exec'; sql: string; tx?: number }
	| { id: number; op: 'begin' }
	| { id: number; op: 'commit' | 'rollback'; tx: number };

interface Reply {
	id: number;
	result?: unknown;
	error?: { message: string } & Record<string, unknown>;
}

export const endpointFile = (dir: string) => path.join(path.resolve(dir), ENDPOINT_FILE);

/** Messages on a socket: a 4-byte length, then the value as V8 serializes it (dates and bytes survive). */
function frames(socket: net.Socket, onMessage: (value: unknown) => void): void {
	let buffer = Buffer.alloc(0);
	socket.on('data', (chunk) => {
		buffer = Buffer.concat([buffer, chunk]);
		while (buffer.length >= 4) {
			const size = buffer.readUInt32BE(0);
			if (size > MAX_MESSAGE) return void socket.destroy();
			if (buffer.length < 4 + size) return;
			const body = buffer.subarray(4, 4 + size);
			buffer = buffer.subarray(4 + size);
			let value: unknown;
			try {
				value = v8.deserialize(body);
			} catch {
				return void socket.destroy();
			}
			onMessage(value);
		}
	});
}

function send(socket: net.Socket, value: unknown): void {
	const body = v8.serialize(value);
	const head = Buffer.alloc(4);
	head.writeUInt32BE(body.length);
	socket.write(Buffer.concat([head, body]));
}

function errorFields(e: unknown): { message: string } & Record<string, unknown> {
	const fields: { message: string } & Record<string, unknown> = {
		message: e instanceof Error ? e.message : String(e)
	};
	if (e && typeof e === 'object')
		for (const k of ['code', 'detail', 'constraint', 'severity'])
			if (k in e) fields[k] = (e as Record<string, unknown>)[k];
	return fields;
}

/** A transaction held open between messages: PGlite's and pg's transactions are callbacks, a client's are steps. */
async function openTransaction(
	db: Db
): Promise<{ tx: Queryable; end(commit: boolean): Promise<void> }> {
	let finish: { resolve(): void; reject(e: Error): void } | undefined;
	const done = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
	return new Promise((resolve, reject) => {
		let started = false;
		const settled = db.transaction((tx) => {
			started = true;
			resolve({
				tx,
				end: async (commit) => {
					if (commit) finish?.resolve();
					else finish?.reject(new Error('rolled back'));
					await settled.catch((e) => {
						if (commit) throw e;
					});
				}
			});
			return done;
		});
		settled.catch((e) => {
			if (!started) reject(e);
		});
	});
}

/** Serves db to CLI commands until closed. */
export async function serveAdmin(db: Db, dir: string): Promise<{ close(): Promise<void> }> {
	const token = randomBytes(32);
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		const txs = new Map<number, Awaited<ReturnType<typeof openTransaction>>>();
		let nextTx = 1;
		let trusted = false;
		socket.on('close', () => {
			sockets.delete(socket);
			// A command that died mid-transaction leaves nothing half-done.
			for (const t of txs.values()) void t.end(false);
			txs.clear();
		});
		socket.on('error', () => undefined);
		const handle = async (m: Request): Promise<unknown> => {
			const on = (tx?: number): Queryable => {
				if (tx === undefined) return db;
				const t = txs.get(tx);
				if (!t) throw new Error(`transaction ${tx} is not open`);
				return t.tx;
			};
			switch (m.op) {
				case 'query':
					return on(m.tx).query(m.sql, m.params);
				case 'exec':
					if (m.tx !== undefined) throw new Error('exec is not available inside a transaction');
					return db.exec(m.sql);
				case 'begin': {
					const id = nextTx++;
					txs.set(id, await openTransaction(db));
					return id;
				}
				case 'commit':
				case 'rollback': {
					const t = txs.get(m.tx);
					txs.delete(m.tx);
					return t?.end(m.op === 'commit');
				}
			}
		};
		frames(socket, (value) => {
			if (!trusted) {
				const given = (value as { token?: unknown })?.token;
				trusted =
					given instanceof Uint8Array &&
					given.length === token.length &&
					timingSafeEqual(given, token);
				if (!trusted) socket.destroy();
				else send(socket, { id: 0, result: { kind: db.kind } });
				return;
			}
			const m = value as Request;
			handle(m).then(
				(result) => send(socket, { id: m.id, result } satisfies Reply),
				(e) => send(socket, { id: m.id, error: errorFields(e) } satisfies Reply)
			);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const file = endpointFile(dir);
	const endpoint: Endpoint = { port, token: token.toString('base64'), pid: process.pid };
	writeFileSync(`${file}.tmp`, JSON.stringify(endpoint), { mode: 0o600 });
	renameSync(`${file}.tmp`, file);
	return {
		close: async () => {
			try {
				if (readEndpoint(dir)?.token === endpoint.token) unlinkSync(file);
			} catch {
				// already gone
			}
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

function readEndpoint(dir: string): Endpoint | undefined {
	try {
		const e = JSON.parse(readFileSync(endpointFile(dir), 'utf8')) as Partial<Endpoint>;
		return typeof e.port === 'number' && typeof e.token === 'string' ? (e as Endpoint) : undefined;
	} catch {
		return undefined;
	}
}

/** Connects to the server holding DATA_DIR; undefined when it has not (yet) opened its admin endpoint. */
export async function connectAdmin(dir: string): Promise<Db | undefined> {
	const endpoint = readEndpoint(dir);
	if (!endpoint) return undefined;
	const socket = net.connect(endpoint.port, '127.0.0.1');
	const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	let gone: Error | undefined;
	const fail = (reason: string) => {
		gone ??= new DatabaseGoneError(`the server closed the connection (${reason})`);
		for (const p of pending.values()) p.reject(gone);
		pending.clear();
	};
	socket.on('error', (e) => fail(e.message));
	socket.on('close', () => fail('closed'));
	frames(socket, (value) => {
		const reply = value as Reply;
		const waiting = pending.get(reply.id);
		pending.delete(reply.id);
		if (reply.error) waiting?.reject(new DatabaseError(reply.error));
		else waiting?.resolve(reply.result);
	});
	let next = 1;
	const call = <T>(message: Record<string, unknown>, id = next++): Promise<T> => {
		if (gone) return Promise.reject(gone);
		return new Promise<T>((resolve, reject) => {
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			send(socket, { ...message, id });
		});
	};
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		// The greeting: the token, answered with reply 0 (or a closed socket for a wrong one).
		const hello = new Promise<{ kind: Db['kind'] }>((resolve, reject) =>
			pending.set(0, { resolve: resolve as (v: unknown) => void, reject })
		);
		send(socket, { token: Buffer.from(endpoint.token, 'base64') });
		const { kind } = await hello;
		return {
			kind,
			query: <T>(sql: string, params?: Params) => call<T[]>({ op: 'query', sql, params }),
			exec: (sql) => call({ op: 'exec', sql }),
			transaction: async (fn) => {
				const tx = await call<number>({ op: 'begin' });
				let result;
				try {
					result = await fn({
						query: <T>(sql: string, params?: Params) => call<T[]>({ op: 'query', sql, params, tx })
					});
				} catch (e) {
					await call({ op: 'rollback', tx }).catch(() => undefined);
					throw e;
				}
				await call({ op: 'commit', tx });
				return result;
			},
			close: async () => {
				// A server that died under the command has closed the socket already: its 'close' will not come again.
				if (socket.closed) return;
				socket.end();
				await new Promise((resolve) => socket.once('close', resolve));
			}
		};
	} catch {
		socket.destroy();
		return undefined;
	}
}
