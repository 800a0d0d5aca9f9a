// The period a report is asked for: ?from=YYYY-MM-DD&to=YYYY-MM-DD (both included), the same for the page, the
// files, the JSON API and the CLI.
import { cleanString, controlMessage, hasControlCharacters } from './text';
import { z } from 'zod';
import {
	dayNumber,
	FIRST_DAY,
	LAST_DAY,
	outOfRangeMessage,
	resolvePeriod,
	type Period,
	type PeriodStyle
} from '$lib/domain/periods';

/** A local date YYYY-MM-DD within the years reports cover, named `name` in the messages. */
export const date = (name: string) =>
	z
		.string({ message: `Thiếu ngày ${name} (YYYY-MM-DD).` })
		.regex(/^\d{4}-\d{2}-\d{2}$/, `Ngày ${name} phải có dạng YYYY-MM-DD.`)
		// Before the calendar check: 0001-01-01 is a real day, only not one a report covers.
		.refine((d) => d >= FIRST_DAY && d <= LAST_DAY, outOfRangeMessage(name))
		.refine((d) => !Number.isNaN(dayNumber(d)), `Ngày ${name} không có thật.`);

/** The longest period a report covers: a year of the seeds' kind, with room for a custom range a little longer. */
export const MAX_DAYS = 400;

export const reportQuery = z
	.object({
		from: date('bắt đầu'),
		to: date('kết thúc'),
		style: z
			.enum(['chot-14', 'lich'], { message: 'Kiểu kỳ báo cáo phải là chot-14 hoặc lich.' })
			.optional()
	})
	.refine((q) => dayNumber(q.from) <= dayNumber(q.to), {
		message: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.',
		path: ['to']
	})
	.refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_DAYS, {
		message: `Một báo cáo tính tối đa ${MAX_DAYS} ngày.`,
		path: ['to']
	});

export type ReportQuery = z.infer<typeof reportQuery>;

/** The period of a valid query, named as a report names it. */
export function periodOf(q: ReportQuery): Period {
	return resolvePeriod(q.from, q.to, (q.style ?? 'chot-14') as PeriodStyle);
}

/** A query from URL search parameters: the period, or the first message for people. */
export function parseReportQuery(
	params: URLSearchParams
): { ok: true; period: Period } | { ok: false; message: string } {
	const parsed = reportQuery.safeParse(
		Object.fromEntries([...params].filter(([k]) => ['from', 'to', 'style'].includes(k)))
	);
	if (!parsed.success)
		return { ok: false, message: parsed.error.issues[0]?.message ?? 'Kỳ báo cáo không hợp lệ.' };
	return { ok: true, period: periodOf(parsed.data) };
}

/** A percent typed in a form: '95', '92,5' or '92.5'; blank is missing, not zero. */
const percent = (what: string) =>
	z
		.string({ message: `Nhập ${what.toLowerCase()} (%)` })
		.trim()
		.min(1, `Nhập ${what.toLowerCase()} (%)`)
		.transform((s) => Number(s.replace(',', '.')))
		.pipe(
			z
				.number({ message: `${what} phải là một số` })
				.min(0, `${what} không được nhỏ hơn 0`)
				.max(100, `${what} không được lớn hơn 100`)
		);

/** A field name as typed in the targets form; no control characters (the targets are stored as jsonb, which refuses a NUL). */
const targetField = z
	.string()
	.refine((s) => !hasControlCharacters(s), controlMessage('Tên lĩnh vực'))
	.trim()
	.max(200, 'Tên lĩnh vực dài quá 200 ký tự');

/** The satisfaction targets: overall, and per field by rules matched on folded text (blank rows of a form dropped). */
export const targetsSchema = z.object({
	overall: percent('Chỉ tiêu chung'),
	rules: z
		.array(z.object({ match: targetField, target: z.string().trim() }))
		.transform((rows) => rows.filter((r) => r.match !== '' || r.target !== ''))
		.pipe(
			z
				.array(
					z.object({
						match: z
							.string()
							.min(1, 'Mỗi chỉ tiêu riêng cần tên (hoặc một phần tên) lĩnh vực')
							.transform((s) => s.normalize('NFC')),
						target: percent('Chỉ tiêu của lĩnh vực')
					})
				)
				.max(50, 'Tối đa 50 chỉ tiêu riêng')
		)
});
export type Targets = z.output<typeof targetsSchema>;

export const apiTokenNameSchema = z.object({
	name: cleanString('Tên mã API')
		.trim()
		.min(1, 'Đặt tên cho mã API để biết hệ thống nào dùng nó')
		.max(80, 'Tên mã API dài quá 80 ký tự')
		.transform((s) => s.normalize('NFC'))
});

/** The query string that asks for a period again: `from=…&to=…&style=…`, as the page, the print view and the files take it. */
export function periodQuery(p: Pick<Period, 'from' | 'to' | 'style'>): string {
	return new URLSearchParams({ from: p.from, to: p.to, style: p.style }).toString();
}
