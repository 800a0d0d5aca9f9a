// Turns an uploaded table into procedures, or into every error by row and column (messages in Vietnamese), and names
// the rows whose portal address leads somewhere other than the national portal.
import { procedureSchema, type Channel, type Level, type Procedure } from '$lib/schemas/procedure';
import { foreignHost } from '$lib/domain/qr-target';
import { fold, identifier } from '$lib/domain/text';
import { lines, normaliseCounter } from '$lib/domain/procedure-details';
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

/** The details a center may add in optional columns, each under its canonical name and the names centers write. */
export const DETAIL_COLUMNS = {
	documents: [
		'thanh_phan_ho_so',
		'Thành phần hồ sơ',
		'Thành phần, số lượng hồ sơ',
		'Hồ sơ cần nộp',
		'Giấy tờ cần mang'
	],
	steps: ['trinh_tu', 'trinh_tu_thuc_hien', 'Trình tự', 'Trình tự thực hiện', 'Các bước thực hiện'],
	result: ['ket_qua', 'ket_qua_thuc_hien', 'Kết quả', 'Kết quả thực hiện', 'Kết quả giải quyết'],
	legalBasis: ['can_cu_phap_ly', 'Căn cứ pháp lý'],
	counter: ['quay', 'quay_tiep_nhan', 'Quầy', 'Quầy tiếp nhận', 'Quầy số', 'Nộp tại quầy']
} as const;
export type Detail = keyof typeof DETAIL_COLUMNS;
const DETAILS = Object.keys(DETAIL_COLUMNS) as Detail[];

// A header is compared folded ("Thành phần hồ sơ", "THANH_PHAN_HO_SO" and "thanh phan ho so" are one column).
const headerKey = (h: string) => fold(h).replace(/_/g, ' ').replace(/\s+/g, ' ');
const DETAIL_OF = new Map(
	DETAILS.flatMap((d) => DETAIL_COLUMNS[d].map((name) => [headerKey(name), d] as const))
);

/** Which detail each of the file's headers holds; a detail given by two columns is an error for the file. */
function detailHeaders(headers: readonly string[]): {
	columns: Partial<Record<Detail, string>>;
	errors: ImportError[];
} {
	const columns: Partial<Record<Detail, string>> = {};
	const errors: ImportError[] = [];
	for (const h of headers) {
		const d = DETAIL_OF.get(headerKey(h));
		if (!d) continue;
		const first = columns[d];
		if (first !== undefined)
			errors.push({
				line: 0,
				message: `Hai cột "${first}" và "${h}" cùng ghi ${DETAIL_NAMES[d]}: hãy giữ một cột.`
			});
		else columns[d] = h;
	}
	return { columns, errors };
}

const DETAIL_NAMES: Record<Detail, string> = {
	documents: 'thành phần hồ sơ',
	steps: 'trình tự thực hiện',
	result: 'kết quả',
	legalBasis: 'căn cứ pháp lý',
	counter: 'quầy tiếp nhận'
};

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

const LEVEL_WORDS: Record<string, Level> = {
	'cap bo': 'bo',
	'cap tinh': 'tinh',
	'cap xa': 'xa',
	'co quan khac': 'khac',
	bo: 'bo',
	tinh: 'tinh',
	xa: 'xa',
	khac: 'khac'
};
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

function list<T>(
	raw: string,
	separator: RegExp,
	words: Record<string, T>
): { values: T[]; unknown: string[] } {
	const values: T[] = [];
	const unknown: string[] = [];
	for (const part of raw
		.split(separator)
		.map((s) => s.trim())
		.filter(Boolean)) {
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
	url: 'địa chỉ phải bắt đầu bằng http:// hoặc https://',
	documents: 'tối đa 100 dòng, mỗi dòng tối đa 1.000 ký tự',
	steps: 'tối đa 100 dòng, mỗi dòng tối đa 1.000 ký tự',
	result: 'kết quả quá dài (tối đa 2.000 ký tự)',
	legalBasis: 'tối đa 100 dòng, mỗi dòng tối đa 1.000 ký tự',
	counter: 'tên quầy quá dài (tối đa 40 ký tự)'
};

/** A row whose url leads off the national portal: applied only once the manager confirms it. */
export interface ForeignUrl {
	line: number;
	code: string;
	host: string;
	url: string;
}

/** `details`: the detail columns the file has; a procedure keeps its stored value of any other (see keepDetails). */
export type Validated =
	| { ok: true; procedures: Procedure[]; foreign: ForeignUrl[]; details: Detail[] }
	| { ok: false; errors: ImportError[] };

/** Names and fields are shown on one line and grouped by: a line break or tab inside the cell is a space. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

export function validateCatalogue(table: Table): Validated {
	// Cells that cannot be trusted (a row off its columns, a control character) are the only errors worth showing.
	if (table.errors.length > 0)
		return {
			ok: false,
			errors: table.errors.map((e) => ({ line: e.line, column: e.column, message: e.message }))
		};
	const errors: ImportError[] = [];
	const missing = REQUIRED.filter((c) => !table.headers.includes(c));
	if (missing.length > 0) {
		return {
			ok: false,
			errors: [
				{
					line: 0,
					message: `Thiếu cột bắt buộc: ${missing.join(', ')}. Các cột cần có: ${COLUMNS.join(', ')}.`
				}
			]
		};
	}
	if (table.rows.length === 0)
		return { ok: false, errors: [{ line: 0, message: 'Tệp không có thủ tục nào.' }] };
	const detail = detailHeaders(table.headers);
	if (detail.errors.length > 0) return { ok: false, errors: detail.errors };
	const cell = (values: Record<string, string>, d: Detail) => {
		const column = detail.columns[d];
		return column === undefined ? '' : (values[column] ?? '');
	};

	const procedures: Procedure[] = [];
	const foreign: ForeignUrl[] = [];
	const firstLine = new Map<string, number>();
	for (const { line, values } of table.rows) {
		if (values.__notObject) {
			errors.push({
				line,
				message: 'mỗi mục phải là một đối tượng có các trường ' + COLUMNS.join(', ')
			});
			continue;
		}
		const rowErrors: ImportError[] = [];
		for (const c of REQUIRED)
			if (!values[c]) rowErrors.push({ line, column: c, message: 'không được để trống' });
		const levels = list(values.cap_thuc_hien ?? '', /[,;\n]/, LEVEL_WORDS);
		for (const u of levels.unknown) {
			rowErrors.push({
				line,
				column: 'cap_thuc_hien',
				message: `"${u}" không phải cấp thực hiện (Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác)`
			});
		}
		const channels = list(values.hinh_thuc_nop ?? '', /[;,\n]/, CHANNEL_WORDS);
		for (const u of channels.unknown) {
			rowErrors.push({
				line,
				column: 'hinh_thuc_nop',
				message: `"${u}" không phải hình thức nộp (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)`
			});
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
			url: values.url ?? '',
			documents: lines(cell(values, 'documents')),
			steps: lines(cell(values, 'steps')),
			result: lines(cell(values, 'result')).join('\n'),
			legalBasis: lines(cell(values, 'legalBasis')),
			counter: normaliseCounter(cell(values, 'counter'))
		};
		const parsed = procedureSchema.safeParse(candidate);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const key = String(issue.path[0]);
				const column = FIELD_OF[key] ?? detail.columns[key as Detail] ?? key;
				// Empty required cells and unknown levels are already reported above, in words a person understands.
				if (rowErrors.some((e) => e.column === column)) continue;
				rowErrors.push({ line, column, message: MESSAGES[key] ?? 'giá trị không hợp lệ' });
			}
		}
		if (candidate.code) {
			const first = firstLine.get(candidate.code);
			if (first !== undefined)
				rowErrors.push({
					line,
					column: 'ma_thu_tuc',
					message: `mã ${candidate.code} trùng với ${table.format === 'json' ? 'mục' : 'dòng'} ${first}`
				});
			else firstLine.set(candidate.code, line);
		}
		if (rowErrors.length > 0) errors.push(...rowErrors);
		else if (parsed.success) {
			procedures.push(parsed.data);
			const host = foreignHost(parsed.data.url);
			if (host !== null) foreign.push({ line, code: parsed.data.code, host, url: parsed.data.url });
		}
	}
	return errors.length > 0
		? { ok: false, errors }
		: { ok: true, procedures, foreign, details: DETAILS.filter((d) => d in detail.columns) };
}

/**
 * A file without a detail column says nothing about it: each procedure keeps what the center stored, so importing the
 * national catalogue does not wipe the documents and counters the center added. A column present but empty clears.
 */
export function keepDetails(
	incoming: readonly Procedure[],
	current: readonly Procedure[],
	present: readonly Detail[]
): Procedure[] {
	const absent = DETAILS.filter((d) => !present.includes(d));
	if (absent.length === 0) return [...incoming];
	const stored = new Map(current.map((p) => [p.code, p]));
	return incoming.map((p) => {
		const old = stored.get(p.code);
		return old ? { ...p, ...Object.fromEntries(absent.map((d) => [d, old[d]])) } : p;
	});
}
