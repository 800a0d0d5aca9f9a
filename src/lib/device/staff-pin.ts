// The staff PIN on the tablet: asked of the server while online (it counts attempts per device), else checked against
// the record only a counter tablet holds. Each wrong PIN makes the next try wait longer (src/lib/domain/pin.ts); the
// wait is kept in localStorage, so reloading the page does not start it over. Browser only.
import { pinWaitMs, wrongPinMessage } from '$lib/domain/pin';
import type { DeviceConfig, PinCheckResponse, StaffPin } from '$lib/schemas/sync';

const KEY = 'sanhso-staff-pin-wait';
/** A server that does not answer in this time is treated as unreachable: the local record decides. */
const TIMEOUT_MS = 8_000;

export const NO_PIN =
	'Chưa đặt mã PIN nhân viên. Quản trị viên đặt mã ở trang Quản trị → Thiết bị; sau lần đồng bộ tiếp theo máy sẽ nhận mã.';
const OFFLINE_ONLY =
	'Không kiểm tra được mã PIN: máy đang mất mạng và không giữ mã để kiểm tra tại chỗ. Kết nối mạng rồi thử lại.';

export type PinOutcome =
	| { ok: true }
	| {
			ok: false;
			message: string;
			/** No try before this moment (epoch ms); 0: none. */ until: number;
	  };

/** Consecutive wrong PINs on this tablet, and when the next try is allowed. */
interface PinWait {
	failures: number;
	until: number;
}

export function currentWait(): PinWait {
	try {
		const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<PinWait> | null;
		const failures = Number(saved?.failures);
		const until = Number(saved?.until);
		return {
			failures: Number.isInteger(failures) && failures > 0 ? failures : 0,
			until: Number.isFinite(until) ? until : 0
		};
	} catch {
		return { failures: 0, until: 0 };
	}
}

function keep(wait: PinWait) {
	if (wait.failures === 0 && wait.until === 0) localStorage.removeItem(KEY);
	else localStorage.setItem(KEY, JSON.stringify(wait));
}

/** Whether the center has a PIN at all; a config stored by an earlier app version says so by its record only. */
export function pinIsSet(config: DeviceConfig | null): boolean {
	return config?.staffPinSet ?? Boolean(config?.staffPin);
}

type ServerAnswer =
	| { kind: 'ok' }
	| { kind: 'wrong' | 'throttled'; waitMs: number }
	| { kind: 'no_pin' }
	| { kind: 'unreachable' };

async function askServer(pin: string, token: string): Promise<ServerAnswer> {
	try {
		const response = await fetch('/api/v1/devices/pin', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ pin }),
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
		const body = (await response.json().catch(() => null)) as PinCheckResponse | null;
		const waitMs = body && 'retryAfterS' in body ? Number(body.retryAfterS ?? 0) * 1000 : 0;
		if (response.ok && body && 'ok' in body) return { kind: 'ok' };
		if (response.status === 403) return { kind: 'wrong', waitMs };
		if (response.status === 429) return { kind: 'throttled', waitMs };
		if (response.status === 409) return { kind: 'no_pin' };
		// A revoked token, a server error: as if offline.
		return { kind: 'unreachable' };
	} catch {
		return { kind: 'unreachable' };
	}
}

/** PBKDF2-SHA-256 of the PIN with the record's salt and iterations, compared with its hash (WebCrypto). */
async function matchesRecord(pin: string, record: StaffPin): Promise<boolean> {
	const hex = (s: string) => new Uint8Array(s.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: hex(record.salt), iterations: record.iterations },
		key,
		256
	);
	const got = [...new Uint8Array(bits)].map((b) => b.toString(16).padStart(2, '0')).join('');
	return got === record.hash.toLowerCase();
}

/** Checks a PIN typed on this device: the server's word when it answers, else the local record; waits after wrong ones. */
export async function checkStaffPin(
	pin: string,
	device: { token: string | null; config: DeviceConfig | null; online: boolean }
): Promise<PinOutcome> {
	const wait = currentWait();
	if (wait.until > Date.now())
		return {
			ok: false,
			message: wrongPinMessage(wait.until - Date.now(), false),
			until: wait.until
		};
	const wrong = (serverWaitMs: number): PinOutcome => {
		const failures = wait.failures + 1;
		const waitMs = Math.max(pinWaitMs(failures), serverWaitMs);
		const until = waitMs > 0 ? Date.now() + waitMs : 0;
		keep({ failures, until });
		return { ok: false, message: wrongPinMessage(waitMs, true), until };
	};
	const answer: ServerAnswer =
		device.online && device.token ? await askServer(pin, device.token) : { kind: 'unreachable' };
	switch (answer.kind) {
		case 'ok':
			keep({ failures: 0, until: 0 });
			return { ok: true };
		case 'wrong':
			return wrong(answer.waitMs);
		case 'throttled': {
			const until = Date.now() + answer.waitMs;
			keep({ failures: wait.failures, until });
			return { ok: false, message: wrongPinMessage(answer.waitMs, false), until };
		}
		case 'no_pin':
			return { ok: false, message: NO_PIN, until: 0 };
	}
	const record = device.config?.staffPin;
	if (!record)
		return { ok: false, message: pinIsSet(device.config) ? OFFLINE_ONLY : NO_PIN, until: 0 };
	if (!(await matchesRecord(pin, record))) return wrong(0);
	keep({ failures: 0, until: 0 });
	return { ok: true };
}
