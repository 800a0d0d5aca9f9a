// An integer as Vietnamese writes it, '.' grouping thousands. Its own module, re-exported by numbers.ts: the kiosk
// shows counts with it and should not download the report's formatting (and Việt Nam time) along with it.

/** An integer with '.' thousands: 6600 → '6.600', 0 → '0', -1234 → '-1.234'. A fraction is rounded first. */
export function formatInt(n: number): string {
	const rounded = Math.round(n);
	const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return rounded < 0 ? `-${digits}` : digits;
}
