// One HTTP client per simulated browser or tablet: its own keep-alive connection, reused between requests as a
// browser does, so a server that closes idle connections too early shows up as resets.
import http from 'node:http';

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A request that never got an answer: the connection was reset or refused, or the answer took too long. */
export class ConnectionError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'ConnectionError';
	}
}

export class KeepAliveClient {
	private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	private readonly base: URL;

	constructor(
		baseUrl: string,
		private readonly timeoutMs = 30_000
	) {
		this.base = new URL(baseUrl);
	}

	request(
		method: 'GET' | 'POST',
		path: string,
		headers: Record<string, string> = {},
		body?: string
	): Promise<Answer> {
		return new Promise((resolve, reject) => {
			const payload = body === undefined ? undefined : Buffer.from(body);
			const req = http.request(
				{
					agent: this.agent,
					host: this.base.hostname,
					port: this.base.port,
					method,
					path,
					headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							headers: res.headers,
							body: Buffer.concat(chunks).toString('utf8')
						})
					);
					res.on('error', (e: NodeJS.ErrnoException) =>
						reject(new ConnectionError(e.code ?? 'ERESPONSE', e.message))
					);
				}
			);
			req.setTimeout(this.timeoutMs, () =>
				req.destroy(new ConnectionError('ETIMEDOUT', `no answer within ${this.timeoutMs} ms`))
			);
			req.on('error', (e: NodeJS.ErrnoException) =>
				reject(
					e instanceof ConnectionError ? e : new ConnectionError(e.code ?? 'EREQUEST', e.message)
				)
			);
			req.end(payload);
		});
	}

	close(): void {
		this.agent.destroy();
	}
}
