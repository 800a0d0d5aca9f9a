// Prerendered at build time: this empty shell is what the service worker precaches and serves offline.
export const prerender = true;
