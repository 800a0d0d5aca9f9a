// Service worker registration (Workbox, via workbox-window): a new version waits until the caller applies it.
import { registerSW } from 'virtual:pwa-register';

export interface AppUpdate {
	/** Activates the waiting version and reloads the page. */
	apply(): Promise<void>;
}

/** Registers the service worker; `onReady` is called when a new app version is installed and waiting. */
export function registerServiceWorker(onReady: (update: AppUpdate) => void): void {
	if (!('serviceWorker' in navigator)) return;
	const updateSW = registerSW({
		immediate: true,
		onNeedRefresh: () => onReady({ apply: () => updateSW(true) }),
		onRegisterError: (e: unknown) => console.warn('service worker registration failed', e)
	});
}
