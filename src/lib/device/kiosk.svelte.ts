// The kiosk's shared state for one tab: catalogue, search, language, text size, pending app update, view counts.
import { getContext, setContext } from 'svelte';
import { LangState, translator } from '$lib/i18n/index.svelte';
import { kioskMessages } from '$lib/i18n/kiosk';
import { CatalogueStore } from './catalogue.svelte';
import { KioskSearch } from './kiosk-search.svelte';
import type { AppUpdate } from './pwa';
import type { CountKind } from '$lib/schemas/sync';

export class Kiosk {
	catalogue = new CatalogueStore();
	search = new KioskSearch();
	lang = new LangState();
	largeText = $state(false);
	update = $state.raw<AppUpdate | null>(null);
	t = translator(kioskMessages, () => this.lang.current);

	/** One more view for the center's publicity figures; the outbox (and db.ts) load after first paint. */
	count(kind: CountKind, key: string): void {
		void import('./device.svelte').then((m) => m.deviceState().count(kind, key));
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
