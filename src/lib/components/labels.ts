// Names of a procedure's levels and submission channels, as the catalogue file and the portal word them.
import type { Messages } from '$lib/i18n/index.svelte';
import type { Channel, Level } from '$lib/schemas/procedure';

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
