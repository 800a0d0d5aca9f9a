-- Dossiers from each source system (the city's one-stop system, ministry systems, vertical agencies), figures typed
-- by hand for a source with no export, each center's satisfaction targets, and API tokens for the report API.

-- A source of dossier data and the column mapping its files need (canonical column -> header in its files).
CREATE TABLE dossier_sources (
	center_id text NOT NULL REFERENCES centers (id),
	name text NOT NULL,
	mapping jsonb NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (center_id, name)
);

-- One dossier (hồ sơ): unique by source and code, so a re-import updates it and never counts it twice.
CREATE TABLE dossiers (
	center_id text NOT NULL,
	source text NOT NULL,
	code text NOT NULL,
	procedure_code text,
	field text NOT NULL,
	channel text NOT NULL CHECK (channel IN ('truc_tuyen', 'truc_tiep', 'buu_chinh')),
	received_on date NOT NULL,
	due_on date,
	finished_on date,
	status text NOT NULL CHECK (status IN ('da_tra_ket_qua', 'tu_choi', 'rut', 'dang_xu_ly', 'yeu_cau_bo_sung')),
	has_fee boolean,
	paid_online boolean,
	digitized boolean,
	imported_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (center_id, source, code),
	FOREIGN KEY (center_id, source) REFERENCES dossier_sources (center_id, name)
);

CREATE INDEX dossiers_received ON dossiers (center_id, received_on);
CREATE INDEX dossiers_finished ON dossiers (center_id, finished_on);

-- Base figures typed in for a source with no export, per field, for one period: a ThroughputRow as JSON.
CREATE TABLE manual_figures (
	center_id text NOT NULL,
	source text NOT NULL,
	period_from date NOT NULL,
	period_to date NOT NULL,
	field text NOT NULL,
	figures jsonb NOT NULL,
	entered_by text,
	entered_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (center_id, source, period_from, period_to, field),
	FOREIGN KEY (center_id, source) REFERENCES dossier_sources (center_id, name)
);

-- Satisfaction targets: overall, and per field by rules [{ "match": "Đất đai", "target": 90 }] matched on folded text.
ALTER TABLE centers ADD COLUMN satisfaction_target numeric NOT NULL DEFAULT 95;
ALTER TABLE centers ADD COLUMN field_targets jsonb NOT NULL DEFAULT '[{"match": "Đất đai", "target": 90}, {"match": "Xây dựng", "target": 90}, {"match": "Đầu tư", "target": 90}]';

-- Tokens an admin creates for reading reports from other systems; only the hash is kept.
CREATE TABLE api_tokens (
	id text PRIMARY KEY,
	center_id text NOT NULL REFERENCES centers (id),
	name text NOT NULL,
	token_hash text NOT NULL UNIQUE,
	created_by text,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz,
	revoked_at timestamptz
);
