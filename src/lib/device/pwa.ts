// Service worker registration (the Workbox worker vite-plugin-pwa builds at /sw.js), once per tab, whichever device
// page opens first. A new version installs in the background and waits; the page on screen applies it when nobody is
// using it. Registered with the browser's own API: workbox-window did the same in ten times the code, downloaded by
// every device page.

/** A kiosk or tablet may never reload by itself: this often it asks the server whether a new version is out. */
const UPDATE_CHECK_MS = 60 * 60_000;

export interface AppUpdate {
	/**
	 * Hands the page over to the waiting version and reloads into it; false if there is nothing to hand over.
	 * Call it when nobody uses the page and the page itself sends no requests: Chromium holds the handover back
	 * while a request reaches the old worker (until that worker idles, up to half a minute). `idle` is asked again
	 * when the handover is done; a page in use by then reloads at the next call instead.
	 */
	apply(idle: () => boolean): Promise<boolean>;
}

type OnReady = (update: AppUpdate) => void;

// Browser-only module state: this tab's one registration, shared by the device pages it moves between
// (the kiosk lends /rate to citizens, staff go from /rate to /device and back).
const listeners = new Set<OnReady>();
let ready: AppUpdate | null = null;
let registered = false;
let handover: 'none' | 'asked' | 'done' = 'none';

/** Registers the service worker (once per tab); `onReady` is called when a new app version is installed and
 * waiting, at once if one already is. Returns the function that stops telling `onReady`. */
export function registerServiceWorker(onReady?: OnReady): () => void {
	if (!('serviceWorker' in navigator)) return () => undefined;
	if (onReady) {
		listeners.add(onReady);
		if (ready) onReady(ready);
	}
	if (!registered) {
		registered = true;
		register();
	}
	return () => {
		if (onReady) listeners.delete(onReady);
	};
}

function needRefresh() {
	if (ready) return;
	const update: AppUpdate = { apply };
	ready = update;
	for (const onReady of listeners) onReady(update);
}

/** A new version is waiting when a worker is installed while another controls the page (the very first install
 * takes the page at once: clientsClaim). */
function watch(registration: ServiceWorkerRegistration) {
	const check = () => {
		if (registration.waiting && navigator.serviceWorker.controller) needRefresh();
	};
	check(); // installed by an earlier visit or another tab, and waiting since
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed') check();
		});
	});
}

function register() {
	navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
		(registration) => {
			watch(registration);
			setInterval(() => {
				// Offline, or the server down: the next check will do.
				if (navigator.onLine) registration.update().catch(() => undefined);
			}, UPDATE_CHECK_MS);
		},
		(e: unknown) => console.warn('service worker registration failed', e)
	);
}

async function apply(idle: () => boolean): Promise<boolean> {
	if (handover === 'done') location.reload();
	if (handover !== 'none') return true;
	const next = (await navigator.serviceWorker.getRegistration())?.waiting;
	if (!next) return false;
	handover = 'asked';
	navigator.serviceWorker.addEventListener(
		'controllerchange',
		() => {
			handover = 'done';
			if (idle()) location.reload();
		},
		{ once: true }
	);
	// The new worker claims this page once it is active (clientsClaim): that is the controllerchange above.
	next.postMessage({ type: 'SKIP_WAITING' });
	return true;
}
