// The kiosk renders from IndexedDB in the browser, so one precached shell serves every /kiosk URL offline.
export const ssr = false;
