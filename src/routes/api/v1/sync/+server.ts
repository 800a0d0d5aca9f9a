// Device sync (Bearer device token): see $lib/server/sync.
import type { RequestHandler } from './$types';
import { handleSync } from '$lib/server/sync';

export const POST: RequestHandler = ({ request }) => handleSync(request);
