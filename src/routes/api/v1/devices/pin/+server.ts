// A tablet online asks the server to check the staff PIN (Bearer device token), throttled per device.
import type { RequestHandler } from './$types';
import { handlePinCheck } from '$lib/server/devices/http';

export const POST: RequestHandler = ({ request }) => handlePinCheck(request);
