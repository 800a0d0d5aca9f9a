// The counter tablet's words (rating screen and device page). Citizens see Vietnamese with English beneath.
import type { Messages } from './index.svelte';

type Key =
	| 'title'
	| 'question'
	| 'reasonsQuestion'
	| 'commentLabel'
	| 'commentPlaceholder'
	| 'send'
	| 'skip'
	| 'thanks'
	| 'thanksHint'
	| 'staff'
	| 'counter'
	| 'field'
	| 'noField'
	| 'offline'
	| 'online'
	| 'largeText'
	| 'normalText';

export const rateMessages: Messages<Key> = {
	vi: {
		title: 'Đánh giá mức độ hài lòng',
		question: 'Ông/bà có hài lòng với việc giải quyết thủ tục hôm nay không?',
		reasonsQuestion: 'Ông/bà chưa hài lòng về điều gì? (có thể chọn nhiều, hoặc bỏ qua)',
		commentLabel: 'Góp ý thêm (không bắt buộc)',
		commentPlaceholder: 'Chạm vào bàn phím bên dưới để viết',
		send: 'Gửi đánh giá',
		skip: 'Bỏ qua',
		thanks: 'Cảm ơn ông/bà đã đánh giá!',
		thanksHint: 'Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.',
		staff: 'Nhân viên',
		counter: 'Quầy',
		field: 'Lĩnh vực',
		noField: 'Chưa chọn lĩnh vực',
		offline: 'Mất mạng — đánh giá vẫn được lưu',
		online: 'Đã kết nối',
		largeText: 'Chữ to',
		normalText: 'Chữ thường'
	},
	en: {
		title: 'Rate our service',
		question: 'Are you satisfied with how your procedure was handled today?',
		reasonsQuestion: 'What were you not satisfied with? (choose any, or skip)',
		commentLabel: 'Anything else (optional)',
		commentPlaceholder: 'Use the keyboard below to write',
		send: 'Send rating',
		skip: 'Skip',
		thanks: 'Thank you for your rating!',
		thanksHint: 'Your opinion helps us serve you better.',
		staff: 'Staff',
		counter: 'Counter',
		field: 'Field',
		noField: 'No field chosen',
		offline: 'Offline — ratings are still saved',
		online: 'Connected',
		largeText: 'Larger text',
		normalText: 'Normal text'
	}
};
