-- A version of each center's dossier figures: a new random stamp whenever a statement changes its dossiers or the
-- figures typed by hand. The report engine keeps the counts it read under the stamps they were read at, so a city's
-- table (every center, a year of dossiers) is counted again only after an import, not on every view. Random, not a
-- counter: a restored database brings back the stamps of the data it restores, never a stamp of other data.
CREATE TABLE IF NOT EXISTS dossier_stamps (
	center_id text PRIMARY KEY,
	stamp uuid NOT NULL
);

INSERT INTO dossier_stamps (center_id, stamp)
SELECT center_id, gen_random_uuid() FROM (
	SELECT center_id FROM dossiers UNION SELECT center_id FROM manual_figures
) c
ON CONFLICT (center_id) DO NOTHING;

CREATE OR REPLACE FUNCTION dossier_stamps_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dossier_stamps (center_id, stamp)
	SELECT center_id, gen_random_uuid() FROM (SELECT DISTINCT center_id FROM delta_rows) c
	ON CONFLICT (center_id) DO UPDATE SET stamp = EXCLUDED.stamp;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION dossier_stamps_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE dossier_stamps SET stamp = gen_random_uuid();
	RETURN NULL;
END
$$;

CREATE TRIGGER dossiers_stamp_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER dossiers_stamp_update AFTER UPDATE ON dossiers REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER dossiers_stamp_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER dossiers_stamp_truncate AFTER TRUNCATE ON dossiers
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_all();
CREATE TRIGGER manual_figures_stamp_insert AFTER INSERT ON manual_figures REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER manual_figures_stamp_update AFTER UPDATE ON manual_figures REFERENCING NEW TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER manual_figures_stamp_delete AFTER DELETE ON manual_figures REFERENCING OLD TABLE AS delta_rows
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_touch();
CREATE TRIGGER manual_figures_stamp_truncate AFTER TRUNCATE ON manual_figures
	FOR EACH STATEMENT EXECUTE FUNCTION dossier_stamps_all();
