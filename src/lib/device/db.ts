// The device's IndexedDB (Dexie): one typed class, one instance; versions and indexes live here only.
import Dexie, { type EntityTable } from 'dexie';
import type { Catalogue, PostedProcedure } from '$lib/schemas/procedure';

export interface CatalogueMeta {
	key: 'catalogue';
	etag: string;
	center: Catalogue['center'];
	qr: Catalogue['qr'];
	fetchedAt: number;
}

export class DeviceDb extends Dexie {
	procedures!: EntityTable<PostedProcedure, 'code'>;
	meta!: EntityTable<CatalogueMeta, 'key'>;

	constructor() {
		super('sanhso');
		this.version(1).stores({ procedures: 'code, field', meta: 'key' });
	}
}

let instance: DeviceDb | undefined;

/** The one DeviceDb of this tab (browser only: created on first use, never during SSR). */
export function deviceDb(): DeviceDb {
	instance ??= new DeviceDb();
	return instance;
}
