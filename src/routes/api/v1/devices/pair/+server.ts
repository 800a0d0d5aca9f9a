// A new kiosk or tablet redeems its six-digit pairing code for a device token.
import type { RequestHandler } from './$types';
import { clientAddress } from '$lib/server/auth';
import { handlePair } from '$lib/server/devices/http';

export const POST: RequestHandler = (event) => handlePair(event.request, clientAddress(event));
