// Admin forms about devices: a pairing code for a new device, the center's rating settings, the staff PIN.
import { z } from 'zod';
import { guessablePin, PIN_MAX, PIN_MIN } from '$lib/domain/pin';
import { DEVICE_KINDS, RATING_LEVELS, SCALES, type Scale } from './sync';
import { dayNumber } from '$lib/domain/periods';
import { cleanString } from './text';

const optionalText = (max: number, what: string) =>
	cleanString(what)
		.trim()
		.max(max, `${what} dài quá ${max} ký tự`)
		.transform((s) => (s === '' ? null : s.normalize('NFC')))
		.nullable()
		.default(null);

export const newDeviceSchema = z.object({
	name: cleanString('Tên thiết bị')
		.trim()
		.min(1, 'Cần đặt tên cho thiết bị')
		.max(60, 'Tên thiết bị dài quá 60 ký tự')
		.transform((s) => s.normalize('NFC')),
	kind: z.enum(DEVICE_KINDS, {
		message: 'Loại thiết bị phải là kiosk hoặc counter (máy tại quầy)'
	}),
	counter: optionalText(40, 'Quầy'),
	field: optionalText(200, 'Lĩnh vực')
});
export type NewDevice = z.output<typeof newDeviceSchema>;

const MIN_INTERVAL_EMPTY =
	'Nhập khoảng cách tối thiểu giữa hai lượt đánh giá (số giây, từ 0 đến 3600)';

export const ratingSettingsSchema = z
	.object({
		scale: z.coerce.number().pipe(
			z.union([z.literal(3), z.literal(4), z.literal(5)], {
				message: 'Thang đánh giá phải là 3, 4 hoặc 5 mức'
			})
		),
		satisfiedLevels: z
			.array(z.enum(RATING_LEVELS))
			.min(1, 'Chọn ít nhất một mức được tính là hài lòng'),
		// An empty box is a mistake to name, not 0 s: 0 switches the quick-repeat protection off.
		minIntervalS: z.preprocess(
			(v) => (typeof v === 'number' ? String(v) : v),
			z
				.string({ message: MIN_INTERVAL_EMPTY })
				.trim()
				.min(1, MIN_INTERVAL_EMPTY)
				.regex(/^-?\d+$/, 'Khoảng cách tối thiểu phải là số giây nguyên, từ 0 đến 3600')
				.transform(Number)
				.pipe(
					z
						.number()
						.min(0, 'Khoảng cách tối thiểu không được âm')
						.max(3600, 'Khoảng cách tối thiểu tối đa 3600 giây')
				)
		)
	})
	.refine(
		(s) =>
			s.satisfiedLevels.every((l) => (SCALES[s.scale as Scale] as readonly string[]).includes(l)),
		{
			message: 'Mức được tính là hài lòng phải thuộc thang đánh giá đã chọn',
			path: ['satisfiedLevels']
		}
	);
export type RatingSettings = z.output<typeof ratingSettingsSchema>;

/** A new staff PIN: 6 to 8 digits (a 4-digit PIN's record fell in 69 guesses), not one anyone tries first. */
export const staffPinInputSchema = z.object({
	pin: z
		.string({ message: `Nhập mã PIN gồm ${PIN_MIN} đến ${PIN_MAX} chữ số` })
		.trim()
		.regex(
			new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`),
			`Mã PIN gồm ${PIN_MIN} đến ${PIN_MAX} chữ số`
		)
		.refine(
			(pin) => !guessablePin(pin),
			'Mã PIN quá dễ đoán (một chữ số lặp lại hoặc các chữ số liên tiếp): hãy chọn mã khác'
		)
});

const day = (what: string) =>
	z
		.string({ message: `Thiếu ${what}` })
		.regex(/^\d{4}-\d{2}-\d{2}$/, `${what} phải có dạng năm-tháng-ngày`)
		.refine((d) => !Number.isNaN(dayNumber(d)), `${what} không có thật`);

/** Setting aside one device's counts for a period of local days (both included). */
export const countVoidSchema = z
	.object({
		deviceId: z
			.string({ message: 'Chọn thiết bị' })
			.pipe(cleanString('Thiết bị').min(1, 'Chọn thiết bị').max(64, 'Mã thiết bị không hợp lệ')),
		from: day('Ngày bắt đầu'),
		to: day('Ngày kết thúc'),
		reason: cleanString('Lý do')
			.trim()
			.max(200, 'Lý do dài quá 200 ký tự')
			.transform((s) => s.normalize('NFC'))
			.default('')
	})
	.refine((v) => v.from <= v.to, {
		message: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc',
		path: ['to']
	});
export type CountVoidInput = z.output<typeof countVoidSchema>;
