// What the page and the catalogue worker say to each other. Each request has an id; every answer to it carries that
// id and the last one is 'done' (or 'error').
import type { ListedProcedure, Popularity, Procedure } from '$lib/schemas/procedure';
import type { SearchKeys } from '$lib/domain/search';
import type { CatalogueMeta } from './db';

export type Request = { type: 'load' } | { type: 'refresh'; first: boolean };
export type ToWorker = Request & { id: number };

/** 'stored'/'none': what load found; 'new'/'same': the server's answer; 'offline'/'refused': why a refresh failed. */
export type Outcome = 'stored' | 'none' | 'new' | 'same' | 'offline' | 'refused';

export type FromWorker = { id: number } & (
	| { type: 'progress'; share: number }
	| { type: 'begin'; meta: CatalogueMeta; total: number }
	| { type: 'slice'; procedures: ListedProcedure[]; keys: SearchKeys[] }
	| ({ type: 'popularity' } & Popularity)
	| { type: 'done'; outcome: Outcome }
	| { type: 'error'; message: string }
);

/** Only what the page's lists, filters and search read: the details (documents, steps, legal basis…) are most of a
 * procedure's bytes, and taking 2,643 of them in on the page's thread blocked the kiosk for over a second. */
export function listed(p: Procedure): ListedProcedure {
	return { code: p.code, name: p.name, field: p.field, levels: p.levels, channels: p.channels };
}
