// Report and dashboard builds are the heaviest reads: at most a few run at once (one on PGlite, whose single
// connection would otherwise queue a year's worth of report queries in front of every device's sync), the rest wait
// their turn in order; on PGlite their statements also wait behind any other request's. Their records are read from
// the read replica when there is one (READ_DATABASE_URL), their settings from the primary.
import { db, readDb } from '../db';
import { inBackground } from '../db/worker';
import type { Sources } from './engine';

const AT_ONCE = { pglite: 1, postgres: 4 } as const;

let active = 0;
const waiting: (() => void)[] = [];

async function take(): Promise<void> {
	const limit = AT_ONCE[(await db()).kind];
	if (active < limit) {
		active++;
		return;
	}
	// The slot is handed over by give() without ever being free, so no newcomer slips in between.
	await new Promise<void>((resolve) => waiting.push(resolve));
}

function give(): void {
	const next = waiting.shift();
	if (next) next();
	else active--;
}

/** Runs a report or dashboard build when its turn comes, handing it where to read. */
export async function inTurn<T>(build: (sources: Sources) => Promise<T>): Promise<T> {
	await take();
	try {
		const sources = { records: await readDb(), settings: await db() };
		return await inBackground(() => build(sources));
	} finally {
		give();
	}
}
