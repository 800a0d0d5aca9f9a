-- Counters summed per local day (Asia/Ho_Chi_Minh), kept by triggers as counters change, so a year's report reads
-- one row per procedure and day instead of one per device and hour. counters stays the record of what devices sent.

CREATE TABLE counter_days (
	center_id text NOT NULL,
	kind text NOT NULL,
	day date NOT NULL,
	key text NOT NULL,
	count bigint NOT NULL,
	PRIMARY KEY (center_id, kind, day, key)
);

CREATE FUNCTION counter_days_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO counter_days (center_id, kind, day, key, count)
	VALUES (NEW.center_id, NEW.kind, (NEW.hour AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, NEW.key,
		NEW.count - CASE WHEN TG_OP = 'UPDATE' THEN OLD.count ELSE 0 END)
	ON CONFLICT (center_id, kind, day, key) DO UPDATE SET count = counter_days.count + EXCLUDED.count;
	RETURN NULL;
END
$$;

CREATE TRIGGER counters_to_days_insert AFTER INSERT ON counters FOR EACH ROW EXECUTE FUNCTION counter_days_add();

CREATE TRIGGER counters_to_days_update AFTER UPDATE ON counters FOR EACH ROW WHEN (NEW.count <> OLD.count) EXECUTE FUNCTION counter_days_add();

INSERT INTO counter_days (center_id, kind, day, key, count)
SELECT center_id, kind, (hour AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, key, sum(count) FROM counters GROUP BY 1, 2, 3, 4;
