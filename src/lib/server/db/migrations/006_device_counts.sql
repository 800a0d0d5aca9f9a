-- What devices send, held to account (issue 10): counts an admin voided for a device and period, phone-page scans
-- counted once per client and hour, the device clock offsets the server measured itself, ratings that arrived after
-- their period was reported, and ticket and dossier codes kept as their comparison key.

-- A device's counts an admin set aside for a period of local days (both ends included); undoing keeps the row.
CREATE TABLE count_voids (
	id text PRIMARY KEY,
	center_id text NOT NULL REFERENCES centers (id),
	device_id text NOT NULL REFERENCES devices (id),
	from_day date NOT NULL,
	to_day date NOT NULL CHECK (to_day >= from_day),
	reason text NOT NULL DEFAULT '',
	created_by text,
	created_at timestamptz NOT NULL DEFAULT now(),
	undone_by text,
	undone_at timestamptz
);

CREATE INDEX count_voids_center ON count_voids (center_id) WHERE undone_at IS NULL;

-- Who has already been counted for a procedure in an hour: a keyed hash of a cookie id (or of address and browser),
-- never the address itself. Rows older than a few hours are deleted as new scans arrive.
CREATE TABLE scan_clients (
	center_id text NOT NULL,
	hour timestamptz NOT NULL,
	key text NOT NULL,
	client text NOT NULL,
	PRIMARY KEY (center_id, hour, key, client)
);

CREATE INDEX scan_clients_hour ON scan_clients (hour);

-- The server's own measurements of a device's clock (receipt time − the request's sentAt), one row per era: a new
-- row only when the offset moves by more than the tolerance (a clock set by hand, a dead battery).
CREATE TABLE device_clocks (
	device_id text NOT NULL REFERENCES devices (id),
	offset_ms bigint NOT NULL,
	first_at timestamptz NOT NULL,
	last_at timestamptz NOT NULL,
	PRIMARY KEY (device_id, first_at)
);

-- Arrived after the monthly report of its period was due: still stored and counted, shown apart.
ALTER TABLE ratings ADD COLUMN late boolean NOT NULL DEFAULT false;

-- The too-soon rule looks at corrected times (bounded by receipt) as well as device times.
CREATE INDEX ratings_device_rated ON ratings (device_id, rated_at);

-- Ticket and dossier codes as identifier() keys them: NFKC, one dash, no invisible characters, upper case.
UPDATE ratings SET ticket = upper(btrim(regexp_replace(regexp_replace(translate(normalize(ticket, NFKC),
		E'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D', repeat(chr(45), 10)), E'[\u00AD\u200B-\u200D\u2060\uFEFF]', '', 'g'), E'\\s+', ' ', 'g')))
	WHERE ticket IS NOT NULL;
UPDATE ratings SET dossier = upper(btrim(regexp_replace(regexp_replace(translate(normalize(dossier, NFKC),
		E'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D', repeat(chr(45), 10)), E'[\u00AD\u200B-\u200D\u2060\uFEFF]', '', 'g'), E'\\s+', ' ', 'g')))
	WHERE dossier IS NOT NULL;

-- Codes that are now one: the first by time counts, as the sync's rule says.
WITH ranked AS (
	SELECT id, row_number() OVER (PARTITION BY center_id, ticket, ((rated_at AT TIME ZONE 'UTC') + interval '7 hours')::date ORDER BY rated_at, id) AS n
	FROM ratings WHERE ticket IS NOT NULL AND (flag IS NULL OR flag = 'repeat_ticket')
)
UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN 'repeat_ticket' ELSE NULL END
FROM ranked WHERE r.id = ranked.id AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN 'repeat_ticket' ELSE NULL END);

WITH ranked AS (
	SELECT id, row_number() OVER (PARTITION BY center_id, dossier ORDER BY rated_at, id) AS n
	FROM ratings WHERE dossier IS NOT NULL AND (flag IS NULL OR flag = 'repeat_dossier')
)
UPDATE ratings r SET flag = CASE WHEN ranked.n > 1 THEN 'repeat_dossier' ELSE NULL END
FROM ranked WHERE r.id = ranked.id AND r.flag IS DISTINCT FROM (CASE WHEN ranked.n > 1 THEN 'repeat_dossier' ELSE NULL END);
