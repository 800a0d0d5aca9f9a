// The posted list (danh mục niêm yết): the manager's forms on /admin/catalogue, and what devices receive of it.
import { z } from 'zod';
import { hasControlCharacters } from './text';
import { identifier } from '$lib/domain/text';

/** What a device gets with the catalogue: the codes posted, the pinned fields in order, each field's counter. */
export const postedListSchema = z.object({
	codes: z.array(z.string()),
	pins: z.array(z.string()),
	counters: z.record(z.string(), z.string())
});
export type PostedList = z.infer<typeof postedListSchema>;

const field = z
	.string({ message: 'Chưa chọn lĩnh vực.' })
	.trim()
	.min(1, 'Chưa chọn lĩnh vực.')
	.max(300, 'Tên lĩnh vực quá dài.')
	.refine((v) => !hasControlCharacters(v), 'Tên lĩnh vực có ký tự không hợp lệ.');

/** Show or hide a whole field, or give it back to the default (the center's level). */
export const fieldChoiceSchema = z.object({
	field,
	shown: z.enum(['show', 'hide', 'default'], { message: 'Chưa chọn hiện hay ẩn lĩnh vực.' })
});

/** Show or hide one procedure. */
export const procedureChoiceSchema = z.object({
	code: z
		.string({ message: 'Chưa chọn thủ tục.' })
		.trim()
		.min(1, 'Chưa chọn thủ tục.')
		.max(40, 'Mã thủ tục không hợp lệ.')
		// A NUL reached PostgreSQL as a 500 (the fuzz run found it); codes are compared by their key, as stored.
		.refine((v) => !hasControlCharacters(v), 'Mã thủ tục không hợp lệ.')
		.transform(identifier),
	shown: z.enum(['show', 'hide'], { message: 'Chưa chọn hiện hay ẩn thủ tục.' })
});

/** Pin a field on the kiosk's home, unpin it, or move it among the pins. */
export const pinSchema = z.object({
	field,
	move: z.enum(['pin', 'unpin', 'up', 'down'], { message: 'Thao tác ghim không hợp lệ.' })
});

/** The counter (quầy) serving a field, free text as staff say it: "3", "Quầy 3"; empty for none. */
export const counterSchema = z.object({
	field,
	counter: z
		.string()
		.default('')
		.transform((v) => v.normalize('NFC').trim())
		.pipe(
			z
				.string()
				.max(40, 'Tên quầy dài quá 40 ký tự.')
				.refine((v) => !hasControlCharacters(v), 'Tên quầy có ký tự không hợp lệ.')
		)
});
