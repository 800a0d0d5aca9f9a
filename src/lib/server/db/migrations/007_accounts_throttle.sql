-- Accounts a center can manage (disable, reset a password with a one-time code, nudge a weak password), sessions with
-- an idle timeout, and sign-in and pairing throttles that delay rather than lock.

ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled_at timestamptz;
-- The password last typed at a successful sign-in fell short of today's rules (shorter than 10, or a common one):
-- the admin pages ask its owner to change it.
ALTER TABLE users ADD COLUMN IF NOT EXISTS password_weak boolean NOT NULL DEFAULT false;
-- A one-time code to set a new password (new accounts made on /admin/users, resets): only its SHA-256 is kept.
ALTER TABLE users ADD COLUMN IF NOT EXISTS reset_hash text UNIQUE;
ALTER TABLE users ADD COLUMN IF NOT EXISTS reset_expires_at timestamptz;

ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_seen_at timestamptz NOT NULL DEFAULT now();

-- One row per throttle key ('user:NAME', 'addr:ADDRESS', 'pair:ADDRESS', 'known:NAME|ADDRESS'): failures so far, the
-- time of the last one (or, for 'known:', the last success), no attempt before next_at, and a check in flight until
-- checking_until (a lease: a crashed instance's check frees the key after it). Rows are locked while an attempt is
-- recorded, so every instance of a city sees one count.
CREATE TABLE IF NOT EXISTS auth_throttle (
	key text PRIMARY KEY,
	failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
	last_at timestamptz,
	next_at timestamptz,
	checking_until timestamptz
);

-- Replaced by auth_throttle: a failure log counted in a window, read and written around the check (not atomically).
DROP TABLE IF EXISTS login_failures;
