// Text from devices, forms and files: what the schemas refuse before anything reaches the database.
// PostgreSQL cannot store U+0000 in text (the whole statement fails), and other control characters, lone
// surrogates and non-characters are never meant: each makes its item refused alone with a message, never a 500.
import { z } from 'zod';

// C0 controls except tab and line breaks, DEL, C1 controls, line/paragraph separators, non-characters, lone surrogates.
const MULTILINE_BAD =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The same, and no tab or line break either: names, codes, fields.
const ONE_LINE_BAD = new RegExp(`[\\t\\n\\r]|${MULTILINE_BAD.source}`);

/** Whether a text has a character no person means to type (tab and line breaks allowed when `multiline`). */
export function hasControlCharacters(text: string, multiline = false): boolean {
	return (multiline ? MULTILINE_BAD : ONE_LINE_BAD).test(text);
}

/** The Vietnamese message for such a text, naming what it was. */
export const controlMessage = (what: string) =>
	`${what} chứa ký tự điều khiển hoặc ký tự không hợp lệ`;

/** A string schema that refuses control characters; chain trim/min/max/transform after it as usual. */
export const cleanString = (what: string, { multiline = false } = {}) =>
	z.string().refine((s) => !hasControlCharacters(s, multiline), controlMessage(what));
