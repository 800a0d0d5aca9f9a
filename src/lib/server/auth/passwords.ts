// Password hashing with scrypt (memory-hard, in node:crypto): parameters, salt and hash kept in one string.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// 64 MiB per hash (128 · N · r bytes): costly for a guessing rig, yet two concurrent sign-ins stay
// well inside the server's 300 MB. Stored hashes carry their own parameters, so these can grow later.
const PARAMS = { N: 2 ** 16, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
	const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
	// NFC: the same Vietnamese password typed on two keyboards (composed or decomposed) is one password.
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** `scrypt$N$r$p$salt$hash` (salt and hash in base64url). */
export async function hash(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, PARAMS);
	return [
		PREFIX,
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

/** True when `password` matches `stored`; a malformed or foreign hash never matches. */
export async function verify(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== PREFIX) return false;
	const [N, r, p] = parts.slice(1, 4).map(Number);
	// Refuse absurd parameters rather than let a bad row exhaust the server's memory.
	if (
		![N, r, p].every(Number.isSafeInteger) ||
		N < 2 ||
		N > 2 ** 20 ||
		r < 1 ||
		r > 32 ||
		p < 1 ||
		p > 16
	)
		return false;
	const salt = Buffer.from(parts[4], 'base64url');
	const expected = Buffer.from(parts[5], 'base64url');
	if (expected.length !== KEY_BYTES) return false;
	const actual = await derive(password, salt, { N, r, p });
	return timingSafeEqual(actual, expected);
}

// A real hash of a random password: unknown usernames are verified against it, so they take as long as known ones.
let decoy: Promise<string> | undefined;

/** Spends the time of one verification and returns false. */
export async function verifyDecoy(password: string): Promise<boolean> {
	decoy ??= hash(randomBytes(16).toString('hex'));
	await verify(password, await decoy);
	return false;
}
