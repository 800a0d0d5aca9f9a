// GET /api/v1/reports: who may read (a session of a REPORT_READER, as on /admin/reports, or an API token of the
// center), the period, the report.
import { parseReportQuery } from '$lib/schemas/reports';
import { hasRole, REPORT_READER, type SessionUser } from '../auth';
import * as apiTokens from '../auth/api-tokens';
import { buildReport } from '.';

export async function handleReportRequest(
	url: URL,
	authorization: string | null,
	user: SessionUser | null
): Promise<{ status: number; body: unknown }> {
	let centerId: string | null = null;
	if (authorization) centerId = await apiTokens.centerOf(authorization);
	else if (user) {
		if (!hasRole(user, REPORT_READER))
			return {
				status: 403,
				body: { message: 'Tài khoản của bạn không có quyền xem báo cáo qua API.' }
			};
		centerId = user.centerId;
	}
	if (!centerId) return { status: 401, body: { message: 'Cần đăng nhập, hoặc mã API hợp lệ.' } };
	const query = parseReportQuery(url.searchParams);
	if (!query.ok) return { status: 400, body: { message: query.message } };
	const report = await buildReport(centerId, query.period);
	if (!report) return { status: 404, body: { message: 'Không tìm thấy trung tâm.' } };
	return { status: 200, body: report };
}
