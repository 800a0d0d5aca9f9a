// Types for the qrcode package's core encoder, imported alone so the browser bundle skips its canvas renderers.
declare module 'qrcode/lib/core/qrcode.js' {
	import type { QRCode, QRCodeOptions } from 'qrcode';
	export function create(text: string, options?: QRCodeOptions): QRCode;
}
