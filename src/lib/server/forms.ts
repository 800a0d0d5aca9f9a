// Form bodies for actions: a body that is not a form (a same-origin text/plain POST, a broken multipart) is refused
// with a Vietnamese message, never a 500.
import { fail, type ActionFailure } from '@sveltejs/kit';

export const NOT_A_FORM =
	'Dữ liệu gửi lên không phải biểu mẫu hợp lệ. Hãy tải lại trang rồi thử lại.';

/** The fields of a form, each as a string (a file or a missing field is ''), or a 400 failure to return. */
export async function readForm<K extends string>(
	request: Request,
	names: readonly K[]
): Promise<
	| { ok: true; fields: Record<K, string> }
	| {
			ok: false;
			failure: ActionFailure<{ ok: false; message: string; errors: Record<string, string[]> }>;
	  }
> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return {
			ok: false,
			failure: fail(400, { ok: false as const, message: NOT_A_FORM, errors: {} })
		};
	}
	const fields = Object.fromEntries(
		names.map((n) => [n, typeof data.get(n) === 'string' ? String(data.get(n)) : ''])
	) as Record<K, string>;
	return { ok: true, fields };
}
