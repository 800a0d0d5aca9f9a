// Names of a procedure's levels and channels, and of rating levels and reasons: one wording for every screen and report.
import type { Messages } from '$lib/i18n/index.svelte';
import type { Channel, Level } from '$lib/schemas/procedure';
import type { RatingLevel, Reason } from '$lib/schemas/sync';

/** Implementing level (cấp thực hiện). */
export const levelLabels: Messages<Level> = {
	vi: { bo: 'Cấp bộ', tinh: 'Cấp tỉnh', xa: 'Cấp xã', khac: 'Cơ quan khác' },
	en: { bo: 'Ministry', tinh: 'Province', xa: 'Commune', khac: 'Other body' }
};

/** Submission channel (hình thức nộp). */
export const channelLabels: Messages<Channel> = {
	vi: { truc_tiep: 'Trực tiếp', truc_tuyen: 'Trực tuyến', buu_chinh: 'Dịch vụ bưu chính' },
	en: { truc_tiep: 'In person', truc_tuyen: 'Online', buu_chinh: 'By post' }
};

/** Rating levels, as the rating screen and the report word them. */
export const ratingLabels: Messages<RatingLevel> = {
	vi: {
		rat_hai_long: 'Rất hài lòng',
		hai_long: 'Hài lòng',
		binh_thuong: 'Bình thường',
		khong_hai_long: 'Không hài lòng',
		rat_khong_hai_long: 'Rất không hài lòng'
	},
	en: {
		rat_hai_long: 'Very satisfied',
		hai_long: 'Satisfied',
		binh_thuong: 'Neutral',
		khong_hai_long: 'Dissatisfied',
		rat_khong_hai_long: 'Very dissatisfied'
	}
};

/** Reasons for dissatisfaction (the chips after a dissatisfied answer). */
export const reasonLabels: Messages<Reason> = {
	vi: {
		thai_do: 'Thái độ phục vụ',
		thoi_gian_cho: 'Thời gian chờ',
		thoi_gian_giai_quyet: 'Thời gian giải quyết',
		huong_dan: 'Hướng dẫn chưa rõ',
		co_so_vat_chat: 'Cơ sở vật chất',
		khac: 'Khác'
	},
	en: {
		thai_do: 'Staff attitude',
		thoi_gian_cho: 'Waiting time',
		thoi_gian_giai_quyet: 'Processing time',
		huong_dan: 'Unclear guidance',
		co_so_vat_chat: 'Facilities',
		khac: 'Other'
	}
};
