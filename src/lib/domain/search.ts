// Catalogue search: ranks procedures for what a citizen typed (code first, then word-prefix matches).
import { fold, words } from './text';

export interface Searchable {
	code: string;
	name: string;
	/** Looks and scans over the last months; higher means commoner. */
	popularity?: number;
}

interface Entry<T extends Searchable> {
	item: T;
	code: string;
	name: string;
	/** The name without a leading "Thủ tục" that most published names carry. */
	core: string;
	words: string[];
	popularity: number;
}

export interface SearchIndex<T extends Searchable> {
	entries: Entry<T>[];
}

/** What search compares of an item: computed once per catalogue, in the kiosk by its catalogue worker. */
export interface SearchKeys {
	code: string;
	name: string;
	core: string;
	words: string[];
}

export function searchKeys(item: Pick<Searchable, 'code' | 'name'>): SearchKeys {
	const name = fold(item.name);
	return {
		code: item.code.toLowerCase(),
		name,
		core: name.replace(BOILERPLATE, ''),
		words: words(item.name)
	};
}

/** The index of `items`; `keysOf` gives keys computed beforehand (elsewhere, off the main thread) when it has them. */
export function buildIndex<T extends Searchable>(
	items: readonly T[],
	keysOf: (item: T) => SearchKeys = searchKeys
): SearchIndex<T> {
	return {
		entries: items.map((item) => ({ item, ...keysOf(item), popularity: item.popularity ?? 0 }))
	};
}

// Lower tier ranks first.
const TIER_CODE_EXACT = 0;
const TIER_CODE_PREFIX = 1;
const TIER_NAME_STARTS = 2;
const TIER_PHRASE = 3;
const TIER_WORD_PREFIXES = 4;
const TIER_SUBSTRING = 5;
const NO_MATCH = -1;
const BOILERPLATE = /^thu tuc /;
const CODE_LIKE = /^[0-9][0-9.]+$/;

function tierOf(entry: Entry<Searchable>, phrase: string, tokens: string[]): number {
	if (entry.code === phrase) return TIER_CODE_EXACT;
	if (tokens.length === 1 && CODE_LIKE.test(phrase) && entry.code.startsWith(phrase))
		return TIER_CODE_PREFIX;
	if (entry.core.startsWith(phrase) || entry.name.startsWith(phrase)) return TIER_NAME_STARTS;
	if (entry.name.includes(' ' + phrase)) return TIER_PHRASE;
	if (tokens.every((t) => entry.words.some((w) => w.startsWith(t)))) return TIER_WORD_PREFIXES;
	if (tokens.every((t) => entry.name.includes(t) || entry.code.includes(t))) return TIER_SUBSTRING;
	return NO_MATCH;
}

export interface SearchResult<T> {
	items: T[];
	total: number;
}

/**
 * Finds procedures matching a query, best first. A whole code comes first, then names that start with
 * the query, then names containing it as a phrase, then names whose words start with every typed word,
 * then names merely containing every word; within a tier commoner, then shorter, names come first.
 */
export function search<T extends Searchable>(
	index: SearchIndex<T>,
	query: string,
	{ limit = 50, where }: { limit?: number; where?: (item: T) => boolean } = {}
): SearchResult<T> {
	const tokens = words(query);
	if (tokens.length === 0) return { items: [], total: 0 };
	const phrase = tokens.join(' ');
	const hits: { entry: Entry<T>; tier: number }[] = [];
	for (const entry of index.entries) {
		if (where && !where(entry.item)) continue;
		const tier = tierOf(entry, phrase, tokens);
		if (tier !== NO_MATCH) hits.push({ entry, tier });
	}
	hits.sort(
		(a, b) =>
			a.tier - b.tier ||
			b.entry.popularity - a.entry.popularity ||
			a.entry.core.length - b.entry.core.length ||
			a.entry.code.localeCompare(b.entry.code)
	);
	return { items: hits.slice(0, limit).map((h) => h.entry.item), total: hits.length };
}
