import { describe, it, expect } from 'vitest';
import { confirmsAbolish, diffCatalogue, needsAbolishConfirmation } from './catalogue-diff';
import type { Procedure } from '$lib/schemas/procedure';

const proc = (code: string, over: Partial<Procedure> = {}): Procedure => ({
	code,
	name: `Thủ tục ${code}`,
	field: 'Hộ tịch',
	levels: ['xa'],
	agency: 'UBND cấp xã',
	channels: ['truc_tiep'],
	processingTime: '5',
	fee: 'Miễn phí',
	url: '',
	documents: [],
	steps: [],
	result: '',
	legalBasis: [],
	counter: '',
	...over
});

describe('diffCatalogue', () => {
	it('sorts incoming procedures into added, changed, removed and unchanged', () => {
		const d = diffCatalogue(
			[proc('1'), proc('2'), proc('3')],
			[proc('1'), proc('2', { fee: '10.000 đồng' }), proc('4')]
		);
		expect(d.added.map((p) => p.code)).toEqual(['4']);
		expect(d.changed.map((c) => [c.after.code, c.fields])).toEqual([['2', ['fee']]]);
		expect(d.removed.map((p) => p.code)).toEqual(['3']);
		expect(d.unchanged).toBe(1);
	});

	it('names every changed field, arrays compared by value', () => {
		const d = diffCatalogue(
			[proc('1')],
			[proc('1', { levels: ['xa', 'tinh'], channels: ['truc_tiep'], name: 'Mới' })]
		);
		expect(d.changed[0].fields).toEqual(['name', 'levels']);
	});

	it("names a center's details when they change: a new document, a moved counter", () => {
		const before = proc('1', { documents: ['Tờ khai'], counter: '3' });
		const d = diffCatalogue(
			[before],
			[proc('1', { documents: ['Tờ khai', 'Giấy chứng sinh'], counter: '4' })]
		);
		expect(d.changed[0].fields).toEqual(['documents', 'counter']);
		expect(
			diffCatalogue([before], [proc('1', { documents: ['Tờ khai'], counter: '3' })]).unchanged
		).toBe(1);
	});

	it('sees nothing to do when the same catalogue comes again', () => {
		const d = diffCatalogue([proc('1'), proc('2')], [proc('2'), proc('1')]);
		expect(d).toEqual({ added: [], changed: [], removed: [], unchanged: 2 });
	});
});

describe('the typed confirmation of a mass abolish', () => {
	it('is needed past a tenth of the active catalogue, and not at it', () => {
		expect(needsAbolishConfirmation(2641, 2643)).toBe(true);
		expect(needsAbolishConfirmation(11, 100)).toBe(true);
		expect(needsAbolishConfirmation(10, 100)).toBe(false);
		expect(needsAbolishConfirmation(0, 0)).toBe(false);
		expect(needsAbolishConfirmation(1, 0)).toBe(true);
	});

	it('takes the number as people write it, and nothing else', () => {
		expect(confirmsAbolish('2.641', 2641)).toBe(true);
		expect(confirmsAbolish(' 2 641 ', 2641)).toBe(true);
		expect(confirmsAbolish('2641', 2641)).toBe(true);
		expect(confirmsAbolish('2640', 2641)).toBe(false);
		expect(confirmsAbolish('', 2641)).toBe(false);
		expect(confirmsAbolish('có', 2641)).toBe(false);
		expect(confirmsAbolish('-2641', 2641)).toBe(false);
	});
});
