// The center's identity as the settings form, the server and the first-start defaults validate it: one schema.
// Text is NFC-normalised (a name typed on a Windows box and one pasted from a PDF compare equal) and trimmed.
import { z } from 'zod';
import { CENTER_LEVELS } from '$lib/domain/procedure';

/** Letters Unicode calls controls, except the line breaks a multi-line field keeps. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** One line: NFC, runs of white space (line breaks too) made one space, trimmed. */
const oneLine = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** Several lines: each as oneLine, empty lines dropped. */
const lines = (s: string) =>
	s
		.split(/\r\n?|\n/)
		.map(oneLine)
		.filter(Boolean)
		.join('\n');

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

const LIMITS = {
	name: 200,
	governingBody: 200,
	placeName: 80,
	address: 300,
	openingHours: 400,
	phone: 60
} as const;

export const centerIdentitySchema = z.object({
	name: text('Tên trung tâm', LIMITS.name).pipe(
		z.string().min(1, 'Hãy nhập tên chính thức của trung tâm')
	),
	governingBody: text('Cơ quan chủ quản', LIMITS.governingBody),
	placeName: text('Địa danh', LIMITS.placeName),
	address: text('Địa chỉ', LIMITS.address),
	openingHours: text('Giờ làm việc', LIMITS.openingHours, lines).refine(
		(s) => s.split('\n').length <= 6,
		'Giờ làm việc ghi tối đa 6 dòng'
	),
	phone: text('Số điện thoại', LIMITS.phone).refine(
		(s) => /^[0-9+().,;/ -]*$/.test(s),
		'Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - / , ;'
	),
	level: z.enum(CENTER_LEVELS, { message: 'Hãy chọn cấp của trung tâm' })
});

export type CenterIdentity = z.infer<typeof centerIdentitySchema>;
export type CenterField = keyof CenterIdentity;
export const CENTER_FIELDS = Object.keys(centerIdentitySchema.shape) as CenterField[];

// ---- The report as an official document (Nghị định 30/2020/NĐ-CP) ------------------------------------------------

/** A recipient as the form takes it: the "- " before it and the ";" or "." after it are the document's, not the line's. */
const recipientLine = (s: string) =>
	oneLine(s)
		.replace(/^[-–—+•*]\s*/, '')
		.replace(/[;.,]+$/, '')
		.trim();
const recipientLines = (s: string) =>
	s
		.split(/\r\n?|\n/)
		.map(recipientLine)
		.filter(Boolean)
		.join('\n');

export const DOCUMENT_LIMITS = {
	reportSymbol: 40,
	recipients: 12,
	recipient: 150,
	signerTitle: 3,
	signerTitleLine: 80,
	signerName: 80
} as const;

export const reportDocumentSchema = z.object({
	// "BC-TTPVHCC" in "Số: …/BC-TTPVHCC": the kind of document (BC, báo cáo) and the issuer's initials, in capitals.
	reportSymbol: text('Ký hiệu', DOCUMENT_LIMITS.reportSymbol)
		.transform((s) => s.toLocaleUpperCase('vi').replace(/^\/+/, ''))
		.pipe(
			z
				.string()
				.min(1, 'Hãy nhập ký hiệu văn bản, ví dụ BC-TTPVHCC')
				.regex(
					/^[A-ZĐ0-9]+(?:[-&.][A-ZĐ0-9]+)*$/u,
					'Ký hiệu chỉ gồm chữ in hoa, chữ số và dấu gạch nối, không có dấu cách, ví dụ BC-TTPVHCC'
				)
		),
	recipients: text(
		'Nơi nhận',
		DOCUMENT_LIMITS.recipients * (DOCUMENT_LIMITS.recipient + 1),
		recipientLines
	)
		.refine((s) => s.length > 0, 'Hãy ghi ít nhất một nơi nhận, ví dụ: Lưu: VT')
		.refine(
			(s) => s.split('\n').length <= DOCUMENT_LIMITS.recipients,
			`Nơi nhận ghi tối đa ${DOCUMENT_LIMITS.recipients} dòng`
		)
		.refine(
			(s) => s.split('\n').every((l) => l.length <= DOCUMENT_LIMITS.recipient),
			`Mỗi nơi nhận dài tối đa ${DOCUMENT_LIMITS.recipient} ký tự`
		),
	signerTitle: text(
		'Chức vụ người ký',
		DOCUMENT_LIMITS.signerTitle * (DOCUMENT_LIMITS.signerTitleLine + 1),
		lines
	)
		.refine((s) => s.length > 0, 'Hãy nhập chức vụ người ký, ví dụ: GIÁM ĐỐC')
		.refine(
			(s) => s.split('\n').length <= DOCUMENT_LIMITS.signerTitle,
			`Chức vụ người ký ghi tối đa ${DOCUMENT_LIMITS.signerTitle} dòng`
		)
		.refine(
			(s) => s.split('\n').every((l) => l.length <= DOCUMENT_LIMITS.signerTitleLine),
			`Mỗi dòng chức vụ dài tối đa ${DOCUMENT_LIMITS.signerTitleLine} ký tự`
		),
	signerName: text('Họ và tên người ký', DOCUMENT_LIMITS.signerName)
});

export type ReportDocument = z.infer<typeof reportDocumentSchema>;
export type ReportDocumentField = keyof ReportDocument;
export const REPORT_DOCUMENT_FIELDS = Object.keys(
	reportDocumentSchema.shape
) as ReportDocumentField[];

/** A center's code in the city: the same rule as CENTER_ID, because it is one. */
export const centerIdSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9-]{1,40}$/, 'Mã trung tâm gồm 1–40 chữ thường không dấu, chữ số hoặc gạch ngang');

/** A host name a center answers on (its own address in the city), as a browser sends it: lower-case, no port. */
export const hostSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(253, 'Tên miền dài quá 253 ký tự')
	.regex(
		/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
		'Tên miền chỉ gồm chữ thường không dấu, chữ số, dấu chấm và gạch ngang (ví dụ: phuongbinhthanh.hcmc.gov.vn)'
	);

/** The host names of a center as a form gives them: one per line (or separated by commas or spaces), at most 10. */
export const hostListSchema = z
	.string()
	.max(3000, 'Danh sách tên miền quá dài')
	.transform((s) => [...new Set(s.split(/[\s,;]+/).filter(Boolean))])
	.pipe(z.array(hostSchema).max(10, 'Mỗi trung tâm có tối đa 10 tên miền'));

/** A new center of the city: its code, official name and level; the rest of its identity is set on its own page. */
export const newCenterSchema = z.object({
	id: centerIdSchema,
	name: centerIdentitySchema.shape.name,
	level: centerIdentitySchema.shape.level,
	hosts: hostListSchema
});
export type NewCenter = z.infer<typeof newCenterSchema>;
