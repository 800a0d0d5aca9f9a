import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { readTable } from './table';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => readTable(bytes(text), 'f.csv');

/** A workbook as Excel writes it; Excel stores a control character as `_x0000_`, and readers (ExcelJS too) decode it. */
async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Sheet1');
	for (const r of rows) sheet.addRow(r);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('reading a CSV file', () => {
	const lines = ['ma,ten', 'A-1,Một', 'A-2,Hai', 'A-3,Ba', 'A-4,Bốn', 'A-5,Năm'];

	it('reads every row whatever the line endings: CRLF, LF, a lone CR, or first CRLF then LF in one file', async () => {
		const mixed = `${lines.slice(0, 3).join('\r\n')}\r\n${lines.slice(3).join('\n')}\n`;
		for (const text of [
			lines.join('\r\n'),
			lines.join('\n'),
			lines.join('\r'),
			mixed,
			`${lines.join('\r\n')}\r\n`
		]) {
			const table = await read(text);
			expect(table.errors).toEqual([]);
			expect(table.rows.map((r) => r.values.ma)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
			expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
		}
	});

	it('drops a byte-order mark, so the first header is the first column’s name', async () => {
		const table = await read(`\uFEFF${lines.join('\r\n')}`);
		expect(table.headers).toEqual(['ma', 'ten']);
		expect(table.rows).toHaveLength(5);
	});

	it('keeps a quoted cell’s line breaks inside that cell, one row, whatever the file’s line endings', async () => {
		const table = await read(
			'ma,ten\r\nA-1,"Đăng ký\r\nkhai sinh"\nA-2,"Một\rdòng, hai"\r\nA-3,Ba'
		);
		expect(table.errors).toEqual([]);
		expect(table.rows.map((r) => [r.line, r.values.ten])).toEqual([
			[2, 'Đăng ký\nkhai sinh'],
			[3, 'Một\ndòng, hai'],
			[4, 'Ba']
		]);
	});

	it('a row with more or fewer cells than the header is an error at that row, numbered as a spreadsheet shows it', async () => {
		const table = await read('ma,ten\nA-1,Một\n\nA-2,Hai,thừa\r\nA-3\n"A-4","Bốn"');
		expect(table.errors).toEqual([
			{ line: 4, message: expect.stringContaining('có 3 ô nhưng dòng tiêu đề có 2 cột') },
			{ line: 5, message: expect.stringContaining('có 1 ô nhưng dòng tiêu đề có 2 cột') }
		]);
		// The blank line 3 is no row, but it keeps its number: the spreadsheet shows it as an empty row.
		expect(table.rows.map((r) => r.line)).toEqual([2, 6]);
	});

	it('a quote left open is refused with the row where it opened', async () => {
		await expect(read('ma,ten\nA-1,Một\nA-2,"Hai\nA-3,Ba\n')).rejects.toThrow(
			'Tệp CSV bị lỗi định dạng ở dòng 3'
		);
	});

	it('a control character in a cell is an error at its row and column, in Vietnamese, naming the character', async () => {
		const table = await read('ma,ten\nA-1,Một\nA-2,Ha\u0000i\nA\u0007-3,Ba');
		expect(table.errors).toEqual([
			{
				line: 3,
				column: 'ten',
				message: 'ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0000)'
			},
			{ line: 4, column: 'ma', message: 'ô chứa ký tự điều khiển hoặc ký tự không hợp lệ (U+0007)' }
		]);
	});

	it('a control character in a header is an error at row 1', async () => {
		const table = await read('ma,te\u0000n\nA-1,Một');
		expect(table.errors).toEqual([
			{ line: 1, message: expect.stringContaining('Tiêu đề cột 2 chứa ký tự điều khiển') }
		]);
	});

	it('a tab inside a cell is text, not a control character (the national catalogue has some in its fees)', async () => {
		const table = await read(
			'ma,phi\n1.007380,"250,000 Việt Nam Đồng(\t 250.000 đồng/ 1 môn thi)"'
		);
		expect(table.errors).toEqual([]);
		expect(table.rows[0].values.phi).toContain('\t');
	});

	// Cells of letters, Vietnamese, spaces, commas, quotes and line breaks; quoted when they need it, as a spreadsheet writes.
	const cell = fc
		.array(fc.constantFrom('a', 'Z', '7', 'đ', 'Ứ', ' ', ',', '"', '\n', '\r\n', '\r', '-'), {
			maxLength: 8
		})
		.map((parts) => parts.join(''));
	const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
	const expected = (c: string) => c.replace(/\r\n?/g, '\n').trim();

	it('property: for random rows and random line endings, the rows read are the rows written, cell for cell', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 4 }).chain((width) =>
					fc.record({
						width: fc.constant(width),
						rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
							maxLength: 25
						}),
						endings: fc.array(fc.constantFrom('\r\n', '\n', '\r'), {
							minLength: 27,
							maxLength: 27
						}),
						bom: fc.boolean(),
						trailing: fc.boolean()
					})
				),
				async ({ width, rows, endings, bom, trailing }) => {
					const headers = Array.from({ length: width }, (_, i) => `c${i}`);
					// A blank line is no row (a line of empty cells `,,` is one): a one-column blank row is not written here.
					const written = rows.filter((r) => r.length > 1 || expected(r[0]) !== '');
					const lines = [headers, ...written].map((r) => r.map(quote).join(','));
					const text =
						(bom ? '\uFEFF' : '') +
						lines.map((l, i) => l + (i < lines.length - 1 || trailing ? endings[i] : '')).join('');
					const table = await read(text);
					expect(table.errors).toEqual([]);
					expect(table.rows).toHaveLength(written.length);
					expect(table.rows.map((r) => headers.map((h) => r.values[h]))).toEqual(
						written.map((r) => r.map(expected))
					);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('reading an XLSX file', () => {
	it('a control character in a cell (Excel writes it _x0000_) is an error at its row and column', async () => {
		const data = await xlsx([
			['ma', 'ten'],
			['A-1', 'Một'],
			['A-2', 'Ha_x0000_i']
		]);
		const table = await readTable(data, 'f.xlsx');
		expect(table.rows).toHaveLength(2);
		expect(table.errors).toEqual([
			{ line: 3, column: 'ten', message: expect.stringContaining('ký tự điều khiển') }
		]);
	});

	it('a value right of the last header is an error at its row, not dropped', async () => {
		const data = await xlsx([
			['ma', 'ten'],
			['A-1', 'Một'],
			['A-2', 'Hai', 'ngoài bảng']
		]);
		const table = await readTable(data, 'f.xlsx');
		expect(table.errors).toEqual([
			{ line: 3, message: expect.stringContaining('bên phải cột cuối cùng') }
		]);
	});
});

describe('reading a JSON file', () => {
	it('a control character in a value is an error at its item and key', async () => {
		const table = await readTable(
			bytes(JSON.stringify([{ ma: 'A-1' }, { ma: 'A\u0000-2' }])),
			'f.json'
		);
		expect(table.errors).toEqual([
			{ line: 2, column: 'ma', message: expect.stringContaining('(U+0000)') }
		]);
	});
});
