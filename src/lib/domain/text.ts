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

// Dashes people and spreadsheets type for a hyphen: U+2010–U+2015, minus, small and full-width hyphen-minus.
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Invisible characters a copy from a web page or a Word file carries along.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The key an identifier (ticket, dossier or procedure code) is compared by: `HSX-77`, `hsx-77`, full-width
 * `ＨＳＸ－７７` and `HSX‐77` (U+2010) are one code. NFKC folds full-width and compatibility forms, every dash
 * becomes `-`, invisible characters go, spaces collapse, and letters are upper-cased (codes are written upper case).
 */
export function identifier(text: string): string {
	return text
		.normalize('NFKC')
		.replace(INVISIBLE, '')
		.replace(DASHES, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.toUpperCase();
}
