// The device page works offline like the screens it serves: rendered in the browser from a precached shell.
export const ssr = false;
export const prerender = true;
