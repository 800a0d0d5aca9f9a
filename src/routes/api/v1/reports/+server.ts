// The report as JSON for other systems: a manager's session, or an API token an admin made (Bearer ssr_…).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleReportRequest } from '$lib/server/reports/http';

export const GET: RequestHandler = async ({ url, request, locals }) => {
	const { status, body } = await handleReportRequest(
		url,
		request.headers.get('authorization'),
		locals.user
	);
	return json(body, { status });
};
