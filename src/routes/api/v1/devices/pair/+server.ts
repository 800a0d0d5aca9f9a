// A new kiosk or tablet redeems its six-digit pairing code for a device token.
import type { RequestHandler } from './$types';
import { handlePair } from '$lib/server/devices/http';

export const POST: RequestHandler = ({ request, getClientAddress }) => handlePair(request, getClientAddress());
