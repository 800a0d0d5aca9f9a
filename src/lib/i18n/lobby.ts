// Words of issue 11's lobby fixes (kiosk first start, the rating tile, the way home from /rate), in their own file
// so the kiosk's and the tablet's message lists stay as they were.
import type { Messages } from './index.svelte';

type Key = 'downloading' | 'downloaded' | 'rateAtCounter' | 'home' | 'notHere';

export const lobbyMessages: Messages<Key> = {
	vi: {
		downloading: 'Đang tải danh mục thủ tục…',
		downloaded: 'Đã tải {percent}%',
		rateAtCounter: 'Sau khi được phục vụ, ông/bà đánh giá trên máy tính bảng đặt tại quầy.',
		home: 'Về trang chủ',
		notHere: 'Máy này chưa nhận đánh giá. Ông/bà vui lòng đánh giá trên máy tính bảng đặt tại quầy.'
	},
	en: {
		downloading: 'Downloading the list of procedures…',
		downloaded: '{percent}% received',
		rateAtCounter: 'Once you have been served, please rate us on the tablet at the counter.',
		home: 'Back to home',
		notHere: 'This screen does not take ratings. Please rate us on the tablet at the counter.'
	}
};
