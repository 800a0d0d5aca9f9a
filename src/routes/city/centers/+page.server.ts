import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { centerIdSchema, hostListSchema, newCenterSchema } from '$lib/schemas/center';
import * as auth from '$lib/server/auth';
import * as center from '$lib/server/center';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = auth.requireCity(locals);
	return { centers: await center.list(), canEdit: user.city === 'city_admin' };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		auth.requireCity(locals, true);
		const form = await readForm(request, ['id', 'name', 'level', 'hosts']);
		if (!form.ok) return form.failure;
		const parsed = newCenterSchema.safeParse(form.fields);
		if (!parsed.success)
			return fail(400, {
				form: 'create' as const,
				values: form.fields,
				errors: z.flattenError(parsed.error).fieldErrors,
				message: 'Hãy sửa các mục được đánh dấu.'
			});
		const outcome = await center.create(parsed.data);
		if (!outcome.ok)
			return fail(409, {
				form: 'create' as const,
				values: form.fields,
				errors: {},
				message: outcome.message
			});
		return {
			form: 'create' as const,
			message: `Đã thêm ${parsed.data.name} (mã ${parsed.data.id}).`
		};
	},
	hosts: async ({ request, locals }) => {
		auth.requireCity(locals, true);
		const form = await readForm(request, ['center', 'hosts']);
		if (!form.ok) return form.failure;
		const id = centerIdSchema.safeParse(form.fields.center);
		const hosts = hostListSchema.safeParse(form.fields.hosts);
		if (!id.success)
			return fail(400, { form: 'hosts' as const, message: 'Không tìm thấy trung tâm này.' });
		if (!hosts.success)
			return fail(400, {
				form: 'hosts' as const,
				center: id.data,
				message: hosts.error.issues[0]?.message ?? 'Tên miền không hợp lệ'
			});
		const outcome = await center.setHosts(id.data, hosts.data);
		if (!outcome.ok)
			return fail(409, { form: 'hosts' as const, center: id.data, message: outcome.message });
		return { form: 'hosts' as const, center: id.data, saved: true, message: 'Đã lưu tên miền.' };
	}
} satisfies Actions;
