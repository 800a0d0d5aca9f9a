-- Paired devices (kiosks and counter tablets), their one-time pairing codes, the ratings they collect,
-- and each center's rating settings. Ratings are never deleted: stuffing is flagged, not removed.

ALTER TABLE centers ADD COLUMN rating_scale integer NOT NULL DEFAULT 3 CHECK (rating_scale IN (3, 4, 5));
-- Which level keys count as satisfied in the report (the satisfaction rate's numerator).
ALTER TABLE centers ADD COLUMN satisfied_levels text[] NOT NULL DEFAULT ARRAY['rat_hai_long', 'hai_long'];
-- A rating less than this many seconds after the previous one from the same device is flagged 'too_soon'.
ALTER TABLE centers ADD COLUMN min_rating_interval_s integer NOT NULL DEFAULT 5 CHECK (min_rating_interval_s >= 0);
-- The staff PIN that guards a tablet's settings, as 'pbkdf2-sha256$iterations$salt$hash' (hex); the device checks it offline.
ALTER TABLE centers ADD COLUMN staff_pin_hash text;

CREATE TABLE devices (
	id text PRIMARY KEY,
	center_id text NOT NULL REFERENCES centers (id),
	name text NOT NULL,
	kind text NOT NULL CHECK (kind IN ('kiosk', 'counter')),
	counter text,            -- quầy: the counter a tablet belongs to
	field text,              -- lĩnh vực: the default field of its ratings
	token_hash text NOT NULL UNIQUE,  -- sha256 of the device token; the token itself is never stored
	paired_at timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz,
	backlog integer,         -- unsynced rows the device reported at its last contact
	app_version text,
	storage_persistent boolean,
	revoked_at timestamptz
);

CREATE INDEX devices_center ON devices (center_id);

-- A pairing code is six digits, single use, valid ten minutes; only its hash is kept.
CREATE TABLE pairing_codes (
	code_hash text PRIMARY KEY,
	center_id text NOT NULL REFERENCES centers (id),
	name text NOT NULL,
	kind text NOT NULL CHECK (kind IN ('kiosk', 'counter')),
	counter text,
	field text,
	created_by text,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	used_at timestamptz,
	device_id text REFERENCES devices (id)
);

CREATE TABLE ratings (
	id uuid PRIMARY KEY,               -- made on the device (UUIDv7): a resend is the same row
	center_id text NOT NULL REFERENCES centers (id),
	device_id text NOT NULL REFERENCES devices (id),
	counter text,
	field text,
	level text NOT NULL,
	scale integer NOT NULL,
	reasons text[] NOT NULL DEFAULT '{}',
	comment text NOT NULL DEFAULT '',
	ticket text,                       -- số phiếu: queue tickets restart daily, so unique per local day
	dossier text,                      -- mã hồ sơ
	device_time timestamptz NOT NULL,  -- the device's clock when tapped
	received_at timestamptz NOT NULL,  -- the server's clock when it first arrived
	rated_at timestamptz NOT NULL,     -- corrected by the device's measured offset; what reports use
	clock_clamped boolean NOT NULL DEFAULT false,  -- was more than 5 minutes in the future, clamped
	flag text CHECK (flag IN ('too_soon', 'repeat_ticket', 'repeat_dossier')),  -- stored, not counted
	payload_hash text NOT NULL         -- what the device sent, to refuse the same id with other content
);

CREATE INDEX ratings_device_time ON ratings (device_id, device_time);
CREATE INDEX ratings_center_time ON ratings (center_id, rated_at);
CREATE INDEX ratings_ticket ON ratings (center_id, ticket) WHERE ticket IS NOT NULL;
CREATE INDEX ratings_dossier ON ratings (center_id, dossier) WHERE dossier IS NOT NULL;
