import { describe, expect, it } from 'vitest';
import { checkCode, fieldIsPosted, restoreChoice, type SavedChoice } from './staff-choice';

// 10:00 on 2 December 2026 in Việt Nam (03:00 UTC).
const NOW = Date.UTC(2026, 11, 2, 3, 0);
const HOUR = 3_600_000;

const saved = (over: Partial<SavedChoice> = {}): SavedChoice => ({
	field: 'Đất đai',
	ticket: 'A12',
	dossier: null,
	codesAt: NOW - HOUR,
	notice: null,
	...over
});

describe('restoreChoice', () => {
	it('a device that never saved a choice starts with its own field and no code', () => {
		expect(
			restoreChoice(undefined, { now: NOW, defaultField: 'Hộ tịch', fieldPosted: null })
		).toEqual({
			choice: { field: 'Hộ tịch', ticket: null, dossier: null },
			codesAt: null,
			notice: null
		});
	});

	it('a choice made today, of a field still posted, comes back whole and says nothing', () => {
		const back = restoreChoice(saved({ dossier: 'HS-9' }), {
			now: NOW,
			defaultField: 'Hộ tịch',
			fieldPosted: true
		});
		expect(back.choice).toEqual({ field: 'Đất đai', ticket: 'A12', dossier: 'HS-9' });
		expect(back.codesAt).toBe(NOW - HOUR);
		expect(back.notice).toBeNull();
	});

	it('a field no longer posted falls back to the device’s own field, with a note naming both', () => {
		const back = restoreChoice(saved(), { now: NOW, defaultField: 'Hộ tịch', fieldPosted: false });
		expect(back.choice).toEqual({ field: 'Hộ tịch', ticket: 'A12', dossier: null });
		expect(back.notice).toContain('«Đất đai» không còn trong danh mục niêm yết');
		expect(back.notice).toContain('«Hộ tịch»');
	});

	it('with no field of its own, a field no longer posted leaves none and asks staff to choose again', () => {
		const back = restoreChoice(saved(), { now: NOW, defaultField: null, fieldPosted: false });
		expect(back.choice.field).toBeNull();
		expect(back.notice).toContain('hãy chọn lại lĩnh vực');
	});

	it('the device’s own field is never dropped, nor a field the device cannot check', () => {
		const own = restoreChoice(saved({ field: 'Hộ tịch' }), {
			now: NOW,
			defaultField: 'Hộ tịch',
			fieldPosted: false
		});
		expect(own.choice.field).toBe('Hộ tịch');
		expect(own.notice).toBeNull();
		const unknown = restoreChoice(saved(), { now: NOW, defaultField: null, fieldPosted: null });
		expect(unknown.choice.field).toBe('Đất đai');
		expect(unknown.notice).toBeNull();
	});

	it('a ticket and dossier keyed in on an earlier day (Việt Nam time) are dropped, with the day said', () => {
		// 23:30 on 1 December in Việt Nam: the same UTC date as NOW, a day earlier on the counter.
		const lastNight = Date.UTC(2026, 11, 1, 16, 30);
		const back = restoreChoice(saved({ dossier: 'HS-9', codesAt: lastNight }), {
			now: NOW,
			defaultField: 'Hộ tịch',
			fieldPosted: true
		});
		expect(back.choice).toEqual({ field: 'Đất đai', ticket: null, dossier: null });
		expect(back.codesAt).toBeNull();
		expect(back.notice).toContain('số phiếu «A12» và mã hồ sơ «HS-9»');
		expect(back.notice).toContain('01/12/2026');
	});

	it('just after midnight in Việt Nam a code keyed in at 00:05 is still today’s', () => {
		const justAfter = Date.UTC(2026, 11, 1, 17, 5);
		const back = restoreChoice(saved({ codesAt: justAfter }), {
			now: NOW,
			defaultField: null,
			fieldPosted: true
		});
		expect(back.choice.ticket).toBe('A12');
	});

	it('an unread note is kept, and a new one is added after it', () => {
		const back = restoreChoice(saved({ notice: 'Trước.', codesAt: NOW - 2 * 24 * HOUR }), {
			now: NOW,
			defaultField: null,
			fieldPosted: true
		});
		expect(back.notice?.startsWith('Trước. Đã bỏ số phiếu «A12»')).toBe(true);
	});

	it('a row saved before the codes’ time was kept keeps its codes', () => {
		const back = restoreChoice(
			{ field: null, ticket: 'B3', dossier: null },
			{ now: NOW, defaultField: 'Hộ tịch', fieldPosted: null }
		);
		expect(back.choice).toEqual({ field: null, ticket: 'B3', dossier: null });
		expect(back.notice).toBeNull();
	});
});

describe('fieldIsPosted', () => {
	const center = { id: 'c', name: 'UBND xã', level: 'xa' as const };
	const land = [
		{ code: '1.001', field: 'Đất đai', levels: ['tinh' as const] },
		{ code: '1.002', field: 'Đất đai', levels: ['xa' as const] }
	];

	it('follows the posted list when the catalogue has one', () => {
		const posted = { codes: ['1.001'], pins: [], counters: {} };
		expect(fieldIsPosted(land, { center, posted })).toBe(true);
		expect(fieldIsPosted(land, { center, posted: { ...posted, codes: ['9.999'] } })).toBe(false);
	});

	it('without a posted list, a field is posted when one of its procedures is at the center’s level', () => {
		expect(fieldIsPosted(land, { center })).toBe(true);
		expect(fieldIsPosted(land.slice(0, 1), { center })).toBe(false);
		expect(fieldIsPosted([], { center })).toBe(false);
	});
});

describe('checkCode', () => {
	it('keeps a code within the limit, upper-cased and trimmed; an empty one clears the choice', () => {
		expect(checkCode('ticket', ' a12 ')).toEqual({ code: 'A12' });
		expect(checkCode('dossier', 'x'.repeat(40))).toEqual({ code: 'X'.repeat(40) });
		expect(checkCode('ticket', '   ')).toEqual({ code: null });
	});
	it('refuses a ticket the server would refuse, before any rating carries it', () => {
		expect(checkCode('ticket', 'A'.repeat(21))).toEqual({ error: 'Số phiếu dài quá 20 ký tự.' });
		expect(checkCode('dossier', 'H'.repeat(41))).toEqual({ error: 'Mã hồ sơ dài quá 40 ký tự.' });
	});
});
