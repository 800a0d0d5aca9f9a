// A posted procedure (thủ tục hành chính) as the server stores it and the devices receive it.
import { z } from 'zod';
import { CENTER_LEVELS, CHANNELS, LEVELS } from '$lib/domain/procedure';
import { postedListSchema } from './posted';

export { LEVELS, type Channel, type Level } from '$lib/domain/procedure';

export const procedureSchema = z.object({
	code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/),
	name: z.string().min(1).max(2000),
	field: z.string().min(1).max(300),
	levels: z.array(z.enum(LEVELS)).min(1),
	agency: z.string().max(500),
	channels: z.array(z.enum(CHANNELS)),
	processingTime: z.string().max(500),
	fee: z.string().max(1000),
	url: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]),
	// What a center adds for its lobby (optional columns of its import); empty when it did not say.
	documents: z.array(z.string().min(1).max(1000)).max(100).default([]), // thành phần hồ sơ: one paper per item
	steps: z.array(z.string().min(1).max(1000)).max(100).default([]), // trình tự thực hiện
	result: z.string().max(2000).default(''), // kết quả
	legalBasis: z.array(z.string().min(1).max(1000)).max(100).default([]), // căn cứ pháp lý
	counter: z.string().max(40).default('') // quầy: where it is submitted, as the center names it ("3")
});

export type Procedure = z.infer<typeof procedureSchema>;

/** What a device gets from GET /api/v1/catalogue. */
export const catalogueSchema = z.object({
	center: z.object({ id: z.string(), name: z.string(), level: z.enum(CENTER_LEVELS) }),
	qr: z.object({
		target: z.enum(['public', 'portal']),
		publicUrl: z.string(),
		portalSearchTemplate: z.string()
	}),
	procedures: z.array(procedureSchema),
	/** The center's posted list; absent from a catalogue a device stored before there was one. */
	posted: postedListSchema.optional()
});

export type Catalogue = z.infer<typeof catalogueSchema>;

/** What a device gets from GET /api/v1/catalogue/popularity: scans and views per procedure code, dossiers per field. */
export const popularitySchema = z.object({
	counts: z.record(z.string(), z.number().int().nonnegative()),
	fields: z.record(z.string(), z.number().int().nonnegative()).optional()
});
export type Popularity = z.infer<typeof popularitySchema>;

/** What the kiosk's lists, filters and search read of a procedure; its details are read from IndexedDB when its page
 * opens (catalogue.svelte.ts). */
export type ListedProcedure = Pick<Procedure, 'code' | 'name' | 'field' | 'levels' | 'channels'>;

/** A procedure as the kiosk lists and searches it: with how often it was looked up. */
export type PostedProcedure = ListedProcedure & { popularity: number };
