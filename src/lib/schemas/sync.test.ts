import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseRating, ratingSchema, REASONS, RATING_LEVELS } from './sync';
import { COMMENT_MAX } from './sync-values';

const text = (n: number, c = 'A') => c.repeat(n);
/** Mostly what a device sends as it is; now and then a value the schema changes or refuses, at and past each limit. */
const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
	fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: odd });
const field = {
	id: sometimes(
		fc.uuid({ version: 7 }),
		fc.oneof(
			fc.uuid().map((u) => u.toUpperCase()),
			fc.constantFrom(
				'00000000-0000-0000-0000-000000000000',
				'ffffffff-ffff-ffff-ffff-ffffffffffff',
				'0190f3a4-7b2c-9abc-8def-0123456789ab',
				'not-a-uuid',
				''
			),
			fc.string(),
			fc.integer()
		)
	),
	level: sometimes(fc.constantFrom(...RATING_LEVELS), fc.constantFrom('HAI_LONG', '', null)),
	scale: sometimes(fc.constantFrom(3, 4, 5), fc.constantFrom(2, 6, '3', 3.5, null)),
	reasons: sometimes(
		fc.uniqueArray(fc.constantFrom(...REASONS)),
		fc.oneof(fc.array(fc.constantFrom(...REASONS, 'khac ', 'KHAC')), fc.constant('thai_do'))
	),
	comment: sometimes(
		fc.constantFrom('', 'Chờ lâu quá', 'dòng 1\ndòng 2\tcột', text(COMMENT_MAX, 'ờ')),
		fc.oneof(
			fc.constantFrom(
				'Chờ lâu quá'.normalize('NFD'),
				' chờ ',
				'chờ\u0000',
				'x\uD83D',
				'\u2028',
				text(COMMENT_MAX + 1),
				` ${text(COMMENT_MAX - 1)}`,
				null
			),
			fc.string({ unit: 'binary' })
		)
	),
	ticket: sometimes(
		fc.constantFrom(null, 'A0001', 'HSX-77', 'A 1', text(20)),
		fc.oneof(
			fc.constantFrom(
				'a0001',
				'ＨＳＸ－７７',
				'HSX‐77',
				'A  1',
				' A1',
				'A\u200B1',
				'',
				text(21),
				'A\t1'
			),
			fc.string({ unit: 'binary', maxLength: 25 })
		)
	),
	dossier: sometimes(
		fc.constantFrom(null, 'H12.3-261123-0001', text(40)),
		fc.oneof(
			fc.constantFrom('h12.3-261123-0001', text(41), '\u00AD', ''),
			fc.string({ maxLength: 45 })
		)
	),
	counter: sometimes(
		fc.constantFrom(null, '3', 'Quầy 3', text(40)),
		fc.oneof(
			fc.constantFrom(' 3', '', 'Quầy 3'.normalize('NFD'), text(41), 'a\nb'),
			fc.string({ unit: 'binary', maxLength: 45 })
		)
	),
	field: sometimes(
		fc.constantFrom(null, 'Hộ tịch', text(200)),
		fc.oneof(
			fc.constantFrom('Hộ tịch'.normalize('NFD'), 'Hộ tịch ', text(201)),
			fc.string({ maxLength: 10 })
		)
	),
	ratedAt: sometimes(
		fc.integer({ min: 0, max: 4_102_444_800_000 }),
		fc.constantFrom(-1, 4_102_444_800_001, 1.5, '1', null)
	),
	clockOffsetMs: sometimes(
		fc.oneof(fc.constant(null), fc.integer({ min: -1e11, max: 1e11 })),
		fc.constantFrom(1e11 + 1, -1e11 - 1, 0.5, '0')
	)
};

/** A rating of such values, now and then with a field missing or one too many, and now and then anything at all. */
const item = fc.oneof(
	{ weight: 20, arbitrary: fc.record(field) },
	{ weight: 2, arbitrary: fc.record({ ...field, extra: fc.string() }) },
	{ weight: 2, arbitrary: fc.record(field, { requiredKeys: [] }) },
	{ weight: 1, arbitrary: fc.anything() }
);

describe('the quick rating check', () => {
	it('answers every item exactly as the schema does, accepted or refused', () => {
		let accepted = 0;
		fc.assert(
			fc.property(item, (it) => {
				const quick = parseRating(it);
				const full = ratingSchema.safeParse(it);
				expect(quick.success).toBe(full.success);
				if (quick.success) expect(quick.data).toEqual(full.data);
				else expect(quick.error.issues).toEqual(full.error?.issues);
				if (quick.success) accepted++;
			}),
			{ seed: 20261203, numRuns: 5000 }
		);
		// Both sides of the question asked often enough to mean something.
		expect(accepted).toBeGreaterThan(1000);
		expect(accepted).toBeLessThan(4000);
	});

	it('takes a device’s usual rating without the schema, and a changed or bad one through it', () => {
		const spy = vi.spyOn(ratingSchema, 'safeParse');
		const usual = {
			id: '0190f3a4-7b2c-7abc-8def-0123456789ab',
			level: 'khong_hai_long',
			scale: 3,
			reasons: ['thoi_gian_cho'],
			comment: 'Chờ lâu quá',
			ticket: 'A0001',
			dossier: null,
			counter: '3',
			field: 'Hộ tịch',
			ratedAt: Date.parse('2026-11-23T02:00:00Z'),
			clockOffsetMs: 0
		};
		expect(parseRating(usual)).toEqual({ success: true, data: usual });
		expect(spy).not.toHaveBeenCalled();
		expect(parseRating({ ...usual, ticket: 'a0001' })).toMatchObject({
			success: true,
			data: { ticket: 'A0001' }
		});
		expect(
			parseRating({ ...usual, reasons: ['thai_do', 'thai_do'] }).error?.issues[0].message
		).toBe('Lý do bị lặp');
		expect(spy).toHaveBeenCalledTimes(2);
		spy.mockRestore();
	});
});
