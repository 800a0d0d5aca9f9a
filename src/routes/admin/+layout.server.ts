import type { LayoutServerLoad } from './$types';

// The header's "who and where"; the guard in hooks.server.ts has already sent strangers to /admin/login.
export const load = (({ locals }) => ({ user: locals.user })) satisfies LayoutServerLoad;
