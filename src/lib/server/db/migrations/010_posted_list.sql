-- The center's posted list (danh mục niêm yết): what it chose over the default, which is every procedure carried out
-- at its own level. Only explicit choices are stored, so a new catalogue import keeps the default working for the
-- procedures nobody chose about. The list itself is computed by src/lib/domain/posted.ts.

-- Per field: shown whole (true), hidden whole (false) or left to the default (NULL), and the counter (quầy) serving it.
CREATE TABLE IF NOT EXISTS posted_fields (
	center_id text NOT NULL REFERENCES centers (id),
	field text NOT NULL,
	shown boolean,
	counter text NOT NULL DEFAULT '',
	PRIMARY KEY (center_id, field)
);

-- Per procedure: shown or hidden, whatever its field and level say.
CREATE TABLE IF NOT EXISTS posted_procedures (
	center_id text NOT NULL REFERENCES centers (id),
	code text NOT NULL,
	shown boolean NOT NULL,
	PRIMARY KEY (center_id, code)
);

-- The fields pinned first on the kiosk's home, in order (at most 8, checked by the application).
ALTER TABLE centers ADD COLUMN IF NOT EXISTS pinned_fields text[] NOT NULL DEFAULT '{}';
