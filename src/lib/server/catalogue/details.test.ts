// The optional detail columns of a catalogue file: read under the names centers write, one item per line, checked
// like every other cell.
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable } from '../files/table';
import { validateCatalogue, describeError, keepDetails, COLUMNS } from './validate';
import type { Procedure } from '$lib/schemas/procedure';

const BASE = COLUMNS.join(',');
const GOOD =
	'1.001193,Đăng ký khai sinh,Hộ tịch,Cấp xã,UBND cấp xã,Trực tiếp; Trực tuyến,Ngay trong ngày,Miễn lệ phí,';
const bytes = (text: string) => new TextEncoder().encode(text);

async function read(data: Uint8Array, filename = 'catalogue.csv') {
	const table = await readTable(data, filename);
	const result = validateCatalogue(table);
	return result.ok
		? { ...result, errors: [] }
		: {
				procedures: [],
				details: [],
				errors: result.errors.map((e) => describeError(e, table.format))
			};
}

describe('detail columns of a catalogue file', () => {
	it('reads the Vietnamese headers a center writes, one item per line, and the counter as its number', async () => {
		const csv = [
			`${BASE},Thành phần hồ sơ,Trình tự thực hiện,Kết quả,Căn cứ pháp lý,Quầy`,
			`${GOOD},"- Tờ khai đăng ký khai sinh\n- Giấy chứng sinh\n\n- Giấy tờ tùy thân","1. Nộp hồ sơ\n2. Nhận kết quả",Giấy khai sinh,Luật Hộ tịch 2014,Quầy số 3`
		].join('\n');
		const { procedures, details, errors } = await read(bytes(csv));
		expect(errors).toEqual([]);
		expect(details).toEqual(['documents', 'steps', 'result', 'legalBasis', 'counter']);
		expect(procedures[0]).toMatchObject({
			documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Giấy tờ tùy thân'],
			steps: ['Nộp hồ sơ', 'Nhận kết quả'],
			result: 'Giấy khai sinh',
			legalBasis: ['Luật Hộ tịch 2014'],
			counter: '3'
		});
	});

	it('reads the snake_case headers too, in any case', async () => {
		const csv = [
			`${BASE},thanh_phan_ho_so,TRINH_TU,ket_qua,can_cu_phap_ly,quay`,
			`${GOOD},Tờ khai,Nộp hồ sơ,Giấy khai sinh,Luật Hộ tịch,4`
		].join('\n');
		const { procedures, errors } = await read(bytes(csv));
		expect(errors).toEqual([]);
		expect(procedures[0]).toMatchObject({
			documents: ['Tờ khai'],
			steps: ['Nộp hồ sơ'],
			result: 'Giấy khai sinh',
			legalBasis: ['Luật Hộ tịch'],
			counter: '4'
		});
	});

	it('a file without the columns gives procedures with no details, and says which columns it had', async () => {
		const { procedures, details, errors } = await read(bytes(`${BASE}\n${GOOD}`));
		expect(errors).toEqual([]);
		expect(details).toEqual([]);
		expect(procedures[0]).toMatchObject({
			documents: [],
			steps: [],
			result: '',
			legalBasis: [],
			counter: ''
		});
	});

	it('an empty cell is an empty detail, not an error', async () => {
		const { procedures, details, errors } = await read(
			bytes(`${BASE},thanh_phan_ho_so,quay\n${GOOD},,`)
		);
		expect(errors).toEqual([]);
		expect(details).toEqual(['documents', 'counter']);
		expect(procedures[0]).toMatchObject({ documents: [], counter: '' });
	});

	it('refuses a control character in a detail cell, naming its row and column', async () => {
		const csv = [
			`${BASE},Thành phần hồ sơ`,
			`${GOOD},Tờ khai`,
			`${GOOD.replace('1.001193', '1.001194')},"Tờ khai\u0007\nGiấy chứng sinh"`
		].join('\n');
		expect((await read(bytes(csv))).errors).toEqual([
			'dòng 3, cột Thành phần hồ sơ: ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0007)'
		]);
	});

	it('refuses a counter name longer than a counter sign holds, at its row and column', async () => {
		const csv = [
			`${BASE},quay`,
			`${GOOD},${'Quầy tiếp nhận và trả kết quả lĩnh vực hộ tịch chứng thực'}`
		].join('\n');
		expect((await read(bytes(csv))).errors).toEqual([
			'dòng 2, cột quay: tên quầy quá dài (tối đa 40 ký tự)'
		]);
	});

	it('refuses two columns for one detail rather than guessing which one counts', async () => {
		const { errors } = await read(bytes(`${BASE},quay,Quầy tiếp nhận\n${GOOD},3,4`));
		expect(errors).toEqual([
			'Hai cột "quay" và "Quầy tiếp nhận" cùng ghi quầy tiếp nhận: hãy giữ một cột.'
		]);
	});

	it('reads a spreadsheet cell with line breaks (Alt+Enter) as a list', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Danh mục');
		sheet.addRow([...COLUMNS, 'Thành phần hồ sơ', 'Quầy']);
		sheet.addRow([
			...GOOD.split(',').slice(0, 5),
			'Trực tiếp',
			'',
			'',
			'',
			'Tờ khai\r\nGiấy chứng sinh',
			3
		]);
		const { procedures, errors } = await read(
			new Uint8Array(await workbook.xlsx.writeBuffer()),
			'danh-muc.xlsx'
		);
		expect(errors).toEqual([]);
		expect(procedures[0]).toMatchObject({
			documents: ['Tờ khai', 'Giấy chứng sinh'],
			counter: '3'
		});
	});

	it('reads JSON lists as lists, and a list of channels still as channels', async () => {
		const json = JSON.stringify([
			{
				ma_thu_tuc: '1.001193',
				ten_thu_tuc: 'Đăng ký khai sinh',
				linh_vuc: 'Hộ tịch',
				cap_thuc_hien: 'Cấp xã',
				hinh_thuc_nop: ['Trực tiếp', 'Trực tuyến'],
				thanh_phan_ho_so: ['Tờ khai; bản chính', 'Giấy chứng sinh'],
				quay: 3
			}
		]);
		const { procedures, errors } = await read(bytes(json), 'danh-muc.json');
		expect(errors).toEqual([]);
		expect(procedures[0]).toMatchObject({
			channels: ['truc_tiep', 'truc_tuyen'],
			documents: ['Tờ khai; bản chính', 'Giấy chứng sinh'],
			counter: '3'
		});
	});
});

describe('details a file leaves out', () => {
	const stored = {
		code: '1',
		documents: ['Tờ khai'],
		counter: '3',
		steps: ['Nộp'],
		result: 'Giấy',
		legalBasis: ['Luật']
	} as unknown as Procedure;
	const incoming = {
		code: '1',
		documents: [],
		counter: '',
		steps: [],
		result: '',
		legalBasis: []
	} as unknown as Procedure;

	it('are kept from the stored procedure when the file has no such column', () => {
		expect(keepDetails([incoming], [stored], ['counter'])[0]).toMatchObject({
			documents: ['Tờ khai'],
			counter: '',
			steps: ['Nộp']
		});
	});

	it('are cleared by a column the file has, left empty', () => {
		expect(
			keepDetails(
				[incoming],
				[stored],
				['documents', 'steps', 'result', 'legalBasis', 'counter']
			)[0]
		).toEqual(incoming);
	});
});
