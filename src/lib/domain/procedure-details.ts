// What a procedure page tells a citizen beyond the national catalogue: the counter that takes the dossier and what
// is read aloud. Pure and free of zod, so the kiosk's bundle can use it.

/** The parts of a procedure these functions read; older devices' stored copies may lack the details. */
export interface Detailed {
	name: string;
	field: string;
	fee: string;
	documents?: readonly string[];
	counter?: string;
}

/**
 * The counter (quầy) that takes this procedure's dossiers, or '' when nobody said. Every page asks here, so that a
 * counter set per field on the center's posted list can later answer for procedures whose own row names none.
 */
export function counterFor(
	procedure: Pick<Detailed, 'counter' | 'field'>,
	fieldCounters: Record<string, string> = {}
): string {
	// The procedure's own counter (from the catalogue file) wins over the one the center set for its whole field.
	return procedure.counter?.trim() || fieldCounters[procedure.field]?.trim() || '';
}

/** A catalogue text as shown: '' where the portal wrote that it has nothing ("Không có thông tin"), so pages hide it. */
export function published(text: string): string {
	const t = text.trim();
	return /^(không có thông tin|chưa có thông tin)\.?$/iu.test(t) ? '' : t;
}

/** Whether a counter is a number ("3", "3A"), said as "quầy số 3"; a named one is said "quầy Hộ tịch". */
export const numberedCounter = (counter: string) => /^\d/.test(counter);

/** "Nộp tại quầy số 3" for a number, "Nộp tại quầy Hộ tịch" for a name; '' without a counter. */
export function counterLabel(counter: string): string {
	if (!counter) return '';
	return numberedCounter(counter) ? `Nộp tại quầy số ${counter}` : `Nộp tại quầy ${counter}`;
}

/**
 * A counter cell as people write it ("Quầy số 3", "quầy 3", "3") is kept as what follows the word, so the page can
 * say "quầy số 3" once; a named counter ("Quầy Hộ tịch") keeps its name.
 */
export function normaliseCounter(cell: string): string {
	const text = cell.replace(/\s+/g, ' ').trim();
	const numbered = /^qu[ầâa]y\s*(?:s[ốôo]\s*)?(?=\d)/iu.exec(text);
	if (numbered) return text.slice(numbered[0].length).trim();
	const named = /^qu[ầâa]y\s+(?=\S)/iu.exec(text);
	return named ? text.slice(named[0].length) : text;
}

/** A multi-line cell as a list: one item per line, bullets and numbering dropped (the page numbers the steps). */
export function lines(cell: string): string[] {
	return cell
		.split(/\n/)
		.map((l) =>
			l
				.replace(/[\t ]+/g, ' ')
				.trim()
				.replace(/^(?:[-–•+*·]\s*|(?:\d{1,2}[.)]|[a-zđ]\))\s+)/u, '')
				.trim()
		)
		.filter(Boolean);
}

/**
 * What "Đọc to" says, in Vietnamese and in the order a citizen needs it: the name, how long, how much, where, what to
 * bring. `time` is the processing time as shown on the page. Parts with nothing to say are left out.
 */
export function readAloudText(
	procedure: Detailed,
	time: string,
	fieldCounters: Record<string, string> = {}
): string {
	const counter = counterLabel(counterFor(procedure, fieldCounters));
	const documents = procedure.documents ?? [];
	const parts = [
		`${procedure.name}.`,
		time && `Thời hạn giải quyết: ${time}.`,
		published(procedure.fee) && `Phí, lệ phí: ${published(procedure.fee)}.`,
		counter && `${counter}.`,
		documents.length > 0 &&
			`Hồ sơ cần mang: ${documents.map((d, i) => `${i + 1}. ${d.replace(/[.;:,]+$/, '')}`).join('; ')}.`
	];
	return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}
