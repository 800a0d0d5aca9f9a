import { describe, expect, it } from 'vitest';
import { targetFor, targetRules, type TargetRule } from './targets';

const RULES: TargetRule[] = [
	{ match: 'Đất đai', target: 90 },
	{ match: 'Xây dựng', target: 90 },
	{ match: 'Đầu tư', target: 88 }
];

describe('targetFor', () => {
	it('a field named by a rule takes that rule’s target', () => {
		expect(targetFor('Đất đai', 95, RULES)).toBe(90);
		expect(targetFor('Đầu tư tại Việt Nam', 95, RULES)).toBe(88);
	});

	it('matches as a substring, without accents or case', () => {
		expect(targetFor('Lĩnh vực đất đai - đo đạc', 95, RULES)).toBe(90);
		expect(targetFor('XAY DUNG', 95, RULES)).toBe(90);
	});

	it('matches NFD text the same as NFC', () => {
		expect(targetFor('Đất đai'.normalize('NFD'), 95, RULES)).toBe(90);
	});

	it('a field no rule names takes the overall target', () => {
		expect(targetFor('Hộ tịch', 95, RULES)).toBe(95);
		expect(targetFor('Hộ tịch', 97, [])).toBe(97);
	});

	it('the first matching rule wins', () => {
		expect(
			targetFor('Đất đai', 95, [
				{ match: 'dat', target: 80 },
				{ match: 'Đất đai', target: 90 }
			])
		).toBe(80);
	});

	it('an empty rule matches nothing', () => {
		expect(targetFor('Hộ tịch', 95, [{ match: '  ', target: 50 }])).toBe(95);
	});
});

describe('targetRules', () => {
	it('keeps well-formed rules as stored and skips what an edit by hand broke', () => {
		expect(
			targetRules([
				{ match: 'Đất đai', target: 90 },
				{ match: 'Xây dựng' },
				{ match: 3, target: 90 },
				null,
				{ match: 'Đầu tư', target: 92.5 }
			])
		).toEqual([
			{ match: 'Đất đai', target: 90 },
			{ match: 'Đầu tư', target: 92.5 }
		]);
		expect(targetRules({ match: 'Đất đai', target: 90 })).toEqual([]);
		expect(targetRules(null)).toEqual([]);
	});
});
