// The odd values of the fuzz test (tests/fuzz.spec.ts): text with control characters and odd Unicode, huge numbers,
// bytes that are not UTF-8, and JSON number literals no JavaScript value prints. Pure: no I/O.
import fc from 'fast-check';

/** C0 and C1 controls, separators, the BOM, bidi overrides, zero widths, and lone surrogates (sent as WTF-8 bytes). */
const CONTROLS = [
	'\u0000',
	'\u0001',
	'\u0008',
	'\u000b',
	'\u001b',
	'\u007f',
	'\u0085',
	'\u009f',
	'\u2028',
	'\u2029',
	'\ufeff',
	'\u202e',
	'\u200b',
	'\ud800',
	'\udfff',
	'\r',
	'\n',
	'\t'
];

/** Characters the encoder (utf8Loose) turns into bytes that are not UTF-8 at all: a lone 0xFF, an overlong NUL, a stray continuation. */
export const BAD_BYTE: Record<string, number[]> = {
	'\ue0ff': [0xff],
	'\ue0c0': [0xc0, 0x80],
	'\ue080': [0x80],
	'\ue0e2': [0xe2, 0x82]
};

/** Numbers as people and scripts type them: huge, negative zero, not a number, grouped, full-width, Arabic-Indic. */
export const NUMBER_TEXTS = [
	'1e9',
	'1000000000',
	'1e308',
	'-1e308',
	'1e400',
	'-0',
	'NaN',
	'Infinity',
	'-Infinity',
	'9007199254740993',
	'2147483648',
	'-2147483649',
	'0x1F',
	'１２３',
	'١٢٣',
	'1.894.000',
	'1,5',
	'92,5',
	' 7 ',
	'+5',
	'-1',
	'.5',
	'5.',
	'0000000000000000000000001',
	'9'.repeat(400)
];

/** Letters that change length or meaning when folded, RTL text, combining marks, emoji, and long strings. */
const UNICODE = [
	'ＨＳＸ－７７',
	'HSX‐77',
	'hsx-77',
	'ﬃ',
	'İ',
	'ß',
	'ΐ',
	'\u0345',
	'Ǆ',
	'\u202eالمركز',
	'שלום',
	'Tie\u0302\u0301ng Vie\u0323\u0302t',
	'e' + '\u0301'.repeat(300),
	'👩‍👩‍👧‍👦',
	'🇻🇳',
	'\u3000',
	'\u00a0',
	'\u200d',
	'ｘ'.repeat(40),
	'x'.repeat(10_000),
	'ệ'.repeat(4_000),
	'🙂'.repeat(2_600),
	'a,b;"c"\r\nd',
	'=HYPERLINK("http://x")',
	"' OR 1=1 --",
	'<script>alert(1)</script>',
	'../../../../etc/passwd',
	'%00',
	'%',
	'${7*7}',
	'__proto__',
	'constructor',
	'null',
	'',
	' '
];

/** Epoch-scale and 32/64-bit edges, as JavaScript numbers (JSON prints each as it is). */
const NUMBERS = [
	1e9,
	1e9 + 1,
	2 ** 31,
	2 ** 31 - 1,
	-(2 ** 31) - 1,
	2 ** 53 + 2,
	1e308,
	-1e308,
	Number.MIN_VALUE,
	-0,
	0.5,
	-1,
	1e21,
	4_102_444_800_001,
	3_600_000.5
];

/** JSON number literals no JavaScript value prints: out of double range, beyond 2^53, and NaN/Infinity (not JSON at all). */
const RAW_NUMBERS = [
	'1e400',
	'-1e400',
	'9007199254740993',
	'123456789012345678901234567890',
	'-0.0',
	'1E+9',
	'1e-400',
	'0.1e1',
	'NaN',
	'Infinity',
	'-Infinity',
	'01'
];

/** A JSON literal written into a body as it is (see toJson). */
export class RawJson {
	constructor(readonly literal: string) {}
}

const special = fc.constantFrom(...CONTROLS, ...Object.keys(BAD_BYTE), ...NUMBER_TEXTS, ...UNICODE);
const piece = fc.oneof(
	{ weight: 5, arbitrary: special },
	{ weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }
);

/** Text as a hostile or careless client sends it: a few odd pieces, often around ordinary words. */
export const oddText: fc.Arbitrary<string> = fc
	.tuple(
		fc.constantFrom('', '', 'Hộ tịch', 'Quầy 1', 'HS-2026-', '1.000178', 'abc'),
		fc.array(piece, { minLength: 1, maxLength: 3 })
	)
	.map(([word, parts]) => word + parts.join(''));

/** A number-ish value: numbers at the edges, as numbers, as raw literals and as text. */
export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(...NUMBERS),
	fc.constantFrom(...RAW_NUMBERS).map((n) => new RawJson(n)),
	fc.constantFrom(...NUMBER_TEXTS),
	fc.double(),
	fc.integer()
);

/** Any odd JSON value for one field of a valid-shaped body. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: oddText },
	{ weight: 3, arbitrary: oddNumber },
	{ weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
	{ weight: 1, arbitrary: fc.array(oddText, { maxLength: 3 }) }
);

/** A lone surrogate, or a BAD_BYTE character: text that Buffer.from(text, 'utf8') would not write as meant. */
const NOT_PLAIN_UTF8 = new RegExp(
	`[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]|[${Object.keys(BAD_BYTE).join('')}]`
);

/** Bytes of a string: UTF-8, except lone surrogates as WTF-8 (ED A0 80) and BAD_BYTE characters as their bytes. */
export function utf8Loose(text: string): Buffer {
	if (!NOT_PLAIN_UTF8.test(text)) return Buffer.from(text, 'utf8');
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		const bad = BAD_BYTE[text[i]];
		if (bad) out.push(...bad);
		else if (
			unit >= 0xd800 &&
			unit <= 0xdbff &&
			i + 1 < text.length &&
			(text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
		) {
			out.push(...Buffer.from(text.slice(i, i + 2), 'utf8'));
			i++;
		} else if (unit >= 0xd800 && unit <= 0xdfff)
			out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
		else out.push(...Buffer.from(text[i], 'utf8'));
	}
	return Buffer.from(out);
}

/** Percent-encoding of utf8Loose bytes: every byte outside the unreserved set as %XX. */
export function percentEncode(text: string): string {
	if (!NOT_PLAIN_UTF8.test(text)) return encodeURIComponent(text);
	let out = '';
	for (const byte of utf8Loose(text))
		out += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
			? String.fromCharCode(byte)
			: '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	return out;
}

/** Percent-encoding gone wrong, as a broken client or a hand-typed URL has it. */
export const badPercent = fc.constantFrom(
	'%',
	'%zz',
	'%E0%A4%A',
	'%C3',
	'%ED%A0%80',
	'%FF',
	'%C0%80',
	'%00',
	'%25%',
	'%%',
	'%u00e9',
	'%2e%2e%2f',
	'%0d%0a',
	'%F4%90%80%80'
);

/** JSON text of a value with RawJson literals written as they are (so `1e400` and `NaN` reach the server). */
export function toJson(value: unknown): string {
	const raws: string[] = [];
	const text = JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof RawJson) {
			raws.push(v.literal);
			return `\ue000RAW${raws.length - 1}\ue000`;
		}
		return v;
	});
	return (text ?? 'null').replace(/"\ue000RAW(\d+)\ue000"/g, (_m, i: string) => raws[Number(i)]);
}
