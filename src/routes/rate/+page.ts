// The counter tablet works from IndexedDB in the browser: one precached shell, rendered on the device, offline too.
export const ssr = false;
export const prerender = true;
