import { describe, it, expect } from 'vitest';
import { render } from 'svelte/server';
import QrCode from './QrCode.svelte';
import { qrSvg } from '$lib/domain/qr';

describe('QrCode', () => {
	it('renders an accessible vector image: a white square and the dark modules, sized as asked', () => {
		const value = 'https://hcc.example.gov.vn/p/1.001193';
		const { body } = render(QrCode, { props: { value, label: 'thủ tục 1.001193', size: '30mm' } });
		const { path, size } = qrSvg(value);
		expect(body).toContain('role="img"');
		expect(body).toContain('aria-label="Mã QR: thủ tục 1.001193"');
		expect(body).toContain(`viewBox="0 0 ${size} ${size}"`);
		expect(body).toContain('width="30mm"');
		expect(body).toContain('shape-rendering="crispEdges"');
		expect(body).toContain(`<rect width="${size}" height="${size}" fill="#fff"`);
		expect(body).toContain(`d="${path}"`);
	});
});
