import { describe, expect, it } from 'vitest';
import type { OutboxRow } from './db';
import { outboxFile, outboxRatings } from './outbox-file';

const row = (id: string, state: OutboxRow['state']): OutboxRow => ({
	id,
	level: 'hai_long',
	scale: 3,
	reasons: [],
	comment: '',
	ticket: 'A12',
	dossier: null,
	counter: '3',
	field: 'Hộ tịch',
	ratedAt: 1_780_000_000_000,
	clockOffsetMs: 12,
	state,
	createdAt: 1_780_000_000_001,
	syncedAt: null,
	refusal: state === 'refused' ? 'Mức đánh giá không hợp lệ' : null
});

describe('outbox file', () => {
	it('carries the ratings as they are sent, without the outbox’s bookkeeping, and reads back the same', () => {
		const file = outboxFile([row('a', 'pending'), row('b', 'refused')], 'dev-1', 42);
		expect(file).toMatchObject({
			format: 'sanhso-outbox',
			version: 1,
			deviceId: 'dev-1',
			exportedAt: 42
		});
		expect(file.ratings[0]).not.toHaveProperty('state');
		expect(file.ratings[1]).not.toHaveProperty('refusal');
		const back = outboxRatings(JSON.parse(JSON.stringify(file)));
		expect(back?.map((r) => [r.id, r.ticket, r.field])).toEqual([
			['a', 'A12', 'Hộ tịch'],
			['b', 'A12', 'Hộ tịch']
		]);
	});

	it('refuses what is not an outbox file: another format, another version, a rating without an id', () => {
		const good = outboxFile([row('a', 'pending')], null, 1);
		expect(outboxRatings(null)).toBeNull();
		expect(outboxRatings([])).toBeNull();
		expect(outboxRatings({ ...good, format: 'other' })).toBeNull();
		expect(outboxRatings({ ...good, version: 2 })).toBeNull();
		expect(outboxRatings({ ...good, ratings: [{ level: 'hai_long', ratedAt: 1 }] })).toBeNull();
		expect(outboxRatings({ ...good, ratings: [] })).toEqual([]);
	});
});
