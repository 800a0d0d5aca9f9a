// QR codes as one compact SVG path: the qrcode package's core encoder, rendered here without DOM or canvas.
// Only the core is imported: the package's browser entry would bring its canvas renderers into the kiosk bundle.
import { create } from 'qrcode/lib/core/qrcode.js';

/** The light margin a reader needs around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

export interface QrSvg {
	/** Dark modules as `M x y h w v1 h-w z` runs, in module units, already offset by the quiet zone. */
	path: string;
	/** Width and height of the whole symbol including the quiet zone, in modules (the viewBox). */
	size: number;
}

/** Encodes `text` at error correction level M (readable when 15% of the symbol is smudged or torn). */
export function qrSvg(text: string): QrSvg {
	const { modules } = create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const dark = modules.data;
	let path = '';
	for (let y = 0; y < n; y++) {
		const row = y * n;
		let x = 0;
		while (x < n) {
			if (!dark[row + x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < n && dark[row + x]) x++;
			// One rectangle per horizontal run of dark modules: about a third of the rectangles of one per module.
			const w = x - start;
			path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${w}v1h-${w}z`;
		}
	}
	return { path, size: n + 2 * QUIET_ZONE };
}
