import { describe, expect, it } from 'vitest';
import { targetsSchema } from './reports';

describe('the targets form', () => {
	it('takes a decimal comma, drops blank rows and keeps field names in NFC', () => {
		const parsed = targetsSchema.parse({
			overall: '95',
			rules: [
				{ match: 'Đất đai'.normalize('NFD'), target: '92,5' },
				{ match: '', target: '' },
				{ match: 'Xây dựng', target: '90' }
			]
		});
		expect(parsed).toEqual({
			overall: 95,
			rules: [
				{ match: 'Đất đai', target: 92.5 },
				{ match: 'Xây dựng', target: 90 }
			]
		});
	});

	it('refuses a blank or out-of-range target and a target without a field, in Vietnamese', () => {
		const messages = (input: unknown) => {
			const r = targetsSchema.safeParse(input);
			return r.success ? [] : r.error.issues.map((i) => i.message);
		};
		expect(messages({ overall: '', rules: [] })).toEqual(['Nhập chỉ tiêu chung (%)']);
		expect(messages({ overall: '120', rules: [] })).toEqual([
			'Chỉ tiêu chung không được lớn hơn 100'
		]);
		expect(messages({ overall: 'chín lăm', rules: [] })).toEqual(['Chỉ tiêu chung phải là một số']);
		expect(messages({ overall: '95', rules: [{ match: 'Đất đai', target: '' }] })).toEqual([
			'Nhập chỉ tiêu của lĩnh vực (%)'
		]);
		expect(messages({ overall: '95', rules: [{ match: '', target: '90' }] })).toEqual([
			'Mỗi chỉ tiêu riêng cần tên (hoặc một phần tên) lĩnh vực'
		]);
	});

	it('refuses a field name holding a NUL or another control character (PostgreSQL cannot store it: a 500 before)', () => {
		for (const match of ['Hộ\u0000tịch', 'Đất đai\u0001', 'Hộ tịch\ud800']) {
			const r = targetsSchema.safeParse({ overall: '95', rules: [{ match, target: '90' }] });
			expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
				'Tên lĩnh vực chứa ký tự điều khiển hoặc ký tự không hợp lệ'
			]);
		}
	});
});
