// The admin catalogue upload: the file a manager picks, checked in the browser before it is sent and again on the server.
import { z } from 'zod';
import { FILE_LIMITS, megabytes } from '$lib/limits';

export const UPLOAD_MAX_BYTES = FILE_LIMITS.catalogue;
const EXTENSIONS = ['csv', 'json', 'xlsx'];

// A form with no file chosen still sends one: nameless and empty.
export const catalogueFileSchema = z
	.file({ message: 'Hãy chọn một tệp danh mục' })
	.refine((f) => f.name !== '', { message: 'Hãy chọn một tệp danh mục', abort: true })
	.refine(
		(f) => EXTENSIONS.includes(f.name.toLowerCase().split('.').pop() ?? ''),
		'Chỉ nhận tệp CSV, JSON hoặc XLSX'
	)
	.refine((f) => f.size > 0, 'Tệp rỗng')
	.refine((f) => f.size <= UPLOAD_MAX_BYTES, `Tệp lớn hơn ${megabytes(UPLOAD_MAX_BYTES)}`);

export const cataloguePreviewSchema = z.object({ file: catalogueFileSchema });

/**
 * Applying names the file it previewed (by SHA-256), so what is applied is what was shown; `confirmHosts` is the
 * preview's tick that the addresses off the national portal it listed are meant.
 */
export const catalogueApplySchema = cataloguePreviewSchema
	.extend({
		previewed: z.string().regex(/^[0-9a-f]{64}$/, 'Hãy xem trước tệp trước khi áp dụng'),
		confirmHosts: z.literal('1').optional(),
		// The typed number that confirms a mass abolish; compared with the diff on the server.
		confirmAbolish: z.string().max(20, 'Số thủ tục bãi bỏ gõ vào quá dài').optional()
	})
	.transform(({ confirmHosts, confirmAbolish, ...rest }) => ({
		...rest,
		confirmHosts: confirmHosts === '1',
		confirmAbolish: confirmAbolish ?? ''
	}));
