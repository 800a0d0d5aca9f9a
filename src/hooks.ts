// A city on one address tells its centers apart by a path prefix (`/c/CODE/kiosk`, `/c/CODE/p/1.000046`): each route
// answers under it as at the root, and hooks.server.ts takes the center from it.
import type { Reroute } from '@sveltejs/kit';

export const reroute: Reroute = ({ url }) => {
	const match = /^\/c\/[a-z0-9-]{1,40}(\/.*)?$/.exec(url.pathname);
	if (match) return match[1] ?? '/';
};
