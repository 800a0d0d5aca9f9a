// Text folding for search: Vietnamese without diacritics, lower case, NFC and NFD alike (đ folds to d).

const COMBINING = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9.]+/g;

/** Folds text for comparison: `Đăng ký` and its decomposed form both become `dang ky`. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(COMBINING, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(NON_WORD, ' ')
		.trim();
}

/** Folded words of a text; dots stay inside codes (`1.001193`) but are dropped at word edges. */
export function words(text: string): string[] {
	return fold(text)
		.split(' ')
		.map((w) => w.replace(/^\.+|\.+$/g, ''))
		.filter((w) => w.length > 0);
}

/** Every stored or displayed Vietnamese string goes through NFC first. */
export function nfc(text: string): string {
	return text.normalize('NFC');
}
