-- A city of centers in one deployment: the host names each center answers on, the city's own people (no center of
-- their own: they see every center), and the center a city person is looking at in a session.

CREATE TABLE IF NOT EXISTS center_hosts (
	host text PRIMARY KEY CHECK (host = lower(host) AND host <> ''),
	center_id text NOT NULL REFERENCES centers (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS center_hosts_center ON center_hosts (center_id);

ALTER TABLE users ALTER COLUMN center_id DROP NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
	CHECK (role IN ('admin', 'manager', 'viewer', 'city_admin', 'city_viewer'));
-- A center's people belong to a center; the city's to none.
ALTER TABLE users ADD CONSTRAINT users_city_role
	CHECK ((center_id IS NULL) = (role IN ('city_admin', 'city_viewer')));

ALTER TABLE sessions ADD COLUMN IF NOT EXISTS center_id text REFERENCES centers (id) ON DELETE SET NULL;
