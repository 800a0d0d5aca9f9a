import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { FILE_LIMITS, tooLargeMessage } from '$lib/limits';
import {
	countVoidSchema,
	newDeviceSchema,
	ratingSettingsSchema,
	staffPinInputSchema
} from '$lib/schemas/devices';
import { hasControlCharacters } from '$lib/schemas/text';
import * as auth from '$lib/server/auth';
import * as catalogue from '$lib/server/catalogue';
import * as devices from '$lib/server/devices';
import * as voids from '$lib/server/devices/voids';
import * as sync from '$lib/server/sync';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = auth.requireRole(locals, 'viewer');
	const settings = await devices.centerSettings(user.centerId);
	return {
		devices: await devices.list(user.centerId),
		settings: {
			scale: settings.scale,
			satisfiedLevels: settings.satisfiedLevels,
			minIntervalS: settings.minIntervalS,
			pinSet: settings.staffPinHash !== null,
			pinLegacy: settings.staffPinHash !== null && settings.staffPinLegacy
		},
		fields: [...new Set((await catalogue.active(user.centerId)).map((p) => p.field))].sort((a, b) =>
			a.localeCompare(b, 'vi')
		),
		voids: await voids.list(user.centerId),
		canManage: auth.hasRole(user, 'admin')
	};
}) satisfies PageServerLoad;

const firstMessage = (issues: { message: string }[]) => issues.map((i) => i.message).join('; ');
/** The id a row's button posts; anything the database could not even compare (a NUL) is no id. */
const formId = (form: FormData) => {
	const id = String(form.get('id') ?? '');
	return id.length <= 64 && !hasControlCharacters(id) ? id : '';
};

export const actions = {
	pair: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const form = Object.fromEntries(await request.formData());
		const input = newDeviceSchema.safeParse(form);
		if (!input.success)
			return fail(400, { action: 'pair' as const, message: firstMessage(input.error.issues) });
		const { code, expiresAt } = await devices.createPairingCode(user.centerId, input.data, user.id);
		return {
			action: 'pair' as const,
			code,
			expiresAt: expiresAt.toISOString(),
			name: input.data.name
		};
	},
	revoke: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const id = formId(await request.formData());
		if (!(await devices.revoke(user.centerId, id)))
			return fail(400, {
				action: 'revoke' as const,
				message: 'Không tìm thấy thiết bị đang hoạt động này.'
			});
		return { action: 'revoke' as const, message: 'Đã thu hồi thiết bị.' };
	},
	settings: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const form = await request.formData();
		const typed = {
			scale: form.get('scale'),
			satisfiedLevels: form.getAll('satisfiedLevels'),
			minIntervalS: form.get('minIntervalS')
		};
		const input = ratingSettingsSchema.safeParse(typed);
		if (!input.success) {
			// Each message goes to its field, and the form shows again what was typed: nothing was saved.
			const values = {
				scale: String(typed.scale ?? ''),
				satisfiedLevels: typed.satisfiedLevels.map(String),
				minIntervalS: String(typed.minIntervalS ?? '')
			};
			const errors = z.flattenError(input.error).fieldErrors;
			return fail(400, {
				action: 'settings' as const,
				message: 'Chưa lưu: hãy sửa các ô được đánh dấu.',
				failed: true,
				errors,
				values
			});
		}
		await devices.saveSettings(user.centerId, input.data);
		return {
			action: 'settings' as const,
			message: 'Đã lưu cài đặt đánh giá. Thiết bị nhận cài đặt mới ở lần đồng bộ tiếp theo.'
		};
	},
	pin: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const input = staffPinInputSchema.safeParse({ pin: (await request.formData()).get('pin') });
		if (!input.success)
			return fail(400, {
				action: 'pin' as const,
				message: firstMessage(input.error.issues),
				failed: true
			});
		await devices.setStaffPin(user.centerId, input.data.pin);
		return {
			action: 'pin' as const,
			message:
				'Đã đặt mã PIN nhân viên. Máy tính bảng tại quầy nhận mã mới ở lần đồng bộ tiếp theo.'
		};
	},
	// Voiding a device's counts: a preview of what would be set aside, then the confirmed void; undo keeps the record.
	voidPreview: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const input = countVoidSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success)
			return fail(400, { action: 'void' as const, message: firstMessage(input.error.issues) });
		return {
			action: 'voidPreview' as const,
			void: input.data,
			totals: await voids.preview(user.centerId, input.data)
		};
	},
	void: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const input = countVoidSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success)
			return fail(400, { action: 'void' as const, message: firstMessage(input.error.issues) });
		const outcome = await voids.create(user.centerId, input.data, user.id);
		if (!outcome.ok) return fail(400, { action: 'void' as const, message: outcome.message });
		return {
			action: 'void' as const,
			message:
				'Đã hủy số đếm của thiết bị trong khoảng ngày đã chọn. Báo cáo và trang tổng quan không tính các số này nữa.'
		};
	},
	undoVoid: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const id = formId(await request.formData());
		if (!(await voids.undo(user.centerId, id, user.id)))
			return fail(400, {
				action: 'void' as const,
				message: 'Không tìm thấy lần hủy số đếm đang có hiệu lực này.'
			});
		return {
			action: 'void' as const,
			message: 'Đã hoàn tác: số đếm của thiết bị trong khoảng ngày đó được tính lại.'
		};
	},
	import: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, {
				action: 'import' as const,
				message: 'Chọn tệp đánh giá (.json) xuất từ thiết bị.'
			});
		if (file.size > FILE_LIMITS.outbox)
			return fail(413, { action: 'import' as const, message: tooLargeMessage(FILE_LIMITS.outbox) });
		const outcome = await sync.importOutboxFile(user.centerId, await file.text());
		if (!outcome.ok) return fail(400, { action: 'import' as const, message: outcome.message });
		const refused = outcome.refused.length
			? `; ${outcome.refused.length} bị từ chối (dòng đầu: ${outcome.refused[0].message})`
			: '';
		return {
			action: 'import' as const,
			message: `Đã nhận ${outcome.added} đánh giá mới; ${outcome.known} đã có từ trước${refused}.`
		};
	}
} satisfies Actions;
