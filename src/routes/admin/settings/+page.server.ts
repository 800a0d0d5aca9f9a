import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	CENTER_FIELDS,
	centerIdentitySchema,
	REPORT_DOCUMENT_FIELDS,
	reportDocumentSchema
} from '$lib/schemas/center';
import { apiTokenNameSchema, targetsSchema } from '$lib/schemas/reports';
import { hasControlCharacters } from '$lib/schemas/text';
import * as auth from '$lib/server/auth';
import * as apiTokens from '$lib/server/auth/api-tokens';
import * as backups from '$lib/server/backup/admin';
import * as center from '$lib/server/center';
import { config } from '$lib/server/config';
import * as settings from '$lib/server/reports/settings';
import * as indexRules from '$lib/server/reports/index-rules';
import { ESTIMATED } from '$lib/domain/service-index';
import { indexRulesForm } from '$lib/schemas/index-rules';
import { formatDate } from '$lib/domain/numbers';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = auth.requireRole(locals, 'viewer');
	const [identity, document] = await Promise.all([
		center.get(user.centerId),
		center.reportDocument(user.centerId)
	]);
	if (!identity || !document) error(404, 'Không tìm thấy trung tâm.');
	return {
		identity,
		document,
		targets: await settings.targets(user.centerId),
		reportIndex: await settings.includesIndex(user.centerId),
		indexRules: await indexRules.versions(),
		rulesEditable: await indexRules.mayChange(user),
		rulesShared: !(await center.alone(user.centerId)),
		tokens: auth.hasRole(user, 'admin') ? await apiTokens.list(user.centerId) : [],
		backups: auth.hasRole(user, 'admin') ? await backups.panel(config(), user.centerId) : null,
		canManage: auth.hasRole(user, 'admin')
	};
}) satisfies PageServerLoad;

/** The weights are the deployment's: in a city only its admin changes them. */
const rulesRefused = () =>
	fail(403, {
		action: 'indexRules' as const,
		message:
			'Trọng số dùng chung cho mọi trung tâm của thành phố: chỉ quản trị viên thành phố thêm hoặc xóa phiên bản.',
		error: true
	});

const messages = (issues: { message: string }[]) =>
	[...new Set(issues.map((i) => i.message))].join('; ');

export const actions = {
	identity: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const form = await request.formData();
		const values = Object.fromEntries(CENTER_FIELDS.map((k) => [k, String(form.get(k) ?? '')]));
		const input = centerIdentitySchema.safeParse(values);
		if (!input.success) {
			const errors = z.flattenError(input.error).fieldErrors;
			return fail(400, {
				action: 'identity' as const,
				values,
				errors,
				message: 'Chưa lưu: hãy sửa các ô được đánh dấu.',
				error: true
			});
		}
		await center.update(user.centerId, input.data);
		return {
			action: 'identity' as const,
			message:
				'Đã lưu thông tin trung tâm. Ki-ốt, trang điện thoại, bản niêm yết và báo cáo dùng thông tin mới.'
		};
	},
	document: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const form = await request.formData();
		const values = Object.fromEntries(
			REPORT_DOCUMENT_FIELDS.map((k) => [k, String(form.get(k) ?? '')])
		);
		const input = reportDocumentSchema.safeParse(values);
		if (!input.success) {
			const errors = z.flattenError(input.error).fieldErrors;
			return fail(400, {
				action: 'document' as const,
				values,
				errors,
				message: 'Chưa lưu: hãy sửa các ô được đánh dấu.',
				error: true
			});
		}
		await center.updateReportDocument(user.centerId, input.data);
		return {
			action: 'document' as const,
			message: 'Đã lưu thông tin văn bản. Báo cáo tải về và bản in dùng thông tin mới.'
		};
	},
	reportIndex: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const value = (await request.formData()).get('reportIndex');
		// A checkbox sends 'on' when ticked and nothing when not; anything else is no answer of this form.
		if (value !== null && value !== 'on')
			return fail(400, {
				action: 'reportIndex' as const,
				message: 'Chưa lưu: lựa chọn không hợp lệ.',
				error: true
			});
		await settings.saveIncludesIndex(user.centerId, value === 'on');
		return {
			action: 'reportIndex' as const,
			message:
				value === 'on'
					? 'Đã lưu: báo cáo có thêm phần ước tính Bộ chỉ số 766.'
					: 'Đã lưu: báo cáo không in phần ước tính Bộ chỉ số 766.'
		};
	},
	indexRules: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		if (!(await indexRules.mayChange(user))) return rulesRefused();
		const form = await request.formData();
		const text = (name: string) => String(form.get(name) ?? '');
		const values = {
			version: text('version'),
			source: text('source'),
			inForceFrom: text('inForceFrom'),
			indicators: Object.fromEntries(
				ESTIMATED.map((id) => [id, { max: text(`${id}.max`), fullFrom: text(`${id}.fullFrom`) }])
			)
		};
		const input = indexRulesForm.safeParse(values);
		if (!input.success)
			return fail(400, {
				action: 'indexRules' as const,
				values,
				message: `Chưa lưu: ${messages(input.error.issues)}`,
				error: true
			});
		const added = await indexRules.add(input.data, user.username);
		if (!added.ok)
			return fail(409, {
				action: 'indexRules' as const,
				values,
				message: `Chưa lưu: ${added.message}`,
				error: true
			});
		return {
			action: 'indexRules' as const,
			message: `Đã lưu phiên bản ${input.data.version}: ước tính của các kỳ kết thúc từ ${formatDate(input.data.inForceFrom)} dùng trọng số này.`
		};
	},
	removeIndexRules: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		if (!(await indexRules.mayChange(user))) return rulesRefused();
		const version = String((await request.formData()).get('version') ?? '');
		if (!(await indexRules.remove(version)))
			return fail(404, {
				action: 'indexRules' as const,
				message: 'Không có phiên bản này để xóa (phiên bản có sẵn không xóa được).',
				error: true
			});
		return { action: 'indexRules' as const, message: `Đã xóa phiên bản ${version}.` };
	},
	targets: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const form = await request.formData();
		const matches = form.getAll('match').map(String);
		const values = form.getAll('target').map(String);
		const input = targetsSchema.safeParse({
			overall: form.get('overall'),
			rules: matches.map((match, i) => ({ match, target: values[i] ?? '' }))
		});
		if (!input.success)
			return fail(400, {
				action: 'targets' as const,
				message: messages(input.error.issues),
				error: true
			});
		await settings.saveTargets(user.centerId, input.data);
		return {
			action: 'targets' as const,
			message: 'Đã lưu chỉ tiêu hài lòng. Báo cáo và trang tổng quan dùng chỉ tiêu mới ngay.'
		};
	},
	createToken: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const input = apiTokenNameSchema.safeParse({ name: (await request.formData()).get('name') });
		if (!input.success)
			return fail(400, {
				action: 'createToken' as const,
				message: messages(input.error.issues),
				error: true
			});
		const { token } = await apiTokens.create(user.centerId, input.data.name, user.id);
		return { action: 'createToken' as const, token, name: input.data.name };
	},
	revokeToken: async ({ request, locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const id = String((await request.formData()).get('id') ?? '');
		// A NUL is no token's id, and PostgreSQL cannot even compare one (a 500 before): answered as an unknown id.
		if (hasControlCharacters(id) || !(await apiTokens.revoke(user.centerId, id)))
			return fail(400, {
				action: 'revokeToken' as const,
				message: 'Không tìm thấy mã API đang dùng này.',
				error: true
			});
		return { action: 'revokeToken' as const, message: 'Đã thu hồi mã API.' };
	},
	backupNow: async ({ locals }) => {
		const user = auth.requireRole(locals, 'admin');
		const outcome = await backups.backupFromPage(config(), user.centerId);
		if (!outcome.ok)
			return fail(outcome.status, {
				action: 'backupNow' as const,
				message: outcome.message,
				error: true
			});
		return { action: 'backupNow' as const, message: outcome.message };
	}
} satisfies Actions;
