// The security headers on every response, in one list: scripts/server.js puts them on everything the Node server
// answers (the prerendered /kiosk, /rate and /device and the static files are served before any hook runs), and
// hooks.server.ts on what SvelteKit renders (also under `vite dev`). Plain JavaScript: scripts/server.js imports it.
// A page SvelteKit renders carries its own fuller Content-Security-Policy (kit.csp in svelte.config.js: script hashes),
// which is kept; this one is what holds for the rest and never blocks a script the prerendered pages' <meta> allows.

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
	'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
	// For browsers that predate frame-ancestors.
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin'
});
