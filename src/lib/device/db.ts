// The device's IndexedDB (Dexie): one typed class, one instance; versions and indexes live here only.
import Dexie, { type EntityTable } from 'dexie';
import type { Catalogue, Popularity, Procedure } from '$lib/schemas/procedure';

export interface CatalogueMeta {
	key: 'catalogue';
	etag: string;
	center: Catalogue['center'];
	qr: Catalogue['qr'];
	fetchedAt: number;
}

export interface PopularityMeta extends Popularity {
	key: 'popularity';
	etag: string;
}

export type Meta = CatalogueMeta | PopularityMeta;

export class DeviceDb extends Dexie {
	procedures!: EntityTable<Procedure, 'code'>;
	meta!: EntityTable<Meta, 'key'>;

	constructor() {
		super('sanhso');
		this.version(1).stores({ procedures: 'code, field', meta: 'key' });
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
