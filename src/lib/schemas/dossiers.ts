// The dossier forms of /admin/dossiers: a file upload with its source and column mapping, and figures typed in by
// hand for one source and period. Checked in the browser before sending and again on the server.
import { z } from 'zod';
import { FILE_LIMITS, megabytes } from '$lib/limits';
import { DOSSIER_COLUMNS, MAX_SOURCE, type ColumnMapping } from '$lib/domain/dossier-file';
import { columnKey, FIGURE_COLUMNS } from '$lib/domain/manual-figures';
import { dayNumber } from '$lib/domain/periods';
import { cleanString, controlMessage, hasControlCharacters } from './text';
import type { ThroughputRow } from '$lib/domain/throughput';

export const DOSSIER_UPLOAD_MAX_BYTES = FILE_LIMITS.dossiers;
const EXTENSIONS = ['csv', 'xlsx'];
/** The source select's value for "a new source": its name is then in newSource. */
export const NEW_SOURCE = '__new__';

export const dossierFileSchema = z
	.file({ message: 'Hãy chọn một tệp hồ sơ' })
	.refine((f) => f.name !== '', { message: 'Hãy chọn một tệp hồ sơ', abort: true })
	.refine(
		(f) => EXTENSIONS.includes(f.name.toLowerCase().split('.').pop() ?? ''),
		'Chỉ nhận tệp CSV hoặc XLSX'
	)
	.refine((f) => f.size > 0, 'Tệp rỗng')
	.refine(
		(f) => f.size <= DOSSIER_UPLOAD_MAX_BYTES,
		`Tệp lớn hơn ${megabytes(DOSSIER_UPLOAD_MAX_BYTES)}`
	);

export const sourceNameSchema = z
	.string({ message: 'Hãy chọn hoặc nhập tên nguồn dữ liệu' })
	.refine((s) => !hasControlCharacters(s), controlMessage('Tên nguồn dữ liệu'))
	.trim()
	.min(1, 'Hãy chọn hoặc nhập tên nguồn dữ liệu')
	.max(MAX_SOURCE, `Tên nguồn dài quá ${MAX_SOURCE} ký tự`)
	.transform((s) => s.normalize('NFC').replace(/\s+/g, ' '));

/** The mapping step's selects, `map_ma_ho_so` and so on: a header of the file, or empty for "not in this file". */
const mappingFields = Object.fromEntries(
	DOSSIER_COLUMNS.map((c) => [`map_${c}`, cleanString('Tên cột').max(300).optional()])
) as Record<
	`map_${(typeof DOSSIER_COLUMNS)[number]}`,
	z.ZodOptional<ReturnType<typeof cleanString>>
>;

// `mapped` is sent by the mapping step: its selects then are the mapping, instead of the one the source remembers.
const uploadFields = {
	file: dossierFileSchema,
	source: z.string().optional(),
	newSource: z.string().optional(),
	mapped: z.string().optional(),
	...mappingFields
};
type UploadForm = z.output<z.ZodObject<typeof uploadFields>>;

/** The chosen source's name and the mapping chosen in the selects (empty ones left out). */
function toUpload(form: UploadForm, ctx: z.RefinementCtx) {
	const name = sourceNameSchema.safeParse(
		form.source === NEW_SOURCE ? form.newSource : form.source
	);
	if (!name.success) {
		ctx.addIssue({
			code: 'custom',
			message: name.error.issues[0]?.message ?? 'Tên nguồn không hợp lệ',
			path: ['source']
		});
		return z.NEVER;
	}
	const mapping: ColumnMapping = {};
	for (const c of DOSSIER_COLUMNS) {
		const header = form[`map_${c}`]?.normalize('NFC');
		if (header) mapping[c] = header;
	}
	return { file: form.file, source: name.data, mapping: form.mapped === '1' ? mapping : null };
}

export const dossierPreviewSchema = z.object(uploadFields).transform(toUpload);

/** Applying names the file it previewed (by SHA-256), so what is written is what was shown. */
export const dossierApplySchema = z
	.object({
		...uploadFields,
		previewed: z
			.string({ message: 'Hãy xem trước tệp trước khi ghi' })
			.regex(/^[0-9a-f]{64}$/, 'Hãy xem trước tệp trước khi ghi')
	})
	.transform((form, ctx) => ({ ...toUpload(form, ctx), previewed: form.previewed }));

// ---- Figures typed by hand ------------------------------------------------------------------------------------

export const MAX_COUNT = 10_000_000;
const GROUPED = /^\d{1,3}(\.\d{3})+$/;

/** A count as typed: empty is 0 (an empty cell of the printed table), '1.894' is 1894 as reports write it. */
export const countSchema = z
	.string()
	.trim()
	.transform((s) =>
		s === ''
			? 0
			: GROUPED.test(s)
				? Number(s.replace(/\./g, ''))
				: /^\d+$/.test(s)
					? Number(s)
					: NaN
	)
	.pipe(
		z
			.number({ message: 'phải là số nguyên không âm' })
			.int('phải là số nguyên không âm')
			.min(0, 'phải là số nguyên không âm')
			.max(MAX_COUNT, 'lớn quá')
	);

/** The table's 14 counted columns, each checked by `cell`. */
const rowOf = <C extends z.ZodType<number, unknown>>(cell: C) =>
	z.object({
		received: z.object({ total: cell, online: cell, direct: cell, carriedOver: cell }),
		resolved: z.object({
			total: cell,
			early: cell,
			onTime: cell,
			late: cell,
			rejected: cell,
			withdrawn: cell
		}),
		pending: z.object({ total: cell, onTime: cell, overdue: cell, supplement: cell })
	});

/** A stored row: what manual_figures.figures holds. */
export const throughputRowSchema = rowOf(
	z.number().int().min(0).max(MAX_COUNT)
) satisfies z.ZodType<ThroughputRow>;
const typedRowSchema = rowOf(countSchema);

const isoDate = (what: string) =>
	z
		.string({ message: `Hãy chọn ${what}` })
		.refine((s) => !Number.isNaN(dayNumber(s)), `Hãy chọn ${what} (ngày/tháng/năm)`);

export const manualEntrySchema = z
	.object({
		source: sourceNameSchema,
		from: isoDate('ngày đầu kỳ'),
		to: isoDate('ngày cuối kỳ'),
		rows: z
			.array(
				z.object({
					field: cleanString('tên lĩnh vực')
						.trim()
						.min(1, 'thiếu tên lĩnh vực')
						.max(300, 'tên lĩnh vực dài quá 300 ký tự')
						.transform((s) => s.normalize('NFC')),
					row: typedRowSchema
				})
			)
			.min(1, 'Hãy nhập ít nhất một lĩnh vực')
			.max(200, 'Nhiều nhất 200 lĩnh vực'),
		total: typedRowSchema.nullable(),
		/** "Lưu dù có sai lệch": save although identities are broken, for the figures checked (by hash) just before. */
		confirm: z.boolean(),
		checked: z.string()
	})
	.refine((e) => e.from <= e.to, {
		message: 'Ngày đầu kỳ phải trước hoặc bằng ngày cuối kỳ',
		path: ['to']
	})
	.superRefine((e, ctx) => {
		const seen = new Map<string, number>();
		e.rows.forEach((r, i) => {
			const key = r.field.toLocaleLowerCase('vi');
			const first = seen.get(key);
			if (first !== undefined)
				ctx.addIssue({
					code: 'custom',
					message: `lĩnh vực trùng với dòng ${first + 1}`,
					path: ['rows', i, 'field']
				});
			else seen.set(key, i);
		});
	});
export type ManualEntry = z.output<typeof manualEntrySchema>;

type RawRow = Record<'received' | 'resolved' | 'pending', Record<string, string>>;
export interface ManualFormValues {
	source: string;
	from: string;
	to: string;
	rows: { field: string; row: RawRow }[];
	total: RawRow | null;
	confirm: boolean;
	checked: string;
}

const text = (v: FormDataEntryValue | null | undefined) => (typeof v === 'string' ? v : '');

/**
 * The manual form's inputs as the schema's shape. Each field row sends `field` and one input per column
 * (`received.total`, ...) in the same order, so the n-th of each belongs to the n-th row; the total row's inputs are
 * `total.received.total` and so on, all empty when no total row was typed. A row left wholly empty is dropped.
 */
export function manualFormValues(form: FormData): ManualFormValues {
	const fields = form.getAll('field').map(text);
	const columns = FIGURE_COLUMNS.map((c) => form.getAll(columnKey(c)).map(text));
	const rawRow = (value: (i: number) => string): RawRow => {
		const row: RawRow = { received: {}, resolved: {}, pending: {} };
		FIGURE_COLUMNS.forEach((c, i) => (row[c.group][c.key] = value(i)));
		return row;
	};
	const rows = fields
		.map((field, r) => ({ field, row: rawRow((i) => columns[i][r] ?? '') }))
		.filter((r) => r.field.trim() !== '' || hasFigures(r.row));
	const totalValues = FIGURE_COLUMNS.map((c) => text(form.get(`total.${columnKey(c)}`)));
	const source =
		text(form.get('source')) === NEW_SOURCE
			? text(form.get('newSource'))
			: text(form.get('source'));
	return {
		source,
		from: text(form.get('from')),
		to: text(form.get('to')),
		rows,
		total: totalValues.some((v) => v.trim() !== '') ? rawRow((i) => totalValues[i]) : null,
		confirm: text(form.get('confirm')) === '1',
		checked: text(form.get('checked'))
	};
}

function hasFigures(row: RawRow): boolean {
	return FIGURE_COLUMNS.some((c) => (row[c.group][c.key] ?? '').trim() !== '');
}

/** Each problem of a manual entry in words a person acts on: which row, which column, what is wrong. */
export function describeManualIssues(error: z.ZodError, values: ManualFormValues): string[] {
	return error.issues.map((issue) => {
		const [top, index, part, group, key] = issue.path;
		if (top === 'rows' && typeof index === 'number') {
			const field = values.rows[index]?.field.trim();
			const where = `Dòng ${index + 1}${field ? ` (${field})` : ''}`;
			if (part === 'row') return `${where}, ${columnName(group, key)}: ${issue.message}`;
			return `${where}: ${issue.message}`;
		}
		if (top === 'total') return `Dòng Tổng cộng, ${columnName(index, part)}: ${issue.message}`;
		return issue.message;
	});
}

function columnName(group: PropertyKey | undefined, key: PropertyKey | undefined): string {
	const c = FIGURE_COLUMNS.find((x) => x.group === group && x.key === key);
	return c ? `cột (${c.number}) ${c.label}` : 'cột';
}
