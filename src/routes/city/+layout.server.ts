import * as auth from '$lib/server/auth';
import type { LayoutServerLoad } from './$types';

// The city's pages: the guard in hooks.server.ts has sent strangers to /admin/login; a center's people are refused.
export const load = (({ locals }) => ({
	user: auth.requireCity(locals)
})) satisfies LayoutServerLoad;
