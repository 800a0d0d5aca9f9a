-- What a center adds to a procedure for its lobby, from optional columns of its catalogue import: the documents to
-- bring (thành phần hồ sơ), the steps (trình tự thực hiện), the result, the legal basis (one item per array element)
-- and the counter (quầy) that takes the dossier. Empty when the center did not say. Safe to run twice.
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS documents text[] NOT NULL DEFAULT '{}';
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS steps text[] NOT NULL DEFAULT '{}';
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS result text NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS legal_basis text[] NOT NULL DEFAULT '{}';
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS counter text NOT NULL DEFAULT '';
