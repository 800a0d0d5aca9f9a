// A version of the service-index weights (Bộ chỉ số 766) as an admin types it on the settings page, and as it is
// stored: each estimated indicator's maximum (0 to its group's points) and the share from which it earns full points
// (blank: in proportion), the text the weights come from, and the day they apply from.
import { z } from 'zod';
import {
	ESTIMATED,
	groupMax,
	INDICATOR_NAMES,
	type EstimatedId,
	type IndexRules
} from '$lib/domain/service-index';
import { cleanString } from './text';
import { date } from './reports';

/** The day Decision 766 was signed: no version applies before it. */
export const FIRST_RULES_DAY = '2022-06-23';

/** An indicator's weight as stored (jsonb) and used. */
const storedIndicator = (id: EstimatedId) =>
	z.object({
		max: z.number().min(0).max(groupMax(id)),
		fullFrom: z.number().gt(0).max(100).nullable()
	});

export const storedIndicators = z.object(
	Object.fromEntries(ESTIMATED.map((id) => [id, storedIndicator(id)])) as Record<
		EstimatedId,
		ReturnType<typeof storedIndicator>
	>
);

const number = (s: string) => Number(s.trim().replace(',', '.'));

/** One indicator's two cells of the form, named `${id}.max` and `${id}.fullFrom`. */
const formIndicator = (id: EstimatedId, label = INDICATOR_NAMES[id]) =>
	z.object({
		max: z
			.string()
			.trim()
			.min(1, `Nhập điểm tối đa của “${label}”.`)
			.transform(number)
			.pipe(
				z
					.number({ message: `Điểm tối đa của “${label}” phải là một số.` })
					.min(0, `Điểm tối đa của “${label}” không được nhỏ hơn 0.`)
					.max(
						groupMax(id),
						`Điểm tối đa của “${label}” không được lớn hơn ${groupMax(id)}, điểm của cả nhóm.`
					)
			),
		fullFrom: z
			.string()
			.trim()
			.transform((s) => (s === '' ? null : number(s)))
			.pipe(
				z
					.number({ message: `Ngưỡng đủ điểm của “${label}” phải là một số, hoặc để trống.` })
					.gt(0, `Ngưỡng đủ điểm của “${label}” phải lớn hơn 0%.`)
					.max(100, `Ngưỡng đủ điểm của “${label}” không được lớn hơn 100%.`)
					.nullable()
			)
	});

export const indexRulesForm = z.object({
	version: cleanString('Tên phiên bản')
		.trim()
		.min(1, 'Đặt tên cho phiên bản, ví dụ “766-2027-01”.')
		.max(40, 'Tên phiên bản dài quá 40 ký tự.')
		.transform((s) => s.normalize('NFC')),
	source: cleanString('Văn bản quy định')
		.trim()
		.min(1, 'Ghi văn bản quy định trọng số này (số, ngày, cơ quan ban hành).')
		.max(300, 'Văn bản quy định dài quá 300 ký tự.')
		.transform((s) => s.normalize('NFC')),
	inForceFrom: date('áp dụng').refine(
		(d) => d >= FIRST_RULES_DAY,
		'Ngày áp dụng không được trước 23/6/2022, ngày ký Quyết định 766.'
	),
	indicators: z.object(
		Object.fromEntries(ESTIMATED.map((id) => [id, formIndicator(id)])) as Record<
			EstimatedId,
			ReturnType<typeof formIndicator>
		>
	)
});

/** A version of the rules as the settings page lists it. */
export interface IndexRulesVersion extends IndexRules {
	inForceFrom: string;
	/** Who added it; null for the version shipped with Sảnh số. */
	createdBy: string | null;
	createdAt: string | null;
}
