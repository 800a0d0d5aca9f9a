// The kiosk's words, Vietnamese first.
import type { Messages } from './index.svelte';

type Key =
	| 'title'
	| 'welcome'
	| 'welcomeHint'
	| 'browse'
	| 'browseHint'
	| 'search'
	| 'searchHint'
	| 'rate'
	| 'rateHint'
	| 'home'
	| 'back'
	| 'largeText'
	| 'normalText'
	| 'language'
	| 'offline'
	| 'online'
	| 'loading'
	| 'empty'
	| 'searchLabel'
	| 'searchPlaceholder'
	| 'keyboard'
	| 'popular'
	| 'allLevels'
	| 'onlineOnly'
	| 'fields'
	| 'procedures'
	| 'results'
	| 'noResults'
	| 'moreResults'
	| 'allFields'
	| 'code'
	| 'field'
	| 'level'
	| 'processingTime'
	| 'fee'
	| 'channels'
	| 'agency'
	| 'notPublished'
	| 'scanHint'
	| 'qrLabel'
	| 'notFound'
	| 'workingDays'
	| 'filters'
	// Procedure page details (issue 11)
	| 'counterNumbered'
	| 'counterNamed'
	| 'documents'
	| 'steps'
	| 'result'
	| 'legalBasis'
	| 'readAloud'
	| 'stopReading';

export const kioskMessages: Messages<Key> = {
	vi: {
		title: 'Tra cứu thủ tục hành chính',
		welcome: 'Xin chào! Mời ông/bà tra cứu thủ tục',
		welcomeHint: 'Chạm vào một ô bên dưới để bắt đầu',
		browse: 'Thủ tục theo lĩnh vực',
		browseHint: 'Xem danh mục thủ tục được niêm yết',
		search: 'Tìm thủ tục',
		searchHint: 'Gõ vài chữ, không cần dấu',
		rate: 'Đánh giá sự hài lòng',
		rateHint: 'Dành cho ông/bà đã được phục vụ',
		home: 'Trang chủ',
		back: 'Quay lại',
		largeText: 'Chữ to',
		normalText: 'Chữ thường',
		language: 'English',
		offline: 'Mất kết nối — vẫn tra cứu được',
		online: 'Đang kết nối',
		loading: 'Đang tải danh mục…',
		empty: 'Chưa có danh mục thủ tục trên máy này. Vui lòng kết nối mạng.',
		searchLabel: 'Tìm thủ tục',
		searchPlaceholder: 'Ví dụ: dang ky khai sinh',
		keyboard: 'Bàn phím',
		popular: 'Thủ tục được tra cứu nhiều',
		allLevels: 'Tất cả các cấp',
		onlineOnly: 'Nộp trực tuyến',
		fields: 'Lĩnh vực',
		procedures: 'thủ tục',
		results: '{n} kết quả',
		noResults: 'Không tìm thấy thủ tục phù hợp. Hãy thử từ khác hoặc bỏ bộ lọc.',
		moreResults: 'Đang hiện {shown} trên {n} kết quả. Gõ thêm chữ để thu hẹp.',
		allFields: 'Tất cả lĩnh vực',
		code: 'Mã thủ tục',
		field: 'Lĩnh vực',
		level: 'Cấp thực hiện',
		processingTime: 'Thời hạn giải quyết',
		fee: 'Phí, lệ phí',
		channels: 'Hình thức nộp',
		agency: 'Cơ quan thực hiện',
		notPublished: 'Chưa công bố',
		scanHint: 'Quét mã bằng điện thoại để xem và nộp hồ sơ trực tuyến',
		qrLabel: 'thủ tục {code}',
		notFound: 'Không tìm thấy thủ tục này.',
		workingDays: 'ngày làm việc',
		filters: 'Bộ lọc',
		// Procedure page details (issue 11)
		counterNumbered: 'Nộp tại quầy số {counter}',
		counterNamed: 'Nộp tại quầy {counter}',
		documents: 'Hồ sơ cần mang',
		steps: 'Các bước thực hiện',
		result: 'Kết quả nhận được',
		legalBasis: 'Căn cứ pháp lý',
		readAloud: 'Đọc to',
		stopReading: 'Dừng đọc'
	},
	en: {
		title: 'Administrative procedures',
		welcome: 'Welcome! Look up a procedure',
		welcomeHint: 'Touch a tile below to start',
		browse: 'Procedures by field',
		browseHint: 'The posted catalogue of procedures',
		search: 'Search procedures',
		searchHint: 'Type a few letters, no accents needed',
		rate: 'Rate our service',
		rateHint: 'For citizens who have been served',
		home: 'Home',
		back: 'Back',
		largeText: 'Larger text',
		normalText: 'Normal text',
		language: 'Tiếng Việt',
		offline: 'Offline — search still works',
		online: 'Online',
		loading: 'Loading the catalogue…',
		empty: 'This device has no catalogue yet. Please connect it to the network.',
		searchLabel: 'Tìm thủ tục',
		searchPlaceholder: 'For example: dang ky khai sinh',
		keyboard: 'Keyboard',
		popular: 'Most looked-up procedures',
		allLevels: 'All levels',
		onlineOnly: 'Online submission',
		fields: 'Fields',
		procedures: 'procedures',
		results: '{n} results',
		noResults: 'No procedure found. Try other words or remove a filter.',
		moreResults: 'Showing {shown} of {n} results. Type more to narrow down.',
		allFields: 'All fields',
		code: 'Code',
		field: 'Field',
		level: 'Level',
		processingTime: 'Processing time',
		fee: 'Fees',
		channels: 'How to submit',
		agency: 'Agency',
		notPublished: 'Not published',
		scanHint: 'Scan with your phone to read it and apply online',
		qrLabel: 'procedure {code}',
		notFound: 'This procedure was not found.',
		workingDays: 'working days',
		filters: 'Filters',
		// Procedure page details (issue 11)
		counterNumbered: 'Submit at counter {counter}',
		counterNamed: 'Submit at the {counter} counter',
		documents: 'What to bring',
		steps: 'Steps',
		result: 'What you receive',
		legalBasis: 'Legal basis',
		readAloud: 'Read aloud (Vietnamese)',
		stopReading: 'Stop reading'
	}
};
