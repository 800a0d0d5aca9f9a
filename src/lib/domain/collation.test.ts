import { describe, it, expect } from 'vitest';
import { compareVi } from './collation';

describe('compareVi', () => {
	it('orders fields as the Vietnamese alphabet does: Đ after D, a toned letter after its bare one', () => {
		const fields = ['Đất đai', 'Y tế', 'Dân tộc', 'Bảo trợ xã hội', 'Ban hành', 'Hộ tịch'];
		expect([...fields].sort(compareVi)).toEqual([
			'Ban hành',
			'Bảo trợ xã hội',
			'Dân tộc',
			'Đất đai',
			'Hộ tịch',
			'Y tế'
		]);
	});

	it('agrees with localeCompare in Vietnamese, which it replaces', () => {
		const names = [
			'Thủ tục đăng ký khai sinh',
			'Đăng ký lại khai tử',
			'Cấp bản sao',
			'cấp Bản sao',
			'Ấp'
		];
		expect([...names].sort(compareVi)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
	});
});
