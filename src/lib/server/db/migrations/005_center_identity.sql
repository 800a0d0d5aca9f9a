-- The center's identity as printed on its reports and shown to citizens: the governing body above its name
-- ("UBND phường An Phú"), the place name of a document's date line ("An Phú, ngày … tháng … năm …"), address,
-- opening hours and phone. NULL means never set: the next start fills it from the environment's default once;
-- a value saved on /admin/settings (even empty) is kept from then on.

ALTER TABLE centers ADD COLUMN governing_body text;
ALTER TABLE centers ADD COLUMN place_name text;
ALTER TABLE centers ADD COLUMN address text;
ALTER TABLE centers ADD COLUMN opening_hours text;
ALTER TABLE centers ADD COLUMN phone text;
