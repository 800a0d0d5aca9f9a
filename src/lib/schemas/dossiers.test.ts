import { describe, it, expect } from 'vitest';
import {
	describeManualIssues,
	dossierApplySchema,
	dossierPreviewSchema,
	manualEntrySchema,
	manualFormValues,
	NEW_SOURCE
} from './dossiers';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
}
const file = new File(['ma_ho_so\nHS-1'], 'ho-so.csv');

describe('the upload form', () => {
	it('takes the chosen source, or the new name typed, and the mapping only when the mapping step sent it', () => {
		const chosen = dossierPreviewSchema.parse({ file, source: 'Một cửa', map_ma_ho_so: 'Mã HS' });
		expect(chosen).toMatchObject({ source: 'Một cửa', mapping: null });
		const fresh = dossierPreviewSchema.parse({
			file,
			source: NEW_SOURCE,
			newSource: '  Bộ   Tư pháp ',
			mapped: '1',
			map_ma_ho_so: 'Mã HS',
			map_linh_vuc: ''
		});
		expect(fresh).toMatchObject({ source: 'Bộ Tư pháp', mapping: { ma_ho_so: 'Mã HS' } });
	});

	it('refuses a missing source name, a missing file, and an apply without its preview', () => {
		const noName = dossierPreviewSchema.safeParse({ file, source: NEW_SOURCE, newSource: ' ' });
		expect(noName.success || noName.error.issues.map((i) => i.message)).toEqual([
			'Hãy chọn hoặc nhập tên nguồn dữ liệu'
		]);
		const noFile = dossierPreviewSchema.safeParse({ file: new File([], ''), source: 'Một cửa' });
		expect(noFile.success || noFile.error.issues[0].message).toBe('Hãy chọn một tệp hồ sơ');
		const pdf = dossierPreviewSchema.safeParse({
			file: new File(['x'], 'a.pdf'),
			source: 'Một cửa'
		});
		expect(pdf.success || pdf.error.issues[0].message).toBe('Chỉ nhận tệp CSV hoặc XLSX');
		const apply = dossierApplySchema.safeParse({ file, source: 'Một cửa' });
		expect(apply.success || apply.error.issues[0].message).toBe('Hãy xem trước tệp trước khi ghi');
	});
});

describe('the manual entry form', () => {
	const base: [string, string][] = [
		['source', NEW_SOURCE],
		['newSource', 'BHXH cơ sở'],
		['from', '2026-03-15'],
		['to', '2026-04-14']
	];
	const row = (
		field: string,
		total: string,
		online = '',
		extra: [string, string][] = []
	): [string, string][] => [
		['field', field],
		['received.total', total],
		['received.online', online],
		...extra
	];

	it('reads rows in order, empty cells as 0 and 1.894 as 1894; wholly empty rows are dropped, a total row only when typed', () => {
		const values = manualFormValues(
			form([
				...base,
				...row('Bảo hiểm xã hội', '1.894', '1894'),
				...row('', ''),
				...row('Bảo hiểm y tế', '3')
			])
		);
		const entry = manualEntrySchema.parse(values);
		expect(entry.source).toBe('BHXH cơ sở');
		expect(
			entry.rows.map((r) => [
				r.field,
				r.row.received.total,
				r.row.received.online,
				r.row.pending.total
			])
		).toEqual([
			['Bảo hiểm xã hội', 1894, 1894, 0],
			['Bảo hiểm y tế', 3, 0, 0]
		]);
		expect(entry.total).toBeNull();
		const withTotal = manualEntrySchema.parse(
			manualFormValues(form([...base, ...row('A', '1'), ['total.received.total', '1']]))
		);
		expect(withTotal.total?.received).toEqual({ total: 1, online: 0, direct: 0, carriedOver: 0 });
	});

	it('names the row and column of a figure that is not a whole non-negative number, and other mistakes', () => {
		const values = manualFormValues(
			form([
				...base.slice(0, 2),
				['from', '2026-04-15'],
				['to', '2026-04-14'],
				...row('Đất đai', '-3', '1,5'),
				...row('', '2'),
				...row('đất đai', '1'),
				['total.resolved.early', 'x']
			])
		);
		const parsed = manualEntrySchema.safeParse(values);
		expect(parsed.success).toBe(false);
		if (parsed.success) return;
		expect(describeManualIssues(parsed.error, values)).toEqual([
			'Dòng 1 (Đất đai), cột (3) Tổng số tiếp nhận: phải là số nguyên không âm',
			'Dòng 1 (Đất đai), cột (4) Trực tuyến: phải là số nguyên không âm',
			'Dòng 2: thiếu tên lĩnh vực',
			'Dòng Tổng cộng, cột (8) Trước hạn: phải là số nguyên không âm'
		]);
		const fixed = manualFormValues(
			form([
				...base.slice(0, 2),
				['from', '2026-04-15'],
				['to', '2026-04-14'],
				...row('Đất đai', '3'),
				...row('đất đai', '1')
			])
		);
		const again = manualEntrySchema.safeParse(fixed);
		expect(again.success || describeManualIssues(again.error, fixed)).toEqual([
			'Ngày đầu kỳ phải trước hoặc bằng ngày cuối kỳ',
			'Dòng 2 (đất đai): lĩnh vực trùng với dòng 1'
		]);
	});
});
