// A thin typed layer over IndexedDB: promises for requests and transactions, and an object store of known row type.
// Written for the device instead of a library (Dexie was a third of the kiosk's first-visit JavaScript); only what the
// device needs. Awaiting a request inside a transaction keeps it open (its callbacks resolve within the transaction's
// tasks), so a read-then-write in one `Tx` is atomic; awaiting anything else there would let the transaction close.

export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/** Resolves once the transaction has committed (with 'strict' durability: once the disk has it). */
export function committed(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
	});
}

/** Every key of a compound index whose first part is `first` (any second part). */
export function startingWith(first: IDBValidKey): IDBKeyRange {
	return IDBKeyRange.bound([first, -Infinity], [first, []]);
}

/** One object store in a transaction, its rows typed. `index` names an index; without it, the primary key. */
export class Store<T> {
	constructor(private readonly store: IDBObjectStore) {}

	get(key: IDBValidKey): Promise<T | undefined> {
		return request(this.store.get(key) as IDBRequest<T | undefined>);
	}

	async put(row: T): Promise<void> {
		await request(this.store.put(row));
	}

	/** Fails (ConstraintError) when a row with that key exists. */
	async add(row: T): Promise<void> {
		await request(this.store.add(row));
	}

	async clear(): Promise<void> {
		await request(this.store.clear());
	}

	private source(index?: string): IDBObjectStore | IDBIndex {
		return index ? this.store.index(index) : this.store;
	}

	/** Rows in key order (of the index when given). */
	all(query?: IDBKeyRange | IDBValidKey | null, options: { index?: string; limit?: number } = {}) {
		return request(this.source(options.index).getAll(query, options.limit) as IDBRequest<T[]>);
	}

	count(query?: IDBKeyRange | IDBValidKey | null, index?: string): Promise<number> {
		return request(this.source(index).count(query ?? undefined));
	}

	/**
	 * Walks the rows in `query` (of `index` when given): `change` returns the row to write back, 'delete', or
	 * undefined to leave it. Resolves with how many rows were written or deleted.
	 */
	update(
		query: IDBKeyRange | IDBValidKey,
		change: (row: T) => T | 'delete' | undefined,
		index?: string
	): Promise<number> {
		return new Promise((resolve, reject) => {
			let changed = 0;
			const req = this.source(index).openCursor(query);
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				const cursor = req.result;
				if (!cursor) return resolve(changed);
				const next = change(cursor.value as T);
				if (next === 'delete') cursor.delete();
				else if (next !== undefined) cursor.update(next);
				if (next !== undefined) changed++;
				cursor.continue();
			};
		});
	}
}
