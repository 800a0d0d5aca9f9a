// The kiosk's words about the center's posted list (danh mục niêm yết), Vietnamese first.
import type { Messages } from './index.svelte';

type Key =
	| 'seeAll'
	| 'seeAllHint'
	| 'postedOnly'
	| 'postedOnlyHint'
	| 'counter'
	| 'notPosted'
	| 'allProcedures'
	| 'pinned';

export const postedMessages: Messages<Key> = {
	vi: {
		seeAll: 'Xem tất cả thủ tục',
		seeAllHint: '{n} thủ tục của mọi cấp, kể cả thủ tục trung tâm không tiếp nhận',
		postedOnly: 'Thủ tục tiếp nhận tại trung tâm',
		postedOnlyHint: 'Trở về danh mục niêm yết của trung tâm',
		counter: 'Quầy {counter}',
		notPosted:
			'Trung tâm không tiếp nhận thủ tục này. Ông/bà có thể nộp trực tuyến hoặc hỏi cán bộ nơi tiếp nhận.',
		allProcedures: 'Tất cả thủ tục (mọi cấp)',
		pinned: 'Lĩnh vực thường dùng'
	},
	en: {
		seeAll: 'See all procedures',
		seeAllHint: '{n} procedures of every level, including those this center does not receive',
		postedOnly: 'Procedures received at this center',
		postedOnlyHint: 'Back to the center’s posted list',
		counter: 'Counter {counter}',
		notPosted:
			'This center does not receive this procedure. You may apply online or ask staff where to submit it.',
		allProcedures: 'All procedures (every level)',
		pinned: 'Common fields'
	}
};

/** "Quầy 3" from "3", but "Quầy 3" or "Bàn tiếp dân" as written: staff type the counter either way. */
export function counterLabel(counter: string, template: string): string {
	return /^\d+[A-Za-z]?$/.test(counter) ? template.replace('{counter}', counter) : counter;
}
