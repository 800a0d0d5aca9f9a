-- The staff PIN (issue 10). A PIN set under the old rule (4 to 8 digits, 100,000 PBKDF2 iterations) may be a 4-digit
-- one, whose record falls in minutes: it is no longer sent to any device, only checked by the server, until an admin
-- sets a new PIN of at least 6 digits (or staff type it online and it turns out to have 6 or more: it is re-hashed).
ALTER TABLE centers ADD COLUMN staff_pin_legacy boolean NOT NULL DEFAULT false;
UPDATE centers SET staff_pin_legacy = true WHERE staff_pin_hash IS NOT NULL;

-- Online PIN checks per device: each attempt is counted here before the PIN is checked (one UPDATE claims it), so
-- parallel guesses cannot all be checked; after wrong PINs the next check waits longer (src/lib/domain/pin.ts).
CREATE TABLE device_pin_attempts (
	device_id text PRIMARY KEY REFERENCES devices (id),
	failures integer NOT NULL DEFAULT 0,  -- consecutive wrong PINs, the attempt under way counted in advance
	next_at timestamptz NOT NULL,         -- no check before this moment
	last_at timestamptz NOT NULL
);
