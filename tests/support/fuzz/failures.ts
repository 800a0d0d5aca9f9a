// What the fuzz test found: each distinct failure (endpoint, status, first line of the answer, kind of body) with a
// count and one request that produced it, replayed alone afterwards so the server log says why.
import type { AppServer } from '../../../harness/app-server';
import type { Shot } from './endpoints';
import { describeShot, type Answer, type Sender } from './send';

interface Failure {
	count: number;
	shot: Shot;
	answer: Answer;
	/** The replay's status and the server's logged error for it. */
	replay?: { status: number; cause: string };
}

/** A 5xx, or no answer at all (a hang or a crash). */
export const isFailure = (answer: Answer) => answer.status >= 500 || answer.status === 0;

export class Failures {
	readonly byKey = new Map<string, Failure>();
	/** Requests whose connection closed without an answer, answered below 500 when sent again alone: a keep-alive
	 * connection the server closed after a request Node's parser refused (a raw byte in the path, an odd Host) that
	 * the client had already reused. Listed, not failed. */
	readonly dropped: string[] = [];

	get size(): number {
		return this.byKey.size;
	}

	note(shot: Shot, answer: Answer): void {
		if (!isFailure(answer)) return;
		const body = shot.body
			? (shot.body.contentType?.split(';')[0] ?? 'no content-type')
			: 'no body';
		const key = `${shot.endpoint} → ${answer.status} ${answer.summary} [${body}]`;
		const seen = this.byKey.get(key);
		if (seen) seen.count++;
		else this.byKey.set(key, { count: 1, shot, answer });
	}

	/** Sends each failure's request again, alone, and keeps the errors the server logged meanwhile. */
	async replay(server: AppServer, sender: Sender): Promise<void> {
		for (const failure of this.byKey.values()) {
			const before = server.log().length;
			const answer = await sender.send(failure.shot);
			await new Promise((r) => setTimeout(r, 100)); // the log line is written as the answer leaves
			failure.replay = {
				status: answer.status,
				cause: loggedErrors(server.log().slice(before)).join('; ') || '(no error logged)'
			};
		}
		for (const [key, f] of this.byKey)
			if (f.answer.status === 0 && f.replay && f.replay.status > 0 && f.replay.status < 500) {
				this.dropped.push(
					`${key}, then ${f.replay.status} alone: ${f.shot.method} ${f.shot.target.slice(0, 200)}`
				);
				this.byKey.delete(key);
			}
	}

	report(origin: string): string {
		return [...this.byKey.entries()]
			.map(([key, f]) => {
				const replay = f.replay
					? `\n    replayed: ${f.replay.status}, server log: ${f.replay.cause}`
					: '';
				return `• ${key} (${f.count}×)${replay}\n    e.g. ${describeShot(f.shot, origin)}`;
			})
			.join('\n');
	}

	/** Every failure's request whole (bodies in base64), to replay by hand. */
	json(): string {
		return JSON.stringify(
			[...this.byKey.entries()].map(([key, f]) => ({
				key,
				count: f.count,
				replay: f.replay,
				...f.shot,
				body: f.shot.body && {
					contentType: f.shot.body.contentType,
					base64: f.shot.body.bytes.toString('base64')
				}
			})),
			null,
			1
		);
	}
}

/** The server log's errors (SvelteKit's own 4xx refusals left out), grouped by what went wrong, with their paths. */
export function loggedErrors(log: string): string[] {
	const groups = new Map<string, { count: number; path: string }>();
	for (const line of log.split('\n')) {
		let entry: {
			level?: string;
			event?: string;
			path?: string;
			status?: number;
			error?: string;
			message?: string;
		};
		try {
			entry = JSON.parse(line);
		} catch {
			if (!/error/i.test(line)) continue;
			entry = { level: 'error', event: 'stderr', error: line.slice(0, 200) };
		}
		if (entry.level !== 'error' || (entry.status !== undefined && entry.status < 500)) continue;
		const key = `${entry.event}: ${(entry.error ?? entry.message ?? '').slice(0, 200)}`;
		const group = groups.get(key) ?? { count: 0, path: entry.path ?? '' };
		group.count++;
		groups.set(key, group);
	}
	return [...groups.entries()].map(
		([key, g]) => `${key} (${g.count}×, on ${g.path.slice(0, 100)})`
	);
}
