// Sends the fuzz test's requests to a running server over raw HTTP (node:http: the target, the headers and the bytes go
// out exactly as generated, broken percent-encoding and all), a few in flight at a time, and describes each answer.
import http from 'node:http';
import type { Credential, Shot } from './endpoints';

export interface Answer {
	/** The HTTP status; 0 when no answer came (the connection failed or the request timed out). */
	status: number;
	/** What the answer says in a line: a JSON body's start, an HTML page's title and heading, or the network error. */
	summary: string;
	location: string | null;
	/** From sending to the answer's end. */
	ms: number;
}

const TIMEOUT_MS = 10_000;
/** Node's http server takes request heads up to 16 KiB; over it, it answers 431 and drops the connection, which can
 * reach a client still writing as a reset: a refusal, not a failure. */
const NODE_HEADER_LIMIT = 16 * 1024;
const BODY_KEEP = 64 * 1024;

/** The headers that carry each credential: a session cookie, a Bearer token, or one that looks like either. */
export type CredentialHeaders = Record<Credential, Record<string, string>>;

function describe(body: string, type: string): string {
	if (type.includes('html')) {
		const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1] ?? '';
		const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
		const text = `${title} | ${heading}`.replace(/\s+/g, ' ').trim();
		if (text !== '|') return text.slice(0, 160);
	}
	return (body.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 160);
}

export class Sender {
	private readonly agent: http.Agent;
	private readonly url: URL;

	constructor(
		base: string,
		private readonly credentials: CredentialHeaders,
		readonly inFlight = 8
	) {
		this.url = new URL(base);
		this.agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
	}

	send(shot: Shot): Promise<Answer> {
		const headers: Record<string, string> = {
			...shot.headers,
			...this.credentials[shot.credential]
		};
		if (shot.body) {
			if (shot.body.contentType !== null) headers['content-type'] = shot.body.contentType;
			headers['content-length'] = String(shot.body.bytes.length);
		}
		return new Promise((resolve) => {
			let settled = false;
			const sent = performance.now();
			const done = (answer: Omit<Answer, 'ms'>) => {
				if (!settled) resolve({ ...answer, ms: performance.now() - sent });
				settled = true;
			};
			let req: http.ClientRequest;
			try {
				req = http.request(
					{
						host: this.url.hostname,
						port: this.url.port,
						method: shot.method,
						path: shot.target,
						headers,
						agent: this.agent,
						timeout: TIMEOUT_MS
					},
					(res) => {
						const chunks: Buffer[] = [];
						let size = 0;
						res.on('data', (chunk: Buffer) => {
							if (size < BODY_KEEP) chunks.push(chunk);
							size += chunk.length;
						});
						res.on('end', () =>
							done({
								status: res.statusCode ?? 0,
								summary: describe(
									Buffer.concat(chunks).toString('utf8'),
									String(res.headers['content-type'] ?? '')
								),
								location: res.headers.location ?? null
							})
						);
						res.on('error', (e) =>
							done({ status: 0, summary: `response broken: ${e.message}`, location: null })
						);
					}
				);
			} catch (e) {
				// The client library refused to send it (a header it will not write): not the server's doing.
				return done({
					status: -1,
					summary: `not sent: ${e instanceof Error ? e.message : String(e)}`,
					location: null
				});
			}
			req.on('timeout', () => {
				req.destroy();
				done({ status: 0, summary: `no answer within ${TIMEOUT_MS / 1000} s`, location: null });
			});
			const headSize =
				shot.target.length +
				Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
			req.on('error', (e) =>
				headSize > NODE_HEADER_LIMIT
					? done({
							status: 431,
							summary: `connection dropped by Node's header limit (${e.message})`,
							location: null
						})
					: done({ status: 0, summary: `connection failed: ${e.message}`, location: null })
			);
			req.end(shot.body?.bytes);
		});
	}

	/** Sends every shot, `inFlight` at a time, calling `answered` for each in the order answers come. The shots are
	 * taken from the iterable as they are sent, so a generator makes the next ones while the server answers. Stops
	 * early once `giveUpAfter` requests got no answer: the server is gone or stuck, and waiting proves nothing more. */
	async sendAll(
		shots: Iterable<Shot>,
		answered: (shot: Shot, answer: Answer) => void,
		giveUpAfter = 20
	): Promise<void> {
		const next = shots[Symbol.iterator]();
		let unanswered = 0;
		const worker = async () => {
			for (let item = next.next(); !item.done && unanswered < giveUpAfter; item = next.next()) {
				const answer = await this.send(item.value);
				if (answer.status === 0) unanswered++;
				answered(item.value, answer);
			}
		};
		await Promise.all(Array.from({ length: this.inFlight }, worker));
	}

	close(): void {
		this.agent.destroy();
	}
}

/** A request as a person reads it in a report, with its body's start as UTF-8 (JSON-escaped, so controls show; bytes
 * that are not UTF-8 show as U+FFFD: the spec's attachment has every body whole, in base64). */
export function describeShot(shot: Shot, origin: string): string {
	const body = shot.body
		? ` body (${shot.body.contentType ?? 'no content-type'}, ${shot.body.bytes.length} bytes): ${JSON.stringify(shot.body.bytes.toString('utf8').slice(0, 600))}`
		: '';
	return `${shot.method} ${origin}${shot.target} as ${shot.credential} headers ${JSON.stringify(shot.headers)}${body}`;
}
