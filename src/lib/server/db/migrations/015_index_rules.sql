-- Issue 13: versions of the service-index weights an admin adds when the rules change. The version shipped with the
-- app (RULES_766 in src/lib/domain/service-index.ts) is not a row: it applies where no row does. An estimate uses the
-- version in force on the last day of its period, so a report of a past period keeps the weights of its time.
-- The rules are national, so they are not per center.

CREATE TABLE index_rules (
	version text PRIMARY KEY,
	source text NOT NULL,
	in_force_from date NOT NULL UNIQUE,
	indicators jsonb NOT NULL,
	created_by text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
