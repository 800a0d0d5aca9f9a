// A backup file from the backup folder, for an admin to keep somewhere other than the server.
import { error } from '@sveltejs/kit';
import * as auth from '$lib/server/auth';
import * as backups from '$lib/server/backup/admin';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const user = auth.requireRole(locals, 'admin');
	const file = await backups.download(config(), user.centerId, params.name);
	if (!file) error(404, 'Không tìm thấy bản sao lưu này.');
	return new Response(file.body, {
		headers: {
			'Content-Type': 'application/gzip',
			'Content-Length': String(file.bytes),
			'Content-Disposition': `attachment; filename="${params.name}"`
		}
	});
};
