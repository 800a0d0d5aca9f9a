// The sync contract's fixed values: rating levels and scales, reasons, device and count kinds, limits. Zod-free, so
// the device pages (/rate, /kiosk, /device) read them without downloading zod; sync.ts builds its schemas from these
// and re-exports them, so the contract still has one definition.

/** Rating levels, best first. A center uses 3, 4 or 5 of them (SCALES). */
export const RATING_LEVELS = [
	'rat_hai_long',
	'hai_long',
	'binh_thuong',
	'khong_hai_long',
	'rat_khong_hai_long'
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const SCALES = {
	3: ['rat_hai_long', 'hai_long', 'khong_hai_long'],
	4: ['rat_hai_long', 'hai_long', 'binh_thuong', 'khong_hai_long'],
	5: ['rat_hai_long', 'hai_long', 'binh_thuong', 'khong_hai_long', 'rat_khong_hai_long']
} as const satisfies Record<number, readonly RatingLevel[]>;
export type Scale = keyof typeof SCALES;

/** Why a citizen was not satisfied (the chips after a dissatisfied answer). */
export const REASONS = [
	'thai_do',
	'thoi_gian_cho',
	'thoi_gian_giai_quyet',
	'huong_dan',
	'co_so_vat_chat',
	'khac'
] as const;
export type Reason = (typeof REASONS)[number];

export const DEVICE_KINDS = ['kiosk', 'counter'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** What a device counts per hour: catalogue screens shown, procedure detail views (key = code), QR codes shown (key = code). */
export const COUNT_KINDS = ['catalogue', 'view', 'qr'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

export const MAX_BATCH = 500;
export const COMMENT_MAX = 500;
/** The longest ticket number and dossier code a rating carries: the staff panel stops there, the server refuses more. */
export const CODE_MAX = { ticket: 20, dossier: 40 } as const;
