// View counts for the center's publicity figures: one more view of a key this hour, a running total the server merges
// by maximum. Apart from the rest of the device state, so a kiosk counts without loading the sync code (an unpaired
// kiosk has nothing to sync; its counts wait in IndexedDB until it is paired).
import type { CountKind } from '$lib/schemas/sync-values';
import type { DeviceDb } from './db';

const HOUR_MS = 3_600_000;

export async function countView(db: DeviceDb, kind: CountKind, key: string): Promise<void> {
	const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
	await db.tx(['counts'], 'readwrite', async (tx) => {
		const counts = tx.store('counts');
		const row = await counts.get([hour, kind, key]);
		await counts.put({
			hour,
			kind,
			key,
			count: (row?.count ?? 0) + 1,
			sent: row?.sent ?? 0,
			dirty: 1
		});
	});
}
