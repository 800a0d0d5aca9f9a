// POST /api/v1/devices/pair and /api/v1/devices/pin as functions of a Request, so tests drive them without a build.
import { json } from '@sveltejs/kit';
import { wrongPinMessage } from '$lib/domain/pin';
import {
	pairRequestSchema,
	pinCheckSchema,
	type ApiError,
	type PairResponse,
	type PinCheckResponse
} from '$lib/schemas/sync';
import * as devices from '.';
import * as staffPin from './pin';

export async function handlePair(
	request: Request,
	address: string | null,
	now = new Date()
): Promise<Response> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json(
			{ message: 'Nội dung gửi lên không phải JSON hợp lệ.', code: 'invalid' } satisfies ApiError,
			{ status: 400 }
		);
	}
	const input = pairRequestSchema.safeParse(body);
	if (!input.success)
		return json(
			{
				message: input.error.issues[0]?.message ?? devices.WRONG_CODE,
				code: 'invalid'
			} satisfies ApiError,
			{ status: 400 }
		);
	const outcome = await devices.pair(input.data.code, address, now);
	if (!outcome.ok)
		return json(
			{
				message: outcome.message,
				code: outcome.status === 429 ? 'throttled' : 'invalid'
			} satisfies ApiError,
			{ status: outcome.status }
		);
	return json({ token: outcome.token, config: outcome.config } satisfies PairResponse, {
		headers: { 'Cache-Control': 'no-store' }
	});
}

/** The staff PIN typed on a tablet, checked by the server for the device of the Bearer token. */
export async function handlePinCheck(request: Request, now = new Date()): Promise<Response> {
	const reply = (status: number, body: PinCheckResponse, headers: Record<string, string> = {}) =>
		json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
	const auth = await devices.authenticate(request.headers.get('authorization'));
	if (!auth.ok)
		return reply(401, {
			code: auth.code,
			message:
				auth.code === 'revoked'
					? devices.REVOKED
					: 'Thiết bị chưa được ghép nối hoặc mã thiết bị không đúng.'
		});
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return reply(400, { message: 'Nội dung gửi lên không phải JSON hợp lệ.', code: 'invalid' });
	}
	const input = pinCheckSchema.safeParse(body);
	if (!input.success)
		return reply(400, {
			message: input.error.issues[0]?.message ?? 'Mã PIN không hợp lệ.',
			code: 'invalid'
		});
	const outcome = await staffPin.check(auth.device, input.data.pin, now);
	if (outcome.ok) return reply(200, { ok: true });
	const retryAfterS = Math.ceil(outcome.waitMs / 1000);
	if (outcome.reason === 'no_pin')
		return reply(409, {
			code: 'no_pin',
			message: 'Chưa đặt mã PIN nhân viên. Quản trị viên đặt mã ở trang Quản trị → Thiết bị.'
		});
	if (outcome.reason === 'throttled')
		return reply(
			429,
			{ code: 'throttled', retryAfterS, message: wrongPinMessage(outcome.waitMs, false) },
			{ 'Retry-After': String(retryAfterS) }
		);
	return reply(403, {
		code: 'wrong_pin',
		retryAfterS,
		message: wrongPinMessage(outcome.waitMs, true)
	});
}
