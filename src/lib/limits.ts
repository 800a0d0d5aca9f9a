// How large a request each endpoint takes: one number per endpoint, read by the form that checks a file before
// sending it, by the schema that validates it, and by the server (hooks.server.ts), which refuses a larger body
// with 413 before reading it. No zod here: device pages import this.
export const MB = 1024 * 1024;

/** The largest file each upload form takes. */
export const FILE_LIMITS = {
	/** A source system's dossier export: a large ward's year (60,000 rows) is 11.5 MB of CSV. */
	dossiers: 40 * MB,
	/** A catalogue file: the national list of 2,643 procedures is about 2 MB of CSV. */
	catalogue: 20 * MB,
	/** A device's exported outbox, imported on /admin/devices. */
	outbox: 20 * MB
} as const;

/** Room for a form's other fields and the multipart boundaries around its file. */
const FORM_MARGIN = 64 * 1024;

export const BODY_LIMITS = {
	/** POST /api/v1/sync: a batch of 500 ratings with long comments is under 1 MB. */
	sync: 2 * MB,
	/** Any other form or request. */
	other: 1 * MB
} as const;

/** The limit of a request to `pathname` (form actions post to their page's path). */
export function bodyLimit(pathname: string): number {
	if (pathname === '/api/v1/sync') return BODY_LIMITS.sync;
	if (pathname === '/admin/dossiers') return FILE_LIMITS.dossiers + FORM_MARGIN;
	if (pathname === '/admin/catalogue') return FILE_LIMITS.catalogue + FORM_MARGIN;
	if (pathname === '/admin/devices') return FILE_LIMITS.outbox + FORM_MARGIN;
	return BODY_LIMITS.other;
}

/** "40 MB", for the forms' hints and messages. */
export const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** The message for a body over its limit. */
export const tooLargeMessage = (limit: number) =>
	`Dữ liệu gửi lên lớn hơn mức cho phép (${megabytes(limit)}). Hãy chia nhỏ tệp hoặc gửi từng phần rồi thử lại.`;
