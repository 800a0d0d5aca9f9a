// Test support: Word's XML read back as a reader sees it (paragraph texts, table cells), nothing of our own code, for
// the tests of the center's and the city's DOCX (docx.test.ts, city.test.ts).

const decode = (s: string) =>
	s
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&apos;', "'")
		.replaceAll('&amp;', '&');

/** The text of every w:t inside `xml`, joined, entities decoded. */
export const textOf = (xml: string) =>
	decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/** Every element `tag` in `xml`, whole. Matched lazily: a table inside a table would be cut short, and ours have none. */
export const all = (xml: string, tag: string) =>
	[...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'))].map((m) => m[0]);

/** Each table's rows of cell texts; a cell merged down from above reads as ''. */
export const tables = (xml: string) =>
	all(xml, 'w:tbl').map((t) => all(t, 'w:tr').map((tr) => all(tr, 'w:tc').map(textOf)));
