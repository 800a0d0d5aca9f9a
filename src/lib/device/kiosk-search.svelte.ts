// The kiosk's search and browse state: what the citizen typed and chose. It outlives the list page, so Back from a
// procedure shows the same query and results; the idle reset clears it with the rest for the next citizen.
import type { Filters } from '$lib/domain/browse';
import { isLevel, type Level } from '$lib/domain/procedure';

export class KioskSearch {
	query = $state('');
	field = $state('');
	level = $state<Level | ''>('');
	online = $state(false);
	/** Every procedure of the catalogue rather than the center's posted list ("Xem tất cả thủ tục"). */
	all = $state(false);
	/** The on-screen keyboard is open: the citizen came to search rather than to browse. */
	keyboard = $state(false);
	filters = $derived<Filters>({
		level: this.level || undefined,
		online: this.online,
		field: this.field || undefined
	});

	/** The address (its query string) the state was last opened from. */
	#openedFrom: string | null = null;

	/**
	 * Takes what a link asks for: `q`, `field`, `level`, `online=1`, `all=1`, and `search` to open the keyboard (the home's tiles,
	 * a bookmark). Coming back to the same address, as Back from a procedure does, keeps what the citizen had made of it.
	 */
	open(url: URL): void {
		if (url.search === this.#openedFrom) return;
		this.#openedFrom = url.search;
		const params = url.searchParams;
		const level = params.get('level');
		this.query = params.get('q') ?? '';
		this.field = params.get('field') ?? '';
		this.level = isLevel(level) ? level : '';
		this.online = params.get('online') === '1';
		this.all = params.get('all') === '1';
		this.keyboard = params.has('search') || params.has('q');
	}

	reset(): void {
		this.#openedFrom = null;
		this.query = '';
		this.field = '';
		this.level = '';
		this.online = false;
		this.all = false;
		this.keyboard = false;
	}
}
