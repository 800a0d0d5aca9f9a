// POST /api/v1/devices/pair as a function of a Request, so tests drive it without a build.
import { json } from '@sveltejs/kit';
import { pairRequestSchema, type ApiError, type PairResponse } from '$lib/schemas/sync';
import * as devices from '.';

export async function handlePair(request: Request, address: string | null, now = new Date()): Promise<Response> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ message: 'Nội dung gửi lên không phải JSON hợp lệ.', code: 'invalid' } satisfies ApiError, { status: 400 });
	}
	const input = pairRequestSchema.safeParse(body);
	if (!input.success) return json({ message: input.error.issues[0]?.message ?? devices.WRONG_CODE, code: 'invalid' } satisfies ApiError, { status: 400 });
	const outcome = await devices.pair(input.data.code, address, now);
	if (!outcome.ok)
		return json({ message: outcome.message, code: outcome.status === 429 ? 'throttled' : 'invalid' } satisfies ApiError, { status: outcome.status });
	return json({ token: outcome.token, config: outcome.config } satisfies PairResponse, { headers: { 'Cache-Control': 'no-store' } });
}
