// Every way a catalogue file can be wrong, and the message a person gets for it.
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable, UnreadableFileError } from '../files/table';
import { validateCatalogue, describeError, COLUMNS } from './validate';

const HEADER = COLUMNS.join(',');
const GOOD =
	'1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,Cấp xã,UBND cấp xã,Trực tiếp; Trực tuyến,1,Miễn phí,https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc';
const bytes = (text: string) => new TextEncoder().encode(text);

async function errorsOf(text: string, filename = 'catalogue.csv'): Promise<string[]> {
	const table = await readTable(bytes(text), filename);
	const result = validateCatalogue(table);
	return result.ok ? [] : result.errors.map((e) => describeError(e, table.format));
}

async function unreadable(data: Uint8Array, filename: string): Promise<string> {
	try {
		await readTable(data, filename);
	} catch (e) {
		if (e instanceof UnreadableFileError) return e.message;
		throw e;
	}
	throw new Error('the file was read');
}

describe('a catalogue file that cannot be read', () => {
	it('names the accepted formats for an unknown extension', async () => {
		expect(await unreadable(bytes('x'), 'danh-muc.pdf')).toMatch(/chỉ nhận CSV, XLSX hoặc JSON/);
	});

	it('says an empty file is empty', async () => {
		expect(await unreadable(new Uint8Array(), 'a.csv')).toBe('Tệp rỗng.');
	});

	it('asks for UTF-8 when a CSV is in another encoding', async () => {
		const latin1 = new Uint8Array([0x6d, 0xe3, 0x2c, 0x74, 0xea, 0x6e, 0x0a]);
		expect(await unreadable(latin1, 'a.csv')).toMatch(/UTF-8/);
	});

	it('points at the line of a broken quote in a CSV', async () => {
		expect(
			await unreadable(bytes(`${HEADER}\n${GOOD}\n1.2,"Tên chưa đóng ngoặc,Hộ tịch\n`), 'a.csv')
		).toMatch(/Tệp CSV bị lỗi định dạng ở dòng \d/);
	});

	it('reports JSON syntax errors and JSON that is not a list', async () => {
		expect(await unreadable(bytes('[{"ma_thu_tuc": '), 'a.json')).toBe('Tệp JSON sai cú pháp.');
		expect(await unreadable(bytes('{"a": 1}'), 'a.json')).toMatch(/mảng các đối tượng/);
	});

	it('reports an XLSX that is not a workbook', async () => {
		expect(await unreadable(bytes('not a zip'), 'a.xlsx')).toMatch(/Không đọc được tệp XLSX/);
	});
});

describe('a catalogue file with bad content', () => {
	it('lists the missing required columns and the expected ones', async () => {
		expect(await errorsOf('ma_thu_tuc,ten\n1.1,Tên')).toEqual([
			`Thiếu cột bắt buộc: ten_thu_tuc, linh_vuc, cap_thuc_hien. Các cột cần có: ${COLUMNS.join(', ')}.`
		]);
	});

	it('rejects a file with a header and no procedures', async () => {
		expect(await errorsOf(`${HEADER}\n`)).toEqual(['Tệp không có thủ tục nào.']);
	});

	it('names each empty required cell by row and column', async () => {
		expect(await errorsOf(`${HEADER}\n${GOOD}\n,,Hộ tịch,Cấp xã,,,,,`)).toEqual([
			'dòng 3, cột ma_thu_tuc: không được để trống',
			'dòng 3, cột ten_thu_tuc: không được để trống'
		]);
	});

	it('names an unknown level and an unknown submission channel', async () => {
		expect(await errorsOf(`${HEADER}\n1.2,Tên,Hộ tịch,Cấp huyện,,Fax,,,`)).toEqual([
			'dòng 2, cột cap_thuc_hien: "Cấp huyện" không phải cấp thực hiện (Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác)',
			'dòng 2, cột hinh_thuc_nop: "Fax" không phải hình thức nộp (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)'
		]);
	});

	it('rejects a malformed code, a too long name and a URL that is not a web address', async () => {
		const long = 'x'.repeat(2001);
		expect(await errorsOf(`${HEADER}\n1 2,${long},Hộ tịch,Cấp xã,,,,,ftp://x`)).toEqual([
			'dòng 2, cột ma_thu_tuc: mã thủ tục chỉ gồm chữ, số, dấu chấm hoặc gạch, tối đa 40 ký tự',
			'dòng 2, cột ten_thu_tuc: tên thủ tục quá dài (tối đa 2.000 ký tự)',
			'dòng 2, cột url: địa chỉ phải bắt đầu bằng http:// hoặc https://'
		]);
	});

	it('names a duplicated code with the line it first appeared on', async () => {
		expect(await errorsOf(`${HEADER}\n${GOOD}\n${GOOD}`)).toEqual([
			'dòng 3, cột ma_thu_tuc: mã 1.001193 trùng với dòng 2'
		]);
	});

	it('numbers JSON items as items, and refuses items that are not objects', async () => {
		expect(
			await errorsOf(
				'[{"ma_thu_tuc":"1.1","ten_thu_tuc":"A","linh_vuc":"B","cap_thuc_hien":"Cấp xã"}, 5]',
				'a.json'
			)
		).toEqual([`mục 2: mỗi mục phải là một đối tượng có các trường ${COLUMNS.join(', ')}`]);
	});

	it('reports every error of the file at once, not only the first', async () => {
		const rows = [
			GOOD,
			'1.3,,Hộ tịch,Cấp xã,,,,,',
			'1.4,Tên,,Cấp xã,,,,,',
			'1.5,Tên,Hộ tịch,Cấp mới,,,,,'
		];
		expect(await errorsOf(`${HEADER}\n${rows.join('\n')}`)).toHaveLength(3);
	});
});

describe('a good catalogue file', () => {
	it('maps published words to levels and channels, and keeps text NFC', async () => {
		const decomposed = GOOD.replace(
			'Trực tiếp; Trực tuyến',
			'Bưu chính công ích; Trực tuyến'
		).normalize('NFD');
		const table = await readTable(bytes(`\uFEFF${HEADER}\n${decomposed}`), 'a.csv');
		const result = validateCatalogue(table);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [p] = result.procedures;
		expect(p.name).toBe('Thủ tục đăng ký khai sinh'.normalize('NFC'));
		expect(p.levels).toEqual(['xa']);
		expect(p.channels).toEqual(['buu_chinh', 'truc_tuyen']);
	});

	it('reads JSON with the same fields, lists given as arrays or text', async () => {
		const json = JSON.stringify([
			{
				ma_thu_tuc: '1.1',
				ten_thu_tuc: 'A',
				linh_vuc: 'B',
				cap_thuc_hien: ['Cấp xã', 'Cấp tỉnh'],
				hinh_thuc_nop: 'Trực tuyến'
			}
		]);
		const result = validateCatalogue(await readTable(bytes(json), 'a.json'));
		expect(result.ok && result.procedures[0]).toMatchObject({
			code: '1.1',
			levels: ['xa', 'tinh'],
			channels: ['truc_tuyen']
		});
	});

	it('reads an XLSX workbook with the same headers', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Danh mục');
		sheet.addRow([...COLUMNS]);
		sheet.addRow(GOOD.split(','));
		sheet.addRow([
			'2.000635',
			'Cấp bản sao Trích lục hộ tịch',
			'Hộ tịch',
			'Cấp tỉnh, Cấp xã',
			'',
			'Trực tiếp',
			5,
			'',
			''
		]);
		const data = new Uint8Array(await workbook.xlsx.writeBuffer());
		const table = await readTable(data, 'danh-muc.xlsx');
		const result = validateCatalogue(table);
		expect(result.ok && result.procedures.map((p) => [p.code, p.levels, p.processingTime])).toEqual(
			[
				['1.001193', ['xa'], '1'],
				['2.000635', ['tinh', 'xa'], '5']
			]
		);
	});

	it('numbers XLSX errors by spreadsheet row', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Danh mục');
		sheet.addRow([...COLUMNS]);
		sheet.addRow(GOOD.split(','));
		sheet.addRow(['1.2', 'Tên', '', 'Cấp xã']);
		const table = await readTable(new Uint8Array(await workbook.xlsx.writeBuffer()), 'a.xlsx');
		const result = validateCatalogue(table);
		expect(result.ok ? [] : result.errors.map((e) => describeError(e, table.format))).toEqual([
			'dòng 3, cột linh_vuc: không được để trống'
		]);
	});
});
