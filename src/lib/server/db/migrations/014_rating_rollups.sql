-- Issue 12: ratings summed per local day (Asia/Ho_Chi_Minh) and per hour, so a year's report and dashboard read a few
-- thousand sums instead of a hundred thousand ratings. ratings stays the record; these are derived from it and kept by
-- statement-level triggers that read each statement's transition table once: a per-row trigger would cost every sync
-- batch a write per rating. Like counter_days (004), a backup saves them and a restore loads them as saved.

-- Every rating, by local day and the four keys the satisfaction part groups by ('' where a rating has no field,
-- counter or flag).
CREATE TABLE rating_days (
	center_id text NOT NULL,
	day date NOT NULL,
	field text NOT NULL,
	counter text NOT NULL,
	level text NOT NULL,
	flag text NOT NULL,
	n integer NOT NULL,
	late integer NOT NULL,
	PRIMARY KEY (center_id, day, field, counter, level, flag)
);

-- The reasons of counted (unflagged) ratings, by local day: a rating counts once for each reason it names.
CREATE TABLE rating_reason_days (
	center_id text NOT NULL,
	day date NOT NULL,
	reason text NOT NULL,
	n integer NOT NULL,
	PRIMARY KEY (center_id, day, reason)
);

-- Counted ratings by hour of absolute time and level, for the dashboard's per-day and weekday × hour series. Whole
-- hours from a fixed origin: Việt Nam is a whole number of hours off UTC, so local days are unions of these hours.
CREATE TABLE rating_hours (
	center_id text NOT NULL,
	hour timestamptz NOT NULL,
	level text NOT NULL,
	n integer NOT NULL,
	PRIMARY KEY (center_id, hour, level)
);

-- The report's comments are the latest 200 of counted ratings that have one: read from this index, not by walking
-- back through every rating of the period.
CREATE INDEX ratings_comments ON ratings (center_id, rated_at) WHERE flag IS NULL AND comment <> '';

-- Adds (TG_ARGV[0] = 1) or takes away (-1) the rows of the statement's transition table, which every trigger below
-- names delta_rows: the new rows of an INSERT or UPDATE, the old rows of an UPDATE or DELETE. Sums are upserted in key
-- order, so two statements that touch the same sums lock them in the same order. A sum that falls to 0 stays as a row
-- of 0; readers skip it.
CREATE FUNCTION rating_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	sign integer := TG_ARGV[0]::integer;
BEGIN
	INSERT INTO rating_days AS t (center_id, day, field, counter, level, flag, n, late)
	SELECT center_id, (rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, coalesce(field, ''), coalesce(counter, ''), level,
		coalesce(flag, ''), sign * count(*), sign * count(*) FILTER (WHERE late)
	FROM delta_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
	ON CONFLICT (center_id, day, field, counter, level, flag) DO UPDATE SET n = t.n + EXCLUDED.n, late = t.late + EXCLUDED.late;

	INSERT INTO rating_reason_days AS t (center_id, day, reason, n)
	SELECT center_id, (rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, reason, sign * count(*)
	FROM delta_rows, LATERAL (SELECT DISTINCT unnest(reasons)) AS r (reason) WHERE flag IS NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT (center_id, day, reason) DO UPDATE SET n = t.n + EXCLUDED.n;

	INSERT INTO rating_hours AS t (center_id, hour, level, n)
	SELECT center_id, date_bin('1 hour', rated_at, timestamptz '2000-01-01 00:00Z'), level, sign * count(*)
	FROM delta_rows WHERE flag IS NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT (center_id, hour, level) DO UPDATE SET n = t.n + EXCLUDED.n;
	RETURN NULL;
END
$$;

CREATE TRIGGER ratings_rollups_insert AFTER INSERT ON ratings REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rating_rollups_apply('1');
CREATE TRIGGER ratings_rollups_update_old AFTER UPDATE ON ratings REFERENCING OLD TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rating_rollups_apply('-1');
CREATE TRIGGER ratings_rollups_update_new AFTER UPDATE ON ratings REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rating_rollups_apply('1');
CREATE TRIGGER ratings_rollups_delete AFTER DELETE ON ratings REFERENCING OLD TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rating_rollups_apply('-1');

INSERT INTO rating_days (center_id, day, field, counter, level, flag, n, late)
SELECT center_id, (rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, coalesce(field, ''), coalesce(counter, ''), level,
	coalesce(flag, ''), count(*), count(*) FILTER (WHERE late)
FROM ratings GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO rating_reason_days (center_id, day, reason, n)
SELECT center_id, (rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, reason, count(*)
FROM ratings, LATERAL (SELECT DISTINCT unnest(reasons)) AS r (reason) WHERE flag IS NULL GROUP BY 1, 2, 3;

INSERT INTO rating_hours (center_id, hour, level, n)
SELECT center_id, date_bin('1 hour', rated_at, timestamptz '2000-01-01 00:00Z'), level, count(*)
FROM ratings WHERE flag IS NULL GROUP BY 1, 2, 3;
