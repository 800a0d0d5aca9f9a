// What /admin/settings offers an admin: the backup folder's status, a backup made now, and a download. A backup holds
// every center of the database, so a center's admin gets them only where the database holds no other center (a
// center's own box); a city's backups are its operator's, on the server.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Config } from '../config';
import * as center from '../center';
import { backupNow, fileFor, status, type BackupStatus } from './automatic';

const ownDatabase = center.alone;

export type Panel = (BackupStatus & { available: true; checkedAt: string }) | { available: false };

export async function panel(cfg: Config, centerId: string, now = new Date()): Promise<Panel> {
	if (!(await ownDatabase(centerId))) return { available: false };
	return { available: true, checkedAt: now.toISOString(), ...(await status(cfg, now)) };
}

export type Outcome =
	{ ok: true; message: string } | { ok: false; status: 403 | 409 | 500; message: string };

export async function backupFromPage(cfg: Config, centerId: string): Promise<Outcome> {
	if (!(await ownDatabase(centerId)))
		return {
			ok: false,
			status: 403,
			message:
				'Dữ liệu dùng chung với trung tâm khác: việc sao lưu do quản trị máy chủ của thành phố đảm nhận.'
		};
	try {
		const written = await backupNow(cfg);
		if (!written)
			return {
				ok: false,
				status: 409,
				message: 'Một máy chủ khác đang sao lưu. Vui lòng thử lại sau một phút.'
			};
		return {
			ok: true,
			message: 'Đã sao lưu xong. Hãy tải bản mới nhất về và cất ở nơi khác máy chủ.'
		};
	} catch {
		// The reason is logged and shown in the panel's status.
		return {
			ok: false,
			status: 500,
			message:
				'Sao lưu không thành công. Lý do ghi ở khung đỏ đầu mục này và trong nhật ký máy chủ.'
		};
	}
}

export interface Download {
	body: ReadableStream<Uint8Array>;
	bytes: number;
}

/** One of the folder's backups by name, streamed; null for any other name, or where the database is shared. */
export async function download(
	cfg: Config,
	centerId: string,
	name: string
): Promise<Download | null> {
	if (!(await ownDatabase(centerId))) return null;
	const file = await fileFor(cfg, name);
	if (!file) return null;
	return {
		body: Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>,
		bytes: file.bytes
	};
}
