// Who this device is: its pairing token (the only copy), the configuration the server last sent, the measured clock
// offset and whether the pairing was revoked. Owns the 'device' row of the meta table and saves it on every change.
import type { DeviceConfig, PairResponse } from '$lib/schemas/sync';
import type { DeviceDb, DeviceMeta } from './db';
import type { PinOutcome } from './staff-pin';

export type PairOutcome = { ok: true } | { ok: false; message: string };

export class Pairing {
	config = $state.raw<DeviceConfig | null>(null);
	revoked = $state(false);
	#token: string | null = null;
	#offsetMs: number | null = null;

	constructor(private readonly db: DeviceDb) {}

	get paired(): boolean {
		return this.config !== null;
	}

	/** The token to sync with; none while unpaired or revoked. */
	get token(): string | null {
		return this.revoked ? null : this.#token;
	}

	/** server − device clock, as last measured; null before the first sync. */
	get offsetMs(): number | null {
		return this.#offsetMs;
	}

	async load(): Promise<void> {
		const meta = await this.db.get('meta', 'device');
		if (meta?.key === 'device') this.#adopt(meta);
	}

	#adopt(meta: DeviceMeta) {
		this.#token = meta.token;
		this.config = meta.config;
		this.#offsetMs = meta.offsetMs;
		this.revoked = meta.revoked;
	}

	/** Redeems a pairing code; the outbox (even of a revoked pairing) is kept and sent under the new token. */
	async pair(code: string): Promise<PairOutcome> {
		let response: Response;
		try {
			response = await fetch('/api/v1/devices/pair', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code })
			});
		} catch {
			return { ok: false, message: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.' };
		}
		const body = (await response.json().catch(() => null)) as
			(PairResponse & { message?: string }) | null;
		if (!response.ok || !body?.token)
			return { ok: false, message: body?.message ?? `Máy chủ trả lời lỗi ${response.status}.` };
		const meta: DeviceMeta = {
			key: 'device',
			token: body.token,
			config: body.config,
			offsetMs: null,
			revoked: false
		};
		await this.db.put('meta', meta);
		this.#adopt(meta);
		return { ok: true };
	}

	/** A good sync reply: the server's configuration and the clock offset measured with it. */
	async replied(config: DeviceConfig, offsetMs: number): Promise<void> {
		this.#offsetMs = offsetMs;
		this.config = config;
		const meta = await this.db.get('meta', 'device');
		if (meta?.key !== 'device') return;
		const next: DeviceMeta = { ...meta, config, offsetMs };
		await this.db.put('meta', next);
	}

	async markRevoked(): Promise<void> {
		this.revoked = true;
		const meta = await this.db.get('meta', 'device');
		if (meta?.key !== 'device') return;
		const next: DeviceMeta = { ...meta, revoked: true };
		await this.db.put('meta', next);
	}

	/** Checks the staff PIN: by the server while online, else against the record a counter tablet holds (staff-pin.ts). */
	// Loaded when staff first key a PIN: every device page starts without it.
	async checkPin(pin: string): Promise<PinOutcome> {
		const { checkStaffPin } = await import('./staff-pin');
		return checkStaffPin(pin, { token: this.token, config: this.config, online: navigator.onLine });
	}
}
