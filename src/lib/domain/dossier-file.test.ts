import { describe, it, expect } from 'vitest';
import {
	DEFAULT_SOURCE,
	describeFileError,
	duplicateHeaders,
	parseDate,
	parseDossiers,
	resolveColumns,
	type ColumnMapping,
	type ParseOptions
} from './dossier-file';

const CANONICAL = [
	'ma_ho_so',
	'ma_thu_tuc',
	'linh_vuc',
	'kenh_nop',
	'ngay_tiep_nhan',
	'han_tra_ket_qua',
	'ngay_tra_ket_qua',
	'trang_thai'
];
const identity = Object.fromEntries(CANONICAL.map((c) => [c, c])) as ColumnMapping;

/** Rows of a file with the canonical headers; each row's values by column, line numbers from 2. */
function rows(...values: Record<string, string>[]) {
	return values.map((v, i) => ({ line: i + 2, values: v }));
}
const good = (over: Record<string, string> = {}) => ({
	ma_ho_so: 'HS-1',
	ma_thu_tuc: '',
	linh_vuc: 'Hộ tịch',
	kenh_nop: 'truc_tuyen',
	ngay_tiep_nhan: '2026-03-02',
	han_tra_ket_qua: '2026-03-05',
	ngay_tra_ket_qua: '2026-03-04',
	trang_thai: 'da_tra_ket_qua',
	...over
});
const options = (over: Partial<ParseOptions> = {}): ParseOptions => ({
	mapping: identity,
	source: DEFAULT_SOURCE,
	...over
});
function errorsOf(...values: Record<string, string>[]): string[] {
	const parsed = parseDossiers(rows(...values), options());
	return parsed.ok ? [] : parsed.errors.map((e) => describeFileError(e));
}

describe('which header is which column', () => {
	it('finds the canonical names and the Vietnamese headers exports use, in any case and accent form', () => {
		const headers = [
			'Mã hồ sơ',
			'MÃ THỦ TỤC',
			'Lĩnh vực',
			'Hình thức nộp',
			'Ngày tiếp nhận',
			'Hạn xử lý',
			'Ngày có kết quả',
			'Trạng thái',
			'Có phí',
			'Thanh toán trực tuyến',
			'Nguồn',
			'Số hoá'
		];
		const { mapping, missing, unused } = resolveColumns(headers.map((h) => h.normalize('NFD')));
		expect(missing).toEqual([]);
		expect(unused).toEqual([]);
		expect(mapping.kenh_nop).toBe('Hình thức nộp'.normalize('NFD'));
		expect(mapping.han_tra_ket_qua).toBe('Hạn xử lý'.normalize('NFD'));
		expect(mapping.ngay_tra_ket_qua).toBe('Ngày có kết quả'.normalize('NFD'));
		expect(mapping.so_hoa).toBe('Số hoá'.normalize('NFD'));
		expect(resolveColumns(['Kênh nộp', 'Hạn trả kết quả', 'Ngày trả kết quả']).mapping).toEqual({
			kenh_nop: 'Kênh nộp',
			han_tra_ket_qua: 'Hạn trả kết quả',
			ngay_tra_ket_qua: 'Ngày trả kết quả'
		});
	});

	it('names the required columns it cannot find and the headers it did not use', () => {
		const found = resolveColumns([
			'Mã HS',
			'Ngày nhận HS',
			'Lĩnh vực',
			'Kênh nộp',
			'Hạn trả kết quả',
			'Ngày trả kết quả',
			'Tình trạng',
			'Ghi chú'
		]);
		expect(found.missing).toEqual(['ma_ho_so', 'ngay_tiep_nhan', 'trang_thai']);
		expect(found.unused).toEqual(['Mã HS', 'Ngày nhận HS', 'Tình trạng', 'Ghi chú']);
	});

	it('a remembered mapping wins over the aliases, and one header serves one column', () => {
		const { mapping, missing } = resolveColumns(
			[
				'Mã HS',
				'Mã hồ sơ',
				'Ngày nhận HS',
				'Lĩnh vực',
				'Kênh nộp',
				'Hạn',
				'Ngày trả kết quả',
				'Tình trạng'
			],
			{
				ma_ho_so: 'Mã HS',
				ngay_tiep_nhan: 'Ngày nhận HS',
				han_tra_ket_qua: 'Hạn',
				trang_thai: 'Tình trạng',
				ma_thu_tuc: 'Cột không còn trong tệp'
			}
		);
		expect(missing).toEqual([]);
		expect(mapping.ma_ho_so).toBe('Mã HS');
		expect(mapping.ma_thu_tuc).toBeUndefined();
	});

	it('a mapping that gives one header to two columns is named', () => {
		expect(
			duplicateHeaders({ ngay_tiep_nhan: 'Ngày', ngay_tra_ket_qua: 'Ngày', ma_ho_so: 'Mã' })
		).toEqual([
			'Cột “Ngày” của tệp được chọn cho cả ngay_tiep_nhan và ngay_tra_ket_qua: mỗi cột của tệp chỉ ghép một lần.'
		]);
	});

	it('without linh_vuc the procedure code will do; without either, linh_vuc is missing', () => {
		const base = [
			'ma_ho_so',
			'kenh_nop',
			'ngay_tiep_nhan',
			'han_tra_ket_qua',
			'ngay_tra_ket_qua',
			'trang_thai'
		];
		expect(resolveColumns([...base, 'ma_thu_tuc']).missing).toEqual([]);
		expect(resolveColumns(base).missing).toEqual(['linh_vuc']);
	});

	it('a file with missing columns is reported as such, before any row', () => {
		const parsed = parseDossiers(rows({ a: '1' }), options({ mapping: { ma_ho_so: 'a' } }));
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.errors).toEqual([
			{
				line: 0,
				message: expect.stringMatching(
					/^Thiếu cột: linh_vuc \(hoặc ma_thu_tuc\), kenh_nop, ngay_tiep_nhan, han_tra_ket_qua, ngay_tra_ket_qua, trang_thai\./
				)
			}
		]);
	});
});

describe('values', () => {
	it('reads dates as YYYY-MM-DD, DD/MM/YYYY and D/M/YYYY, dropping a time of day', () => {
		expect(parseDate('2026-03-02')).toBe('2026-03-02');
		expect(parseDate('02/03/2026')).toBe('2026-03-02');
		expect(parseDate('2/3/2026')).toBe('2026-03-02');
		expect(parseDate('02/03/2026 16:45')).toBe('2026-03-02');
		expect(parseDate('2026-03-02 23:59')).toBe('2026-03-02');
		expect(parseDate('2026-03-02T23:59:00')).toBe('2026-03-02');
		expect(parseDate('30/02/2026')).toBeNull();
		expect(parseDate('2026/03/02')).toBeNull();
		expect(parseDate('hôm qua')).toBeNull();
	});

	it('reads channels, statuses and yes/no as codes or Vietnamese words', () => {
		const parsed = parseDossiers(
			rows(
				good({ ma_ho_so: 'A', kenh_nop: 'Trực tuyến', trang_thai: 'Đã trả kết quả' }),
				good({ ma_ho_so: 'B', kenh_nop: 'TRỰC TIẾP', trang_thai: 'Từ chối' }),
				good({ ma_ho_so: 'C', kenh_nop: 'Dịch vụ bưu chính', trang_thai: 'Rút hồ sơ' }),
				good({ ma_ho_so: 'D', kenh_nop: 'buu_chinh', trang_thai: 'rut' }),
				good({
					ma_ho_so: 'E',
					kenh_nop: 'Bưu chính',
					trang_thai: 'Đang giải quyết',
					ngay_tra_ket_qua: ''
				}),
				good({
					ma_ho_so: 'F',
					kenh_nop: 'truc_tiep',
					trang_thai: 'Chờ bổ sung',
					ngay_tra_ket_qua: ''
				}),
				good({ ma_ho_so: 'G', trang_thai: 'yeu_cau_bo_sung', ngay_tra_ket_qua: '' }),
				good({ ma_ho_so: 'H', trang_thai: 'Đang xử lý', ngay_tra_ket_qua: '' })
			),
			options()
		);
		expect(parsed.ok && parsed.dossiers.map((d) => [d.code, d.channel, d.status])).toEqual([
			['A', 'truc_tuyen', 'da_tra_ket_qua'],
			['B', 'truc_tiep', 'tu_choi'],
			['C', 'buu_chinh', 'rut'],
			['D', 'buu_chinh', 'rut'],
			['E', 'buu_chinh', 'dang_xu_ly'],
			['F', 'truc_tiep', 'yeu_cau_bo_sung'],
			['G', 'truc_tuyen', 'yeu_cau_bo_sung'],
			['H', 'truc_tuyen', 'dang_xu_ly']
		]);
		const flags = parseDossiers(
			rows(
				{ ...good({ ma_ho_so: '1' }), co_phi: 'Có', thanh_toan_truc_tuyen: 'x', so_hoa: 'true' },
				{
					...good({ ma_ho_so: '2' }),
					co_phi: 'không',
					thanh_toan_truc_tuyen: '0',
					so_hoa: 'FALSE'
				},
				{ ...good({ ma_ho_so: '3' }), co_phi: '1', thanh_toan_truc_tuyen: '', so_hoa: '' }
			),
			options({
				mapping: {
					...identity,
					co_phi: 'co_phi',
					thanh_toan_truc_tuyen: 'thanh_toan_truc_tuyen',
					so_hoa: 'so_hoa'
				}
			})
		);
		expect(flags.ok && flags.dossiers.map((d) => [d.hasFee, d.paidOnline, d.digitised])).toEqual([
			[true, true, true],
			[false, false, false],
			[true, null, null]
		]);
	});

	it('gives the DossierRecord the report counts, plus code, procedure and source', () => {
		const parsed = parseDossiers(
			rows(
				good({ ngay_tiep_nhan: '02/03/2026 08:15', han_tra_ket_qua: '', ma_thu_tuc: '1.001193' })
			),
			options()
		);
		expect(parsed).toEqual({
			ok: true,
			dossiers: [
				{
					code: 'HS-1',
					procedureCode: '1.001193',
					source: DEFAULT_SOURCE,
					field: 'Hộ tịch',
					channel: 'truc_tuyen',
					receivedOn: '2026-03-02',
					dueOn: null,
					finishedOn: '2026-03-04',
					status: 'da_tra_ket_qua',
					hasFee: null,
					paidOnline: null,
					digitised: null
				}
			]
		});
	});

	it('stores Vietnamese text as NFC whatever form the file used, and spells a known field as the catalogue does', () => {
		const parsed = parseDossiers(
			rows(good({ ma_ho_so: 'HS-Đ1'.normalize('NFD'), linh_vuc: 'hộ  tịch'.normalize('NFD') })),
			options({ knownFields: ['Hộ tịch'] })
		);
		expect(parsed.ok && parsed.dossiers[0].code).toBe('HS-Đ1'.normalize('NFC'));
		expect(parsed.ok && parsed.dossiers[0].field).toBe('Hộ tịch');
		const unknown = parseDossiers(rows(good({ linh_vuc: 'Đất đai'.normalize('NFD') })), options());
		expect(unknown.ok && unknown.dossiers[0].field).toBe('Đất đai'.normalize('NFC'));
	});

	it('takes the field from the catalogue when linh_vuc is empty and the procedure is posted', () => {
		const fieldOf = (code: string) => (code === '1.001193' ? 'Hộ tịch' : undefined);
		const parsed = parseDossiers(
			rows(good({ linh_vuc: '', ma_thu_tuc: '1.001193' })),
			options({ fieldOf })
		);
		expect(parsed.ok && parsed.dossiers[0].field).toBe('Hộ tịch');
		const noColumn = { ...identity };
		delete noColumn.linh_vuc;
		const unknown = parseDossiers(
			rows(good({ ma_thu_tuc: '9.999999' }), good({ ma_ho_so: 'HS-2', ma_thu_tuc: '' })),
			options({ mapping: noColumn, fieldOf })
		);
		expect(!unknown.ok && unknown.errors.map((e) => describeFileError(e))).toEqual([
			'dòng 2, cột ma_thu_tuc: thủ tục 9.999999 không có trong danh mục đang niêm yết nên không biết lĩnh vực; hãy thêm cột linh_vuc',
			'dòng 3, cột ma_thu_tuc: không được để trống khi tệp không có cột linh_vuc'
		]);
	});

	it('a row with its own nguon belongs to that source; others to the source chosen at import', () => {
		const parsed = parseDossiers(
			rows({ ...good(), nguon: 'Bộ Tư pháp' }, { ...good(), nguon: '' }),
			options({ mapping: { ...identity, nguon: 'nguon' } })
		);
		expect(parsed.ok && parsed.dossiers.map((d) => d.source)).toEqual([
			'Bộ Tư pháp',
			DEFAULT_SOURCE
		]);
	});
});

describe('every error by row and column', () => {
	it('required cells', () => {
		expect(
			errorsOf(
				good({ ma_ho_so: '', linh_vuc: '', kenh_nop: '', ngay_tiep_nhan: '', trang_thai: '' })
			)
		).toEqual([
			'dòng 2, cột ma_ho_so: không được để trống',
			'dòng 2, cột linh_vuc: không được để trống (hoặc ghi mã thủ tục có trong danh mục đang niêm yết)',
			'dòng 2, cột kenh_nop: không được để trống',
			'dòng 2, cột ngay_tiep_nhan: không được để trống',
			'dòng 2, cột trang_thai: không được để trống'
		]);
	});

	it('unknown words and dates that are not dates', () => {
		expect(
			errorsOf(
				good({
					kenh_nop: 'Zalo',
					trang_thai: 'Xong',
					ngay_tiep_nhan: '31/02/2026',
					han_tra_ket_qua: 'mai'
				})
			)
		).toEqual([
			'dòng 2, cột kenh_nop: "Zalo" không phải kênh nộp (Trực tuyến, Trực tiếp, Bưu chính)',
			'dòng 2, cột ngay_tiep_nhan: "31/02/2026" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)',
			'dòng 2, cột han_tra_ket_qua: "mai" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)',
			'dòng 2, cột trang_thai: "Xong" không phải trạng thái (Đã trả kết quả, Từ chối, Rút hồ sơ, Đang xử lý, Yêu cầu bổ sung)'
		]);
		const flags = parseDossiers(
			rows({ ...good(), co_phi: 'có lẽ' }),
			options({ mapping: { ...identity, co_phi: 'Có phí' } })
		);
		expect(flags.ok).toBe(true); // the mapped header is not in the row: an empty cell
		const bad = parseDossiers(
			rows({ ...good(), 'Có phí': 'có lẽ' }),
			options({ mapping: { ...identity, co_phi: 'Có phí' } })
		);
		expect(!bad.ok && describeFileError(bad.errors[0])).toBe(
			'dòng 2, cột Có phí: "có lẽ" không phải có/không (có, không, 1, 0, x)'
		);
	});

	it('a finished dossier needs its result date, an unfinished one must not have one', () => {
		expect(
			errorsOf(
				good({ trang_thai: 'Từ chối', ngay_tra_ket_qua: '' }),
				good({ ma_ho_so: 'HS-2', trang_thai: 'dang_xu_ly' }),
				good({ ma_ho_so: 'HS-3', trang_thai: 'Yêu cầu bổ sung' })
			)
		).toEqual([
			'dòng 2, cột ngay_tra_ket_qua: hồ sơ "Từ chối" phải có ngày trả kết quả',
			'dòng 3, cột ngay_tra_ket_qua: hồ sơ "Đang xử lý" chưa có kết quả nên không được có ngày trả kết quả',
			'dòng 4, cột ngay_tra_ket_qua: hồ sơ "Yêu cầu bổ sung" chưa có kết quả nên không được có ngày trả kết quả'
		]);
	});

	it('a result or due date before the received date', () => {
		expect(
			errorsOf(
				good({
					ngay_tiep_nhan: '05/03/2026',
					ngay_tra_ket_qua: '04/03/2026',
					han_tra_ket_qua: '01/03/2026'
				})
			)
		).toEqual([
			'dòng 2, cột ngay_tra_ket_qua: ngày trả kết quả 2026-03-04 trước ngày tiếp nhận 2026-03-05',
			'dòng 2, cột han_tra_ket_qua: hạn trả kết quả 2026-03-01 trước ngày tiếp nhận 2026-03-05'
		]);
	});

	it('a dossier code twice in one source names both lines; the same code in two sources is two dossiers', () => {
		expect(errorsOf(good(), good({ ma_ho_so: 'HS-2' }), good())).toEqual([
			'dòng 4, cột ma_ho_so: mã hồ sơ HS-1 trùng với dòng 2'
		]);
		const two = parseDossiers(
			rows({ ...good(), nguon: 'A' }, { ...good(), nguon: 'B' }),
			options({ mapping: { ...identity, nguon: 'nguon' } })
		);
		expect(two.ok && two.dossiers.length).toBe(2);
	});

	it('errors name the column by the header the file uses', () => {
		const mapping: ColumnMapping = { ...identity, ngay_tiep_nhan: 'Ngày nhận HS' };
		const values = good();
		const parsed = parseDossiers(
			rows({ ...values, 'Ngày nhận HS': '2026-13-01' }),
			options({ mapping })
		);
		expect(!parsed.ok && describeFileError(parsed.errors[0])).toBe(
			'dòng 2, cột Ngày nhận HS: "2026-13-01" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)'
		);
	});

	it('a file with no rows, and JSON items that are not objects', () => {
		expect(!parseDossiers([], options()).ok).toBe(true);
		const json = parseDossiers(
			[{ line: 1, values: { __notObject: '1' } }],
			options({ unit: 'mục' })
		);
		expect(!json.ok && describeFileError(json.errors[0], 'mục')).toBe(
			'mục 1: mỗi mục phải là một đối tượng có các cột của tệp hồ sơ'
		);
	});
});
