// Vietnamese first, English second: the language a screen shows, and lookups into each area's messages.
export type Lang = 'vi' | 'en';

export type Messages<K extends string> = Record<Lang, Record<K, string>>;

/** The screen's language, shared by the components of one page (never across server requests). */
export class LangState {
	current = $state<Lang>('vi');

	toggle(): void {
		this.current = this.current === 'vi' ? 'en' : 'vi';
	}
}

/** A translator for one area's messages; `{name}` placeholders are filled from `vars`. */
export function translator<K extends string>(messages: Messages<K>, lang: () => Lang) {
	return (key: K, vars: Record<string, string | number> = {}): string =>
		messages[lang()][key].replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? `{${v}}`));
}
