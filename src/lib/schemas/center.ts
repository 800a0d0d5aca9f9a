// The center's identity as the settings form, the server and the first-start defaults validate it: one schema.
// Text is NFC-normalised (a name typed on a Windows box and one pasted from a PDF compare equal) and trimmed.
import { z } from 'zod';
import { CENTER_LEVELS } from '$lib/domain/procedure';

/** Letters Unicode calls controls, except the line breaks a multi-line field keeps. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** One line: NFC, runs of white space (line breaks too) made one space, trimmed. */
const oneLine = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** Several lines: each as oneLine, empty lines dropped. */
const lines = (s: string) => s.split(/\r\n?|\n/).map(oneLine).filter(Boolean).join('\n');

function text(label: string, max: number, clean: (s: string) => string = oneLine) {
	return z
		.string()
		.transform(clean)
		.pipe(
			z
				.string()
				.max(max, `${label} dài quá ${max} ký tự`)
				.refine((s) => !CONTROL.test(s), `${label} có ký tự không in được`)
		);
}

const LIMITS = { name: 200, governingBody: 200, placeName: 80, address: 300, openingHours: 400, phone: 60 } as const;

export const centerIdentitySchema = z.object({
	name: text('Tên trung tâm', LIMITS.name).pipe(z.string().min(1, 'Hãy nhập tên chính thức của trung tâm')),
	governingBody: text('Cơ quan chủ quản', LIMITS.governingBody),
	placeName: text('Địa danh', LIMITS.placeName),
	address: text('Địa chỉ', LIMITS.address),
	openingHours: text('Giờ làm việc', LIMITS.openingHours, lines).refine((s) => s.split('\n').length <= 6, 'Giờ làm việc ghi tối đa 6 dòng'),
	phone: text('Số điện thoại', LIMITS.phone).refine(
		(s) => /^[0-9+().,;/ -]*$/.test(s),
		'Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - / , ;'
	),
	level: z.enum(CENTER_LEVELS, { message: 'Hãy chọn cấp của trung tâm' })
});

export type CenterIdentity = z.infer<typeof centerIdentitySchema>;
export type CenterField = keyof CenterIdentity;
export const CENTER_FIELDS = Object.keys(centerIdentitySchema.shape) as CenterField[];
