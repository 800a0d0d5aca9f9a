-- Dossier and procedure codes are stored as their comparison key, identifier() in src/lib/domain/text.ts: NFKC,
-- invisible characters dropped, every dash a hyphen-minus, spaces collapsed, upper case. Until now `HSX-77`, `hsx-77`,
-- full-width `ＨＳＸ－７７` and `HSX‐77` were four dossiers of one source; they become one, the last imported kept.
-- Safe to run twice: a second run finds nothing to merge and nothing to rewrite.

-- The same rule in SQL, for this migration only (the application keeps the one definition in TypeScript). The
-- hyphens are written chr(45): the migration runner drops everything after two of them as a comment.
CREATE OR REPLACE FUNCTION sanhso_identifier_009(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT upper(btrim(regexp_replace(
		regexp_replace(
			translate(normalize(code, NFKC), U&'\2010\2011\2012\2013\2014\2015\2212\FE58\FE63\FF0D', repeat(chr(45), 10)),
			'[\u00AD\u200B-\u200D\u2060\uFEFF]', '', 'g'),
		'\s+', ' ', 'g')))
$$;

-- Dossiers of one source whose codes meet under the rule: the most recently imported one stays.
DELETE FROM dossiers d
USING (
	SELECT center_id, source, code, row_number() OVER (
		PARTITION BY center_id, source, sanhso_identifier_009(code)
		ORDER BY imported_at DESC, (code = sanhso_identifier_009(code)) DESC, code
	) AS n
	FROM dossiers
) ranked
WHERE ranked.n > 1 AND d.center_id = ranked.center_id AND d.source = ranked.source AND d.code = ranked.code;

UPDATE dossiers SET code = sanhso_identifier_009(code) WHERE code <> sanhso_identifier_009(code);

UPDATE dossiers SET procedure_code = sanhso_identifier_009(procedure_code)
WHERE procedure_code IS NOT NULL AND procedure_code <> sanhso_identifier_009(procedure_code);

-- Procedures of one center whose codes meet: a posted one before an abolished one, then the last updated.
DELETE FROM procedures p
USING (
	SELECT center_id, code, row_number() OVER (
		PARTITION BY center_id, sanhso_identifier_009(code)
		ORDER BY (abolished_at IS NULL) DESC, updated_at DESC, (code = sanhso_identifier_009(code)) DESC, code
	) AS n
	FROM procedures
) ranked
WHERE ranked.n > 1 AND p.center_id = ranked.center_id AND p.code = ranked.code;

UPDATE procedures SET code = sanhso_identifier_009(code), updated_at = now() WHERE code <> sanhso_identifier_009(code);

-- A kiosk downloads the catalogue again only when its revision moves.
UPDATE centers SET catalogue_revision = catalogue_revision + 1
WHERE id IN (SELECT center_id FROM procedures WHERE updated_at = now());

DROP FUNCTION sanhso_identifier_009(text);
