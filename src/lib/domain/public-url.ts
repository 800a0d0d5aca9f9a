// Whether a public URL can open on a citizen's phone: a QR code printed with a loopback or private address (the
// server's own name, the office network) opens nothing on a phone on the mobile network.

/** Why phones cannot open `url`, in Vietnamese, or null when it looks public. */
export function unreachableFromPhones(url: string): string | null {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
	} catch {
		return 'địa chỉ không hợp lệ';
	}
	if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0')
		return 'địa chỉ của chính máy chủ (localhost)';
	if (host.endsWith('.local') || (!host.includes('.') && !host.includes(':')))
		return 'tên máy trong mạng nội bộ';
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		if (a === 127) return 'địa chỉ của chính máy chủ (localhost)';
		if (
			a === 10 ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 169 && b === 254)
		)
			return 'địa chỉ mạng nội bộ';
	}
	if (/^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith('fe80:')) return 'địa chỉ mạng nội bộ';
	return null;
}
