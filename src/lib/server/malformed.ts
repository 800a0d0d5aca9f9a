// Requests refused before routing, each with a 4xx and a Vietnamese message instead of the 500 it used to cause:
// a path or query holding control characters (a NUL from /p/[code] reached PostgreSQL, which cannot store it), and a
// form post that is not a readable form (SvelteKit passes text/plain and broken multipart on to request.formData(),
// which throws, and it throws on the reserved action name `?/default`).
import type { RequestEvent } from '@sveltejs/kit';
import { controlMessage, hasControlCharacters } from '$lib/schemas/text';

export interface Refusal {
	status: 400 | 404 | 415;
	message: string;
	code: 'invalid' | 'not_found' | 'unsupported';
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** Why this request cannot be served, or null when it can. Reads a form post's body on a copy of the request. */
export async function refusal(
	event: Pick<RequestEvent, 'url' | 'request'>
): Promise<Refusal | null> {
	const { url, request } = event;
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return { status: 400, code: 'invalid', message: 'Địa chỉ trang không hợp lệ (mã hoá sai).' };
	}
	if (hasControlCharacters(path))
		return { status: 400, code: 'invalid', message: controlMessage('Địa chỉ trang') };
	for (const [key, value] of url.searchParams)
		if (hasControlCharacters(key, true) || hasControlCharacters(value, true))
			return {
				status: 400,
				code: 'invalid',
				message: controlMessage('Tham số trên địa chỉ trang')
			};
	// Every POST outside /api is a form action (the JSON endpoints all live under /api).
	if (request.method !== 'POST' || url.pathname.startsWith('/api/')) return null;
	const action = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	if (action === '/default')
		return { status: 404, code: 'not_found', message: 'Không có thao tác này trên trang.' };
	if (!FORM_TYPES.test(request.headers.get('content-type') ?? ''))
		return {
			status: 415,
			code: 'unsupported',
			message: 'Dữ liệu gửi lên không phải biểu mẫu. Hãy gửi lại từ trang web.'
		};
	try {
		await request.clone().formData();
	} catch {
		return {
			status: 400,
			code: 'invalid',
			message: 'Không đọc được biểu mẫu gửi lên. Hãy tải lại trang rồi gửi lại.'
		};
	}
	return null;
}
