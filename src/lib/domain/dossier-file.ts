// Reading a dossier export (hồ sơ, one row each) into records for the throughput report: which of the file's headers
// is which column (canonical names, Vietnamese aliases, or a source's remembered mapping), then every row checked with
// each error by row and column. Pure: the caller reads the file and says which procedures the catalogue knows.
import { dayNumber } from './periods';
import { fold, identifier, nfc } from './text';
import type { Channel, DossierRecord, DossierStatus } from './throughput';

/** The source a file belongs to when nobody says otherwise: the city's one-stop system (Hệ thống một cửa). */
export const DEFAULT_SOURCE = 'Một cửa';

export const DOSSIER_COLUMNS = [
	'ma_ho_so',
	'ma_thu_tuc',
	'linh_vuc',
	'kenh_nop',
	'ngay_tiep_nhan',
	'han_tra_ket_qua',
	'ngay_tra_ket_qua',
	'trang_thai',
	'co_phi',
	'thanh_toan_truc_tuyen',
	'nguon',
	'so_hoa'
] as const;
export type DossierColumn = (typeof DOSSIER_COLUMNS)[number];

/** Canonical column → the header of that column in a source's files. */
export type ColumnMapping = Partial<Record<DossierColumn, string>>;

/**
 * Columns a file must have. The due date may be empty in a cell (no time limit) but its column must be there: without
 * it every dossier would silently count as on time. linh_vuc may be replaced by ma_thu_tuc (see missingColumns).
 */
export const REQUIRED_COLUMNS: readonly DossierColumn[] = [
	'ma_ho_so',
	'linh_vuc',
	'kenh_nop',
	'ngay_tiep_nhan',
	'han_tra_ket_qua',
	'ngay_tra_ket_qua',
	'trang_thai'
];

/** What each column is, in the words of the mapping step. */
export const COLUMN_LABELS: Record<DossierColumn, string> = {
	ma_ho_so: 'Mã hồ sơ',
	ma_thu_tuc: 'Mã thủ tục',
	linh_vuc: 'Lĩnh vực',
	kenh_nop: 'Kênh nộp',
	ngay_tiep_nhan: 'Ngày tiếp nhận',
	han_tra_ket_qua: 'Hạn trả kết quả',
	ngay_tra_ket_qua: 'Ngày trả kết quả',
	trang_thai: 'Trạng thái',
	co_phi: 'Có phí',
	thanh_toan_truc_tuyen: 'Thanh toán trực tuyến',
	nguon: 'Nguồn',
	so_hoa: 'Số hóa'
};

// Headers as exports write them, folded (`Hình thức nộp` → `hinh thuc nop`); the canonical name folds the same way.
const ALIASES: Record<DossierColumn, string[]> = {
	ma_ho_so: ['ma ho so', 'so ho so'],
	ma_thu_tuc: ['ma thu tuc', 'ma tthc'],
	linh_vuc: ['linh vuc', 'ten linh vuc'],
	kenh_nop: ['kenh nop', 'hinh thuc nop'],
	ngay_tiep_nhan: ['ngay tiep nhan'],
	han_tra_ket_qua: ['han tra ket qua', 'han xu ly', 'ngay hen tra'],
	ngay_tra_ket_qua: ['ngay tra ket qua', 'ngay co ket qua'],
	trang_thai: ['trang thai'],
	co_phi: ['co phi', 'co phi le phi'],
	thanh_toan_truc_tuyen: ['thanh toan truc tuyen'],
	nguon: ['nguon', 'nguon du lieu'],
	so_hoa: ['so hoa', 'da so hoa']
};

export interface ResolvedColumns {
	/** Each column found, with its header in this file. */
	mapping: ColumnMapping;
	/** Required columns not found: the mapping step asks for these. */
	missing: DossierColumn[];
	/** The file's headers used for no column. */
	unused: string[];
}

/**
 * Finds each column among the file's headers: first the source's remembered mapping (when that header is in the
 * file), then the canonical name or an alias, compared folded. One header serves one column only.
 */
export function resolveColumns(
	headers: readonly string[],
	remembered: ColumnMapping = {}
): ResolvedColumns {
	const mapping: ColumnMapping = {};
	const taken = new Set<string>();
	for (const column of DOSSIER_COLUMNS) {
		const header = remembered[column];
		if (header && headers.includes(header) && !taken.has(header)) {
			mapping[column] = header;
			taken.add(header);
		}
	}
	for (const column of DOSSIER_COLUMNS) {
		if (mapping[column] !== undefined) continue;
		const header = headers.find(
			(h) => !taken.has(h) && h !== '' && ALIASES[column].includes(fold(h))
		);
		if (header !== undefined) {
			mapping[column] = header;
			taken.add(header);
		}
	}
	return {
		mapping,
		missing: missingColumns(mapping),
		unused: headers.filter((h) => h !== '' && !taken.has(h))
	};
}

/** A mapping that gives one header to two columns, in words: the mapping step shows it. */
export function duplicateHeaders(mapping: ColumnMapping): string[] {
	const columnOf = new Map<string, DossierColumn>();
	const messages: string[] = [];
	for (const c of DOSSIER_COLUMNS) {
		const header = mapping[c];
		if (header === undefined) continue;
		const other = columnOf.get(header);
		if (other)
			messages.push(
				`Cột “${header}” của tệp được chọn cho cả ${other} và ${c}: mỗi cột của tệp chỉ ghép một lần.`
			);
		else columnOf.set(header, c);
	}
	return messages;
}

/** Required columns the mapping lacks; linh_vuc is not missing when ma_thu_tuc is there (the catalogue may give it). */
export function missingColumns(mapping: ColumnMapping): DossierColumn[] {
	return REQUIRED_COLUMNS.filter(
		(c) => mapping[c] === undefined && !(c === 'linh_vuc' && mapping.ma_thu_tuc !== undefined)
	);
}

/** One dossier read from a file: what the report counts, and what identifies it. */
export interface DossierInput extends DossierRecord {
	code: string;
	procedureCode: string | null;
	source: string;
	hasFee: boolean | null;
	paidOnline: boolean | null;
	digitised: boolean | null;
}

export interface FileError {
	/** The row as a person finds it (0: the file as a whole). */
	line: number;
	/** The canonical column, and the header it has in this file. */
	column?: DossierColumn;
	header?: string;
	message: string;
}

export function describeFileError(e: FileError, unit: 'dòng' | 'mục' = 'dòng'): string {
	if (e.line === 0) return e.message;
	return e.header
		? `${unit} ${e.line}, cột ${e.header}: ${e.message}`
		: `${unit} ${e.line}: ${e.message}`;
}

export interface ParseOptions {
	mapping: ColumnMapping;
	/** The source of rows with no `nguon` of their own: the one chosen at import. */
	source: string;
	/** The posted catalogue's field of a procedure code, for rows with no linh_vuc. */
	fieldOf?: (procedureCode: string) => string | undefined;
	/** Field names as the catalogue spells them: a file's `hộ tịch` is counted under `Hộ tịch`. */
	knownFields?: readonly string[];
	/** How the file's rows are called: spreadsheet lines, or the items of a JSON array. */
	unit?: 'dòng' | 'mục';
}

export type Parsed = { ok: true; dossiers: DossierInput[] } | { ok: false; errors: FileError[] };

const CHANNEL_WORDS: Record<string, Channel> = {
	'truc tuyen': 'truc_tuyen',
	'truc tiep': 'truc_tiep',
	'buu chinh': 'buu_chinh',
	'dich vu buu chinh': 'buu_chinh',
	'buu chinh cong ich': 'buu_chinh'
};
const STATUS_WORDS: Record<string, DossierStatus> = {
	'da tra ket qua': 'da_tra_ket_qua',
	'tu choi': 'tu_choi',
	'tu choi giai quyet': 'tu_choi',
	rut: 'rut',
	'rut ho so': 'rut',
	'dang xu ly': 'dang_xu_ly',
	'dang giai quyet': 'dang_xu_ly',
	'yeu cau bo sung': 'yeu_cau_bo_sung',
	'cho bo sung': 'yeu_cau_bo_sung'
};
const BOOLEAN_WORDS: Record<string, boolean> = {
	co: true,
	khong: false,
	true: true,
	false: false,
	'1': true,
	'0': false,
	x: true
};
/** Statuses with a result: returned, refused, withdrawn. The others are still being handled. */
const FINISHED: ReadonlySet<DossierStatus> = new Set(['da_tra_ket_qua', 'tu_choi', 'rut']);
const STATUS_NAMES: Record<DossierStatus, string> = {
	da_tra_ket_qua: 'Đã trả kết quả',
	tu_choi: 'Từ chối',
	rut: 'Rút hồ sơ',
	dang_xu_ly: 'Đang xử lý',
	yeu_cau_bo_sung: 'Yêu cầu bổ sung'
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/** 'YYYY-MM-DD', 'DD/MM/YYYY' or 'D/M/YYYY', with an optional time of day that is dropped; null if not a real date. */
export function parseDate(text: string): string | null {
	const iso = ISO.exec(text);
	const dmy = iso ? null : DMY.exec(text);
	const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
	if (!parts) return null;
	const date = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
	return Number.isNaN(dayNumber(date)) ? null : date;
}

/** Word lookups are folded once per distinct cell text: a file of 60,000 rows has a handful of them. */
function lookup<T>(words: Record<string, T>): (text: string) => T | undefined {
	const seen = new Map<string, T | undefined>();
	return (text) => {
		if (!seen.has(text)) seen.set(text, words[fold(text)]);
		return seen.get(text);
	};
}

const MAX_TEXT = 300;
/** A source's name, from a file's `nguon` or typed on the page (schemas/dossiers.ts). */
export const MAX_SOURCE = 120;

/** Every row checked; a file with any error gives only its errors. */
export function parseDossiers(
	rows: readonly { line: number; values: Record<string, string> }[],
	options: ParseOptions
): Parsed {
	const { mapping } = options;
	const missing = missingColumns(mapping);
	if (missing.length > 0)
		return { ok: false, errors: [{ line: 0, message: missingMessage(missing) }] };
	if (rows.length === 0)
		return { ok: false, errors: [{ line: 0, message: 'Tệp không có hồ sơ nào.' }] };

	const channelOf = lookup(CHANNEL_WORDS);
	const statusOf = lookup(STATUS_WORDS);
	const booleanOf = lookup(BOOLEAN_WORDS);
	const fieldSpelling = new Map((options.knownFields ?? []).map((f) => [fold(f), nfc(f)]));
	const spell = (field: string) => fieldSpelling.get(fold(field)) ?? field;
	const errors: FileError[] = [];
	const dossiers: DossierInput[] = [];
	const firstLine = new Map<string, number>();

	for (const { line, values } of rows) {
		if (values.__notObject) {
			errors.push({ line, message: 'mỗi mục phải là một đối tượng có các cột của tệp hồ sơ' });
			continue;
		}
		const rowErrors: FileError[] = [];
		const fail = (column: DossierColumn, message: string) =>
			rowErrors.push({ line, column, header: mapping[column], message });
		const cell = (column: DossierColumn): string => {
			const header = mapping[column];
			return header === undefined
				? ''
				: nfc(values[header] ?? '')
						.trim()
						.replace(/\s+/g, ' ');
		};
		const text = (column: DossierColumn, required: boolean): string => {
			const value = cell(column);
			if (required && value === '') fail(column, 'không được để trống');
			else if (value.length > MAX_TEXT) fail(column, `dài quá ${MAX_TEXT} ký tự`);
			return value;
		};
		const date = (column: DossierColumn, required: boolean): string | null => {
			const value = cell(column);
			if (value === '') {
				if (required) fail(column, 'không được để trống');
				return null;
			}
			const parsed = parseDate(value);
			if (parsed === null) fail(column, `"${value}" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)`);
			return parsed;
		};
		const flag = (column: DossierColumn): boolean | null => {
			const value = cell(column);
			if (value === '') return null;
			const parsed = booleanOf(value);
			if (parsed === undefined) fail(column, `"${value}" không phải có/không (có, không, 1, 0, x)`);
			return parsed ?? null;
		};

		// Codes are kept as their comparison key: `hsx-77` and full-width `ＨＳＸ－７７` are the dossier `HSX-77`.
		const code = identifier(text('ma_ho_so', true));
		const procedureCode = identifier(text('ma_thu_tuc', false)) || null;
		let field = text('linh_vuc', false);
		if (field === '') {
			const known = procedureCode === null ? undefined : options.fieldOf?.(procedureCode);
			if (known !== undefined) field = known;
			else if (procedureCode !== null && mapping.linh_vuc === undefined)
				fail(
					'ma_thu_tuc',
					`thủ tục ${procedureCode} không có trong danh mục đang niêm yết nên không biết lĩnh vực; hãy thêm cột linh_vuc`
				);
			else if (mapping.linh_vuc !== undefined)
				fail(
					'linh_vuc',
					'không được để trống (hoặc ghi mã thủ tục có trong danh mục đang niêm yết)'
				);
			else fail('ma_thu_tuc', 'không được để trống khi tệp không có cột linh_vuc');
		}
		const channelText = text('kenh_nop', true);
		const channel = channelText === '' ? undefined : channelOf(channelText);
		if (channelText !== '' && channel === undefined)
			fail('kenh_nop', `"${channelText}" không phải kênh nộp (Trực tuyến, Trực tiếp, Bưu chính)`);
		const receivedOn = date('ngay_tiep_nhan', true);
		const dueOn = date('han_tra_ket_qua', false);
		const finishedOn = date('ngay_tra_ket_qua', false);
		const statusText = text('trang_thai', true);
		const status = statusText === '' ? undefined : statusOf(statusText);
		if (statusText !== '' && status === undefined)
			fail(
				'trang_thai',
				`"${statusText}" không phải trạng thái (${Object.values(STATUS_NAMES).join(', ')})`
			);
		if (status !== undefined && cell('ngay_tra_ket_qua') === '' && FINISHED.has(status))
			fail('ngay_tra_ket_qua', `hồ sơ "${STATUS_NAMES[status]}" phải có ngày trả kết quả`);
		if (status !== undefined && finishedOn !== null && !FINISHED.has(status))
			fail(
				'ngay_tra_ket_qua',
				`hồ sơ "${STATUS_NAMES[status]}" chưa có kết quả nên không được có ngày trả kết quả`
			);
		if (receivedOn !== null && finishedOn !== null && finishedOn < receivedOn)
			fail('ngay_tra_ket_qua', `ngày trả kết quả ${finishedOn} trước ngày tiếp nhận ${receivedOn}`);
		if (receivedOn !== null && dueOn !== null && dueOn < receivedOn)
			fail('han_tra_ket_qua', `hạn trả kết quả ${dueOn} trước ngày tiếp nhận ${receivedOn}`);
		const hasFee = flag('co_phi');
		const paidOnline = flag('thanh_toan_truc_tuyen');
		const digitised = flag('so_hoa');
		const source = text('nguon', false) || options.source;
		if (source.length > MAX_SOURCE) fail('nguon', `tên nguồn dài quá ${MAX_SOURCE} ký tự`);

		if (code !== '') {
			const key = `${source}\u0000${code}`;
			const first = firstLine.get(key);
			if (first !== undefined)
				fail(
					'ma_ho_so',
					`mã hồ sơ ${code} trùng với ${options.unit ?? 'dòng'} ${first}${source === options.source ? '' : ` (nguồn ${source})`}`
				);
			else firstLine.set(key, line);
		}
		if (
			rowErrors.length > 0 ||
			channel === undefined ||
			status === undefined ||
			receivedOn === null
		) {
			errors.push(...rowErrors);
			continue;
		}
		dossiers.push({
			code,
			procedureCode,
			source,
			field: spell(field),
			channel,
			receivedOn,
			dueOn,
			finishedOn,
			status,
			hasFee,
			paidOnline,
			digitised
		});
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, dossiers };
}

export function missingMessage(missing: readonly DossierColumn[]): string {
	const names = missing.map((c) => (c === 'linh_vuc' ? 'linh_vuc (hoặc ma_thu_tuc)' : c));
	return `Thiếu cột: ${names.join(', ')}. Hãy ghép các cột của tệp với các cột này, hoặc đổi tên cột trong tệp.`;
}
