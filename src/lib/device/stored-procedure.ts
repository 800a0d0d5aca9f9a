// A procedure's whole record on the kiosk (documents, steps, legal basis…), read from IndexedDB when its page opens:
// the catalogue the page holds in memory has only what its lists show (catalogue-messages.ts). Offline too, since the
// worker stores a catalogue before the page is told of it. Loaded with the procedure page only.
import type { Procedure } from '$lib/schemas/procedure';
import { deviceDb } from './db';

/** The procedure of a code as the device stores it, or undefined when it holds none. */
export async function storedProcedure(code: string): Promise<Procedure | undefined> {
	const row = await deviceDb().get('procedures', code);
	return row && withDetails(row);
}

/** A procedure stored before the details existed (or sent without them) reads as one with none. */
function withDetails(p: Procedure): Procedure {
	return {
		...p,
		documents: p.documents ?? [],
		steps: p.steps ?? [],
		result: p.result ?? '',
		legalBasis: p.legalBasis ?? [],
		counter: p.counter ?? ''
	};
}
