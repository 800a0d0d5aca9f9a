// Errors of the disk under DATA_DIR (full, read-only, not ours): the server says so plainly and keeps serving reads.
const CODES = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'EIO']);
// PostgreSQL's disk_full and io_error classes, and PGlite's messages for the same system errors.
const SQLSTATES = new Set(['53100', '58030']);
const MESSAGES =
	/No space left on device|Read-only file system|Permission denied|Disk quota exceeded|ENOSPC|EROFS|EACCES/i;

/** DATA_DIR itself cannot be made or written (a disk not mounted, remounted read-only, not ours). */
export class StorageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StorageError';
	}
}

export function isStorageError(e: unknown): boolean {
	if (e instanceof StorageError) return true;
	if (!e || typeof e !== 'object') return false;
	const { code, message } = e as { code?: unknown; message?: unknown };
	return (
		(typeof code === 'string' && (CODES.has(code) || SQLSTATES.has(code))) ||
		(typeof message === 'string' && MESSAGES.test(message))
	);
}

/** What a person is told when the server could not write. */
export const STORAGE_MESSAGE =
	'Máy chủ không ghi được dữ liệu: ổ đĩa đã đầy hoặc thư mục dữ liệu không cho phép ghi. Chưa có gì được lưu. ' +
	'Hãy báo người quản trị giải phóng dung lượng (hoặc sửa quyền ghi), rồi thử lại.';

export const UNAVAILABLE_MESSAGE =
	'Máy chủ tạm thời chưa mở được cơ sở dữ liệu vì ổ đĩa đầy hoặc thư mục dữ liệu không ghi được. ' +
	'Máy chủ tự thử lại vài giây một lần; hãy báo người quản trị.';
