// Test support: a rating as a counter tablet makes it, with whatever a test changes.
import { randomUUID } from 'node:crypto';
import type { RatingInput } from '$lib/schemas/sync';

export function rating(over: Partial<RatingInput> = {}): RatingInput {
	return {
		id: randomUUID(),
		level: 'hai_long',
		scale: 3,
		reasons: [],
		comment: '',
		ticket: null,
		dossier: null,
		counter: '3',
		field: 'Hộ tịch',
		ratedAt: Date.parse('2026-11-23T02:00:00Z'),
		clockOffsetMs: 0,
		...over
	};
}
