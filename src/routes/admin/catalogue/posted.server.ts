// The posted list's form actions on /admin/catalogue: each validates its form with the shared schema and answers
// { posted: { key, error | done } }, key naming the row (a field or a procedure code) the message belongs beside.
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import {
	counterSchema,
	fieldChoiceSchema,
	pinSchema,
	procedureChoiceSchema
} from '$lib/schemas/posted';
import * as auth from '$lib/server/auth';
import * as posted from '$lib/server/catalogue/posted';

export interface PostedAnswer {
	posted: { key: string; error?: string; done?: string };
}

async function act<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	keyOf: (form: Record<string, FormDataEntryValue>) => string,
	run: (centerId: string, input: z.infer<S>) => Promise<{ outcome: posted.Outcome; done: string }>
) {
	const user = auth.requireRole(event.locals, 'manager');
	const form = Object.fromEntries(await event.request.formData());
	const key = keyOf(form);
	const parsed = schema.safeParse(form);
	if (!parsed.success)
		return fail(400, {
			posted: { key, error: parsed.error.issues[0]?.message ?? 'Dữ liệu không hợp lệ.' }
		} satisfies PostedAnswer);
	const { outcome, done } = await run(user.centerId, parsed.data);
	if (!outcome.ok)
		return fail(400, { posted: { key, error: outcome.message } } satisfies PostedAnswer);
	return { posted: { key, done } } satisfies PostedAnswer;
}

const text = (v: FormDataEntryValue | undefined) =>
	typeof v === 'string' ? v.normalize('NFC') : '';
const byField = (form: Record<string, FormDataEntryValue>) => `field:${text(form.field)}`;
const byCode = (form: Record<string, FormDataEntryValue>) => `code:${text(form.code)}`;

export const field = (event: RequestEvent) =>
	act(event, fieldChoiceSchema, byField, async (centerId, { field, shown }) => ({
		outcome: await posted.setField(centerId, field, shown === 'default' ? null : shown === 'show'),
		done: {
			show: `Đã niêm yết cả lĩnh vực ${field}.`,
			hide: `Đã ẩn lĩnh vực ${field}.`,
			default: `Lĩnh vực ${field} trở về mặc định.`
		}[shown]
	}));

export const procedure = (event: RequestEvent) =>
	act(event, procedureChoiceSchema, byCode, async (centerId, { code, shown }) => ({
		outcome: await posted.setProcedure(centerId, code, shown === 'show'),
		done: shown === 'show' ? `Đã niêm yết thủ tục ${code}.` : `Đã ẩn thủ tục ${code}.`
	}));

export const pin = (event: RequestEvent) =>
	act(event, pinSchema, byField, async (centerId, { field, move }) => ({
		outcome: await posted.movePinned(centerId, field, move),
		done: {
			pin: `Đã ghim ${field}.`,
			unpin: `Đã bỏ ghim ${field}.`,
			up: `Đã đưa ${field} lên.`,
			down: `Đã đưa ${field} xuống.`
		}[move]
	}));

export const counter = (event: RequestEvent) =>
	act(event, counterSchema, byField, async (centerId, { field, counter }) => ({
		outcome: await posted.setCounter(centerId, field, counter),
		done: counter ? `Lĩnh vực ${field}: quầy ${counter}.` : `Đã bỏ quầy của lĩnh vực ${field}.`
	}));
