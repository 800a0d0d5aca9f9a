// The device's IndexedDB (Dexie): one typed class, one instance; versions and indexes live here only.
import Dexie, { type EntityTable } from 'dexie';
import type { Catalogue, Popularity, Procedure } from '$lib/schemas/procedure';
import type { Count, DeviceConfig, Rating } from '$lib/schemas/sync';

export interface CatalogueMeta {
	key: 'catalogue';
	etag: string;
	center: Catalogue['center'];
	qr: Catalogue['qr'];
	/** The center's posted list; absent when stored by a version before there was one. */
	posted?: Catalogue['posted'];
	fetchedAt: number;
}

export interface PopularityMeta extends Popularity {
	key: 'popularity';
	etag: string;
}

/** Who this device is: its token (the only copy), what the server last told it, its measured clock offset. */
export interface DeviceMeta {
	key: 'device';
	token: string;
	config: DeviceConfig;
	offsetMs: number | null;
	revoked: boolean;
}

/** What staff set for the next citizen; survives a reload (staff-choice.svelte.ts writes it at each change). */
export interface CounterMeta {
	key: 'counter';
	field: string | null;
	ticket: string | null;
	dossier: string | null;
	/** When the ticket or dossier was keyed in (epoch ms); absent in rows written before it was kept. */
	codesAt?: number | null;
	/** A note for staff about a saved choice that was dropped, until they read it. */
	notice?: string | null;
}

export type Meta = CatalogueMeta | PopularityMeta | DeviceMeta | CounterMeta;

/**
 * A rating in the outbox. 'draft': tapped, reasons still being chosen (durable already; becomes pending when done or
 * at the next start). 'pending': to send. 'synced': acknowledged by id. 'refused': the server refused it; kept.
 */
export type OutboxRow = Rating & {
	state: 'draft' | 'pending' | 'synced' | 'refused';
	createdAt: number;
	syncedAt: number | null;
	refusal: string | null;
};

/** A running count per hour and key; `sent` is what the server last acknowledged. */
export type CountRow = Count & { sent: number; dirty: 0 | 1 };

export class DeviceDb extends Dexie {
	procedures!: EntityTable<Procedure, 'code'>;
	meta!: EntityTable<Meta, 'key'>;
	outbox!: EntityTable<OutboxRow, 'id'>;
	counts!: Dexie.Table<CountRow, [number, string, string]>;

	constructor() {
		// 'strict': a transaction completes only once the disk has it. Chromium's default is 'relaxed' (written to the OS),
		// which a power cut on a counter tablet can lose; a rating shown as thanked must survive that.
		super('sanhso', { chromeTransactionDurability: 'strict' });
		this.version(1).stores({ procedures: 'code, field', meta: 'key' });
		this.version(2).stores({
			outbox: 'id, [state+createdAt], syncedAt',
			counts: '[hour+kind+key], dirty'
		});
	}

	async catalogueMeta(): Promise<CatalogueMeta | undefined> {
		const meta = await this.meta.get('catalogue');
		return meta?.key === 'catalogue' ? meta : undefined;
	}

	async popularityMeta(): Promise<PopularityMeta | undefined> {
		const meta = await this.meta.get('popularity');
		return meta?.key === 'popularity' ? meta : undefined;
	}
}

let instance: DeviceDb | undefined;

/** The one DeviceDb of this tab (browser only: created on first use, never during SSR). */
export function deviceDb(): DeviceDb {
	instance ??= new DeviceDb();
	return instance;
}
