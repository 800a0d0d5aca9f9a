-- The dossier counts the report engine read (reports/stamped.ts), kept in the database under the stamp of the data
-- they were read from (migration 018), so every app instance of a city shares them and they outlive a restart: a
-- city's table of 114 centers reads a year of every center's dossiers, once per version of each center's data. A row
-- whose stamp is no longer its center's is never read; it is counted again, or refreshed after the import that
-- changed it. `read_on` is the last day it was read: rows not read for a month are removed.
CREATE TABLE IF NOT EXISTS kept_counts (
	center_id text NOT NULL,
	key text NOT NULL,
	stamp uuid NOT NULL,
	value jsonb NOT NULL,
	read_on date NOT NULL DEFAULT current_date,
	PRIMARY KEY (center_id, key)
);
