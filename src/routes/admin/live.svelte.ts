// The dashboard following new ratings and counts without a reload: it asks dashboard.json for the same dates every few
// seconds while the tab is visible, and at once when the tab comes back; a failed request keeps the last figures.
import type { Dashboard } from '$lib/domain/dashboard';

export class LiveDashboard {
	/** Raw, not deeply reactive: Chart.js keeps references into these arrays, and each poll replaces the whole object. */
	current: Dashboard;
	/** Why the last request failed, in Vietnamese; null after a good one. */
	problem = $state<string | null>(null);
	#busy = false;
	readonly #url: string;
	readonly #seconds: number;

	constructor(initial: Dashboard, url: string, seconds: number) {
		this.current = $state.raw(initial);
		this.#url = url;
		this.#seconds = seconds;
	}

	async refresh(): Promise<void> {
		if (this.#busy) return;
		this.#busy = true;
		try {
			const response = await fetch(this.#url, {
				headers: { accept: 'application/json' },
				cache: 'no-store'
			});
			// An ended session is redirected to the login page, which is HTML.
			if (
				response.redirected ||
				!(response.headers.get('content-type') ?? '').includes('application/json')
			) {
				this.problem = 'Phiên đăng nhập đã hết: hãy tải lại trang và đăng nhập lại.';
			} else if (!response.ok) {
				this.problem =
					((await response.json()) as { message?: string }).message ??
					`Máy chủ trả lời lỗi ${response.status}.`;
			} else {
				this.current = (await response.json()) as Dashboard;
				this.problem = null;
			}
		} catch {
			this.problem =
				'Mất kết nối tới máy chủ: số liệu đang hiển thị là của lần cập nhật trước. Đang thử lại…';
		} finally {
			this.#busy = false;
		}
	}

	/** Starts polling; the returned function stops it (an $effect's teardown). */
	start(): () => void {
		const tick = () => {
			if (document.visibilityState === 'visible') void this.refresh();
		};
		const timer = setInterval(tick, this.#seconds * 1000);
		document.addEventListener('visibilitychange', tick);
		return () => {
			clearInterval(timer);
			document.removeEventListener('visibilitychange', tick);
		};
	}
}
