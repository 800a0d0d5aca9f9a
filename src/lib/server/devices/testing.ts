// Test support: a device paired as in real use (a code an admin makes, then typed on the device), with its token.
import * as devices from '.';

export interface PairedDevice {
	token: string;
	device: devices.Device;
}

/** Pairs a device of the center at `now`: a counter tablet (Quầy 3, Hộ tịch) unless said otherwise. */
export async function pairTestDevice(
	name: string,
	{
		centerId = 'test',
		kind = 'counter',
		counter = kind === 'counter' ? '3' : null,
		field = kind === 'counter' ? 'Hộ tịch' : null,
		now = new Date()
	}: {
		centerId?: string;
		kind?: 'kiosk' | 'counter';
		counter?: string | null;
		field?: string | null;
		now?: Date;
	} = {}
): Promise<PairedDevice> {
	const { code } = await devices.createPairingCode(
		centerId,
		{ name, kind, counter, field },
		null,
		now
	);
	const paired = await devices.pair(code, '10.0.0.1', now);
	if (!paired.ok) throw new Error(paired.message);
	const device = await devices.byId(paired.config.deviceId);
	if (!device) throw new Error('no device');
	return { token: paired.token, device };
}
