// Telex: how Vietnamese is typed on a keyboard of plain letters, used by the kiosk's and tablet's on-screen keyboard.
// Each key acts on the last syllable of the text: s f r x j put a tone (z takes it off), aa ee oo dd and w put a
// mark (â ê ô đ ă ơ ư, "uow" → ươ), and the tone moves to the right vowel as the syllable grows. Typing a key twice
// takes its effect back and types the letter ("ss" → "s"), as every Telex keyboard does.
// Tones are placed the modern way (hoà, thuỷ, khoẻ); search folds accents, so either spelling finds the same.

/** The five tones as combining marks, by their Telex key. */
const TONE_KEYS: Record<string, string> = {
	s: '\u0301',
	f: '\u0300',
	r: '\u0309',
	x: '\u0303',
	j: '\u0323'
};
const TONE_MARKS = new Set(Object.values(TONE_KEYS));

/** Base vowels as the tone sees them (marks already applied: â ă ê ô ơ ư are letters of their own). */
const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED = new Set([...'ăâêôơư']);
const HAT: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' };
const UNHAT: Record<string, string> = { â: 'a', ê: 'e', ô: 'o' };
const HORN: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' };
const UNHORN: Record<string, string> = { ă: 'a', ơ: 'o', ư: 'u' };

/** One letter of a syllable: its base (lower case, marks kept, tone removed), whether it was upper case, and its tone. */
interface Letter {
	base: string;
	upper: boolean;
	tone: string | null;
}

const LETTER = /[\p{L}]/u;

function toLetters(syllable: string): Letter[] {
	return [...syllable.normalize('NFC')].map((ch) => {
		const decomposed = ch.normalize('NFD');
		const tone = [...decomposed].find((c) => TONE_MARKS.has(c)) ?? null;
		const base = [...decomposed]
			.filter((c) => !TONE_MARKS.has(c))
			.join('')
			.normalize('NFC');
		const lower = base.toLowerCase();
		return { base: lower, upper: lower !== base, tone };
	});
}

function fromLetters(letters: Letter[]): string {
	return letters
		.map((l) => {
			const text = (l.tone ? l.base + l.tone : l.base).normalize('NFC');
			return l.upper ? text.toUpperCase() : text;
		})
		.join('');
}

/** Indexes of the syllable's vowel nucleus: `qu` and `gi` before another vowel are consonants (quả, giá; but gì). */
function nucleus(letters: Letter[]): number[] {
	const start = letters.findIndex((l) => VOWELS.has(l.base));
	if (start < 0) return [];
	let end = start;
	while (end + 1 < letters.length && VOWELS.has(letters[end + 1].base)) end++;
	let first = start;
	const prev = letters[start - 1]?.base;
	const hasMore = end > start;
	if (
		hasMore &&
		((prev === 'q' && letters[start].base === 'u') || (prev === 'g' && letters[start].base === 'i'))
	)
		first++;
	return Array.from({ length: end - first + 1 }, (_, i) => first + i);
}

/** Where the tone goes in a syllable, or -1 when it has no vowel. */
function tonePosition(letters: Letter[]): number {
	const vowels = nucleus(letters);
	if (vowels.length === 0) return -1;
	const bases = vowels.map((i) => letters[i].base).join('');
	// A marked vowel carries it; in ươ the ơ does.
	const horned = bases.indexOf('ươ');
	if (horned >= 0) return vowels[horned + 1];
	const marked = vowels.filter((i) => MARKED.has(letters[i].base));
	if (marked.length > 0) return marked[marked.length - 1];
	const closed = vowels[vowels.length - 1] < letters.length - 1;
	if (closed) return vowels[vowels.length - 1];
	if (vowels.length >= 3) return vowels[1];
	if (vowels.length === 2) return ['oa', 'oe', 'uy'].includes(bases) ? vowels[1] : vowels[0];
	return vowels[0];
}

/**
 * "ưo" or "uơ" with a letter after it is always "ươ" (đường, người, hươu): common Telex keyboards complete the second
 * horn, so "dduwongf" gives "đường" as well as "dduwowngf". Without a letter after it, "uơ" is a word (huơ, thuở).
 */
function completeHorn(letters: Letter[]): Letter[] {
	const vowels = nucleus(letters);
	for (let j = 0; j + 1 < vowels.length; j++) {
		const [u, o] = [vowels[j], vowels[j + 1]];
		const pair = letters[u].base + letters[o].base;
		if ((pair === 'ưo' || pair === 'uơ') && o < letters.length - 1) {
			return letters.map((l, n) =>
				n === u ? { ...l, base: 'ư' } : n === o ? { ...l, base: 'ơ' } : l
			);
		}
	}
	return letters;
}

/** Moves the syllable's tone (wherever it is) onto the vowel that should carry it. */
function placeTone(letters: Letter[]): Letter[] {
	const tone = letters.find((l) => l.tone)?.tone ?? null;
	if (!tone) return letters;
	const at = tonePosition(letters);
	return letters.map((l, i) => ({ ...l, tone: i === at ? tone : null }));
}

const withCase = (key: string, upper: boolean): Letter => ({
	base: key.toLowerCase(),
	upper,
	tone: null
});

/** The syllable after one key, or null when the key is just a letter to append. */
function applyKey(letters: Letter[], key: string): Letter[] | null {
	const k = key.toLowerCase();
	const upper = key !== k;
	const vowels = nucleus(letters);

	if (k in TONE_KEYS && vowels.length > 0) {
		const tone = TONE_KEYS[k];
		const current = letters.find((l) => l.tone)?.tone ?? null;
		const bare = letters.map((l) => ({ ...l, tone: null }));
		if (current === tone) return [...bare, withCase(key, upper)]; // "ss" → "s"
		const at = tonePosition(bare);
		return bare.map((l, i) => (i === at ? { ...l, tone } : l));
	}
	if (k === 'z' && letters.some((l) => l.tone)) return letters.map((l) => ({ ...l, tone: null }));

	if (k === 'd') {
		const first = letters[0];
		if (letters.length === 1 && first.base === 'd') return [{ ...first, base: 'đ' }];
		if (letters.length === 1 && first.base === 'đ')
			return [{ ...first, base: 'd' }, withCase(key, upper)];
		return null;
	}

	if (k in HAT) {
		// The last vowel of the same letter gets its hat (aa → â); a second time takes it off (aaa → aa).
		for (let j = vowels.length - 1; j >= 0; j--) {
			const i = vowels[j];
			const l = letters[i];
			if (l.base === k || UNHORN[l.base] === k)
				return placeTone(letters.map((x, n) => (n === i ? { ...x, base: HAT[k] } : x)));
			if (UNHAT[l.base] === k)
				return [...letters.map((x, n) => (n === i ? { ...x, base: k } : x)), withCase(key, upper)];
		}
		return null;
	}

	if (k === 'w') {
		if (vowels.length === 0)
			return letters.length === 0 || letters.every((l) => !VOWELS.has(l.base))
				? [...letters, withCase('ư', upper)]
				: null;
		const bases = vowels.map((i) => letters[i].base);
		// u and o side by side both take the horn (uow → ươ, and uwow too), unless both have it already.
		const uo = bases.findIndex(
			(b, j) =>
				(b === 'u' || b === 'ư') &&
				(bases[j + 1] === 'o' || bases[j + 1] === 'ơ') &&
				!(b === 'ư' && bases[j + 1] === 'ơ')
		);
		if (uo >= 0) {
			const [u, o] = [vowels[uo], vowels[uo + 1]];
			return placeTone(
				letters.map((x, n) => (n === u ? { ...x, base: 'ư' } : n === o ? { ...x, base: 'ơ' } : x))
			);
		}
		// A second w takes the horn back off and types the w.
		const horned = vowels.filter((i) => letters[i].base in UNHORN);
		if (horned.length > 0)
			return [
				...letters.map((x, n) => (horned.includes(n) ? { ...x, base: UNHORN[x.base] } : x)),
				withCase(key, upper)
			];
		for (let j = vowels.length - 1; j >= 0; j--) {
			const i = vowels[j];
			const l = letters[i];
			const horn = HORN[l.base] ?? HORN[UNHAT[l.base] ?? ''];
			if (horn) return placeTone(letters.map((x, n) => (n === i ? { ...x, base: horn } : x)));
		}
		return null;
	}
	return null;
}

/**
 * The text after typing `key` at its end. Only letters compose; anything else (space, digits, punctuation) is
 * appended as it is and ends the syllable.
 */
export function typeTelex(text: string, key: string): string {
	if (key.length !== 1 || !/[a-z]/i.test(key)) return text + key;
	const chars = [...text];
	let start = chars.length;
	while (start > 0 && LETTER.test(chars[start - 1])) start--;
	const before = chars.slice(0, start).join('');
	const letters = toLetters(chars.slice(start).join(''));
	const composed = applyKey(letters, key);
	if (composed) return before + fromLetters(composed);
	return (
		before +
		fromLetters(placeTone(completeHorn([...letters, withCase(key, key !== key.toLowerCase())])))
	);
}

/** Types a whole string key by key: what the keyboard produces for those taps. */
export function telex(keys: string, start = ''): string {
	return [...keys].reduce(typeTelex, start);
}

/** The text split before its last word, the one the tone and mark row act on. */
function lastWord(text: string): { before: string; letters: Letter[] } {
	const chars = [...text];
	let start = chars.length;
	while (start > 0 && LETTER.test(chars[start - 1])) start--;
	return {
		before: chars.slice(0, start).join(''),
		letters: toLetters(chars.slice(start).join(''))
	};
}

export type Tone = keyof typeof TONE_KEYS;
export type Mark = 'â' | 'ă' | 'ê' | 'ô' | 'ơ' | 'ư' | 'đ';

/** Puts a tone on the last syllable, in its right place; `null` takes it off. A word without a vowel is left alone. */
export function setTone(text: string, key: Tone | null): string {
	const { before, letters } = lastWord(text);
	const bare = letters.map((l) => ({ ...l, tone: null }));
	const at = tonePosition(bare);
	if (at < 0) return text;
	const toned = key ? bare.map((l, i) => (i === at ? { ...l, tone: TONE_KEYS[key] } : l)) : bare;
	return before + fromLetters(toned);
}

/** Changes the last matching letter of the last syllable to a marked one (â ă ê ô ơ ư) or đ; none there, no change. */
export function setMark(text: string, mark: Mark): string {
	return markLastWord(text, mark, false);
}

const plain = (b: string) => UNHAT[b] ?? UNHORN[b] ?? (b === 'đ' ? 'd' : b);

function markLastWord(text: string, mark: Mark, tap: boolean): string {
	const { before, letters } = lastWord(text);
	const target = plain(mark);
	for (let i = letters.length - 1; i >= 0; i--) {
		if (plain(letters[i].base) !== target) continue;
		// A second tap takes the mark back off, as a mistaken tap is undone.
		const base = tap && letters[i].base === mark ? target : mark;
		const changed = letters.map((l, n) => (n === i ? { ...l, base } : l));
		return before + fromLetters(placeTone(tap ? completeHorn(changed) : changed));
	}
	if (!tap) return text;
	return (
		before +
		fromLetters(placeTone(completeHorn([...letters, { base: mark, upper: false, tone: null }])))
	);
}

/**
 * A tap on the visible tone row, for people who do not know Telex: the tone goes on the last word, and the same tone
 * tapped again takes it off.
 */
export function tapTone(text: string, key: Tone): string {
	const toned = setTone(text, key);
	return toned === text ? setTone(text, null) : toned;
}

/**
 * A tap on the visible mark row: the last word's matching letter takes the mark ("cho" + ơ → "chơ", "nguoi" + ư →
 * "ngươi"), a second tap takes it off, and a word without that letter gets the marked letter typed at its end.
 */
export function tapMark(text: string, mark: Mark): string {
	return markLastWord(text, mark, true);
}
