// Turns an uploaded table into procedures, or into every error by row and column (messages in Vietnamese), and names
// the rows whose portal address leads somewhere other than the national portal.
import { procedureSchema, type Channel, type Level, type Procedure } from '$lib/schemas/procedure';
import { foreignHost } from '$lib/domain/qr-target';
import { fold, identifier } from '$lib/domain/text';
import type { Table } from '../files/table';

export const COLUMNS = [
	'ma_thu_tuc',
	'ten_thu_tuc',
	'linh_vuc',
	'cap_thuc_hien',
	'co_quan_thuc_hien',
	'hinh_thuc_nop',
	'thoi_han',
	'phi_le_phi',
	'url'
] as const;
const REQUIRED = ['ma_thu_tuc', 'ten_thu_tuc', 'linh_vuc', 'cap_thuc_hien'] as const;

export interface ImportError {
	/** Row as a person finds it (0: the file as a whole). */
	line: number;
	column?: string;
	message: string;
}

export function describeError(e: ImportError, format: Table['format']): string {
	if (e.line === 0) return e.message;
	const where = format === 'json' ? `mục ${e.line}` : `dòng ${e.line}`;
	return e.column ? `${where}, cột ${e.column}: ${e.message}` : `${where}: ${e.message}`;
}

const LEVEL_WORDS: Record<string, Level> = { 'cap bo': 'bo', 'cap tinh': 'tinh', 'cap xa': 'xa', 'co quan khac': 'khac', bo: 'bo', tinh: 'tinh', xa: 'xa', khac: 'khac' };
const CHANNEL_WORDS: Record<string, Channel> = {
	'truc tiep': 'truc_tiep',
	'truc tuyen': 'truc_tuyen',
	'dich vu buu chinh': 'buu_chinh',
	'buu chinh': 'buu_chinh',
	'buu chinh cong ich': 'buu_chinh',
	truc_tiep: 'truc_tiep',
	truc_tuyen: 'truc_tuyen',
	buu_chinh: 'buu_chinh'
};

function list<T>(raw: string, separator: RegExp, words: Record<string, T>): { values: T[]; unknown: string[] } {
	const values: T[] = [];
	const unknown: string[] = [];
	for (const part of raw.split(separator).map((s) => s.trim()).filter(Boolean)) {
		const v = words[fold(part).replace(/_/g, ' ')] ?? words[part];
		if (v === undefined) unknown.push(part);
		else if (!values.includes(v)) values.push(v);
	}
	return { values, unknown };
}

const FIELD_OF: Record<string, (typeof COLUMNS)[number]> = {
	code: 'ma_thu_tuc',
	name: 'ten_thu_tuc',
	field: 'linh_vuc',
	levels: 'cap_thuc_hien',
	agency: 'co_quan_thuc_hien',
	channels: 'hinh_thuc_nop',
	processingTime: 'thoi_han',
	fee: 'phi_le_phi',
	url: 'url'
};

const MESSAGES: Record<string, string> = {
	code: 'mã thủ tục chỉ gồm chữ, số, dấu chấm hoặc gạch, tối đa 40 ký tự',
	name: 'tên thủ tục quá dài (tối đa 2.000 ký tự)',
	field: 'tên lĩnh vực quá dài (tối đa 300 ký tự)',
	agency: 'tên cơ quan quá dài (tối đa 500 ký tự)',
	processingTime: 'thời hạn quá dài (tối đa 500 ký tự)',
	fee: 'phí, lệ phí quá dài (tối đa 1.000 ký tự)',
	url: 'địa chỉ phải bắt đầu bằng http:// hoặc https://'
};

/** A row whose url leads off the national portal: applied only once the manager confirms it. */
export interface ForeignUrl {
	line: number;
	code: string;
	host: string;
	url: string;
}

export type Validated = { ok: true; procedures: Procedure[]; foreign: ForeignUrl[] } | { ok: false; errors: ImportError[] };

/** Names and fields are shown on one line and grouped by: a line break or tab inside the cell is a space. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

export function validateCatalogue(table: Table): Validated {
	// Cells that cannot be trusted (a row off its columns, a control character) are the only errors worth showing.
	if (table.errors.length > 0) return { ok: false, errors: table.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })) };
	const errors: ImportError[] = [];
	const missing = REQUIRED.filter((c) => !table.headers.includes(c));
	if (missing.length > 0) {
		return {
			ok: false,
			errors: [{ line: 0, message: `Thiếu cột bắt buộc: ${missing.join(', ')}. Các cột cần có: ${COLUMNS.join(', ')}.` }]
		};
	}
	if (table.rows.length === 0) return { ok: false, errors: [{ line: 0, message: 'Tệp không có thủ tục nào.' }] };

	const procedures: Procedure[] = [];
	const foreign: ForeignUrl[] = [];
	const firstLine = new Map<string, number>();
	for (const { line, values } of table.rows) {
		if (values.__notObject) {
			errors.push({ line, message: 'mỗi mục phải là một đối tượng có các trường ' + COLUMNS.join(', ') });
			continue;
		}
		const rowErrors: ImportError[] = [];
		for (const c of REQUIRED) if (!values[c]) rowErrors.push({ line, column: c, message: 'không được để trống' });
		const levels = list(values.cap_thuc_hien ?? '', /[,;]/, LEVEL_WORDS);
		for (const u of levels.unknown) {
			rowErrors.push({ line, column: 'cap_thuc_hien', message: `"${u}" không phải cấp thực hiện (Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác)` });
		}
		const channels = list(values.hinh_thuc_nop ?? '', /[;,]/, CHANNEL_WORDS);
		for (const u of channels.unknown) {
			rowErrors.push({ line, column: 'hinh_thuc_nop', message: `"${u}" không phải hình thức nộp (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)` });
		}
		const candidate = {
			// Kept as its comparison key, so a lookup of `1.000178` and a stored `１.０００１７８` meet.
			code: identifier(values.ma_thu_tuc ?? ''),
			name: oneLine(values.ten_thu_tuc ?? ''),
			field: oneLine(values.linh_vuc ?? ''),
			levels: levels.values,
			agency: values.co_quan_thuc_hien ?? '',
			channels: channels.values,
			processingTime: values.thoi_han ?? '',
			fee: values.phi_le_phi ?? '',
			url: values.url ?? ''
		};
		const parsed = procedureSchema.safeParse(candidate);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const key = String(issue.path[0]);
				const column = FIELD_OF[key] ?? key;
				// Empty required cells and unknown levels are already reported above, in words a person understands.
				if (rowErrors.some((e) => e.column === column)) continue;
				rowErrors.push({ line, column, message: MESSAGES[key] ?? 'giá trị không hợp lệ' });
			}
		}
		if (candidate.code) {
			const first = firstLine.get(candidate.code);
			if (first !== undefined) rowErrors.push({ line, column: 'ma_thu_tuc', message: `mã ${candidate.code} trùng với ${table.format === 'json' ? 'mục' : 'dòng'} ${first}` });
			else firstLine.set(candidate.code, line);
		}
		if (rowErrors.length > 0) errors.push(...rowErrors);
		else if (parsed.success) {
			procedures.push(parsed.data);
			const host = foreignHost(parsed.data.url);
			if (host !== null) foreign.push({ line, code: parsed.data.code, host, url: parsed.data.url });
		}
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, procedures, foreign };
}
