import { describe, it, expect } from 'vitest';
import { countFields, filter, mostUsed } from './browse';
import type { Procedure } from '$lib/schemas/procedure';

type P = Pick<Procedure, 'levels' | 'channels' | 'field'>;
const items: P[] = [
	{ field: 'Hộ tịch', levels: ['xa'], channels: ['truc_tiep', 'truc_tuyen'] },
	{ field: 'Hộ tịch', levels: ['tinh', 'xa'], channels: ['truc_tiep'] },
	{ field: 'Đất đai', levels: ['tinh'], channels: ['truc_tuyen'] },
	{ field: 'Chứng thực', levels: ['xa'], channels: [] }
];

describe('browse', () => {
	it('filters by level, including procedures carried out at several levels', () => {
		expect(filter(items, { level: 'xa' })).toHaveLength(3);
		expect(filter(items, { level: 'tinh' })).toHaveLength(2);
	});

	it('filters to procedures that can be submitted online', () => {
		expect(filter(items, { online: true }).map((p) => p.field)).toEqual(['Hộ tịch', 'Đất đai']);
	});

	it('combines filters', () => {
		expect(filter(items, { level: 'xa', online: true, field: 'Hộ tịch' })).toHaveLength(1);
	});

	it('counts procedures per field in Vietnamese alphabetical order', () => {
		expect(countFields(items)).toEqual([
			{ field: 'Chứng thực', count: 1 },
			{ field: 'Đất đai', count: 1 },
			{ field: 'Hộ tịch', count: 2 }
		]);
	});

	it('lists the most looked-up procedures first, ties by name, and leaves out those nobody looked up', () => {
		const looked = [
			{ name: 'Đăng ký kết hôn', popularity: 5 },
			{ name: 'Chứng thực bản sao', popularity: 0 },
			{ name: 'Đăng ký khai sinh', popularity: 12 },
			{ name: 'Cấp bản sao trích lục', popularity: 5 }
		];
		expect(mostUsed(looked, 8).map((p) => p.name)).toEqual([
			'Đăng ký khai sinh',
			'Cấp bản sao trích lục',
			'Đăng ký kết hôn'
		]);
		expect(mostUsed(looked, 1).map((p) => p.name)).toEqual(['Đăng ký khai sinh']);
		expect(mostUsed([{ name: 'A', popularity: 0 }], 8)).toEqual([]);
	});
});
