-- Centers, the posted catalogue, manager accounts and sessions, and per-source counters.
-- Every record carries its center, so a city database can hold all of them.

CREATE TABLE centers (
	id text PRIMARY KEY,
	name text NOT NULL,
	level text NOT NULL DEFAULT 'xa',
	catalogue_revision integer NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE procedures (
	center_id text NOT NULL REFERENCES centers (id),
	code text NOT NULL,
	name text NOT NULL,
	field text NOT NULL,
	levels text[] NOT NULL,
	agency text NOT NULL DEFAULT '',
	channels text[] NOT NULL,
	processing_time text NOT NULL DEFAULT '',
	fee text NOT NULL DEFAULT '',
	url text NOT NULL DEFAULT '',
	abolished_at timestamptz,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (center_id, code)
);

CREATE INDEX procedures_field ON procedures (center_id, field);

CREATE TABLE users (
	id text PRIMARY KEY,
	center_id text NOT NULL REFERENCES centers (id),
	username text NOT NULL UNIQUE,
	password_hash text NOT NULL,
	role text NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins, by key (username or client address), for throttling across instances.
CREATE TABLE login_failures (
	key text NOT NULL,
	at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX login_failures_key ON login_failures (key, at);

-- Counters per hour and key: source 'server' counts what the server sees itself (QR scans on /p/[code]);
-- a device's own counters are merged by maximum, so a resend never adds twice.
CREATE TABLE counters (
	center_id text NOT NULL REFERENCES centers (id),
	source text NOT NULL,
	hour timestamptz NOT NULL,
	kind text NOT NULL,
	key text NOT NULL,
	count integer NOT NULL CHECK (count >= 0),
	PRIMARY KEY (center_id, source, hour, kind, key)
);

CREATE INDEX counters_kind ON counters (center_id, kind, hour);
