// The on-screen keyboard's words, shared by the kiosk (either language), the rating tablet and the staff panel.
import type { Messages } from './index.svelte';
import type { Tone } from '$lib/domain/telex';

type Key =
	| 'keyboard'
	| 'space'
	| 'backspace'
	| 'clear'
	| 'telex'
	| 'on'
	| 'off'
	| 'tones'
	| 'tone'
	| 'marks'
	| 'hint';

/** The words of one language. */
export type KeyboardWords = Record<Key, string>;

export const keyboardMessages: Messages<Key> = {
	vi: {
		keyboard: 'Bàn phím',
		space: 'Dấu cách',
		backspace: 'Xoá',
		clear: 'Xoá hết',
		telex: 'Gõ Telex',
		on: 'Bật',
		off: 'Tắt',
		tones: 'Dấu thanh',
		tone: 'Dấu',
		marks: 'Chữ có dấu',
		hint: 'Gõ chữ trước, rồi chạm dấu'
	},
	en: {
		keyboard: 'Keyboard',
		space: 'Space',
		backspace: 'Delete',
		clear: 'Clear',
		telex: 'Telex typing',
		on: 'On',
		off: 'Off',
		tones: 'Tone marks',
		tone: 'Tone',
		marks: 'Accented letters',
		hint: 'Type the letters, then tap a mark'
	}
};

/** The five tones in the order Vietnamese learners recite them: an example letter and the tone's own name. */
export const TONES: { key: Tone; example: string; name: string }[] = [
	{ key: 's', example: 'á', name: 'sắc' },
	{ key: 'f', example: 'à', name: 'huyền' },
	{ key: 'r', example: 'ả', name: 'hỏi' },
	{ key: 'x', example: 'ã', name: 'ngã' },
	{ key: 'j', example: 'ạ', name: 'nặng' }
];
