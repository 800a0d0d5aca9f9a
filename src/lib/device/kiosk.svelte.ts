// The kiosk's shared state for one tab: catalogue, search, language, text size, pending app update, view counts.
import { getContext, setContext } from 'svelte';
import { LangState, translator } from '$lib/i18n/index.svelte';
import { kioskMessages } from '$lib/i18n/kiosk';
import { CatalogueStore } from './catalogue.svelte';
import { KioskSearch } from './kiosk-search.svelte';
import type { AppUpdate } from './pwa';
import type { DeviceState } from './device.svelte';
import type { CountKind } from '$lib/schemas/sync';

export class Kiosk {
	catalogue = new CatalogueStore();
	search = new KioskSearch();
	lang = new LangState();
	largeText = $state(false);
	update = $state.raw<AppUpdate | null>(null);
	t = translator(kioskMessages, () => this.lang.current);

	/** This kiosk as a paired device (its pairing, and the sync of its counts and of ratings made on /rate); null
	 * until loaded, and on a kiosk never paired, which has nothing to sync: it then never downloads that code. */
	device = $state.raw<DeviceState | null>(null);

	/** Loads and starts the device state if this kiosk is paired; after first paint, from the layout. */
	async startDevice(): Promise<void> {
		const { deviceDb } = await import('./db');
		const meta = await deviceDb().get('meta', 'device');
		if (meta?.key !== 'device') return;
		const { deviceState } = await import('./device.svelte');
		this.device = deviceState();
		await this.device.start();
	}

	/** One more view for the center's publicity figures, paired or not (counts.ts); db.ts loads after first paint. */
	count(kind: CountKind, key: string): void {
		void Promise.all([import('./db'), import('./counts')]).then(([db, counts]) =>
			counts.countView(db.deviceDb(), kind, key)
		);
	}

	/** Back to the defaults for the next citizen. */
	reset(): void {
		this.lang.current = 'vi';
		this.largeText = false;
		this.search.reset();
	}
}

const KEY = Symbol('kiosk');

export function setKiosk(kiosk: Kiosk): Kiosk {
	return setContext(KEY, kiosk);
}

export function getKiosk(): Kiosk {
	return getContext<Kiosk>(KEY);
}
