import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// 'prompt': a new version waits until the kiosk or tablet is idle on its start screen (src/lib/device/pwa.ts).
			registerType: 'prompt',
			// The worker lives at /sw.js and controls the whole origin, whichever page registers it.
			base: '/',
			scope: '/',
			injectRegister: false,
			manifest: {
				name: 'Sảnh số — Trung tâm Phục vụ hành chính công',
				short_name: 'Sảnh số',
				description: 'Tra cứu thủ tục hành chính và đánh giá mức độ hài lòng',
				lang: 'vi',
				start_url: '/kiosk',
				scope: '/',
				display: 'fullscreen',
				display_override: ['fullscreen', 'standalone'],
				background_color: '#ffffff',
				theme_color: '#0b4f8a',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				// Each device page is served offline from its own prerendered shell and renders from IndexedDB: /rate and
				// /device by the precache route itself (whatever their query string), every /kiosk URL by the kiosk shell.
				navigateFallback: '/kiosk',
				navigateFallbackAllowlist: [/^\/kiosk(\/|$)/],
				ignoreURLParametersMatching: [/.*/],
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}',
					'prerendered/**/*.{html,json}'
				],
				cleanupOutdatedCaches: true,
				// The first install takes the open page at once, so a kiosk is offline-ready after its first load.
				clientsClaim: true
			},
			kit: { includeVersionFile: true }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'cli/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['scripts/vitest-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});
