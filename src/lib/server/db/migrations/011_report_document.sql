-- What makes the report an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the symbol of its number
-- ("Số: …/BC-TTPVHCC"), the recipients under "Nơi nhận" (one a line), and the signer's title (one or more lines,
-- "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC") and name. The defaults are what a Trung tâm Phục vụ hành chính công writes.

ALTER TABLE centers ADD COLUMN report_symbol text NOT NULL DEFAULT 'BC-TTPVHCC';
ALTER TABLE centers ADD COLUMN recipients text NOT NULL DEFAULT 'Lưu: VT';
ALTER TABLE centers ADD COLUMN signer_title text NOT NULL DEFAULT 'GIÁM ĐỐC';
ALTER TABLE centers ADD COLUMN signer_name text NOT NULL DEFAULT '';
