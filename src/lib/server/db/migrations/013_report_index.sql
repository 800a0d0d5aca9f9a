-- Issue 13: a center may print the estimate of its service index (Bộ chỉ số 766) as a section of its report. Off
-- until an admin turns it on in the settings: a report is an official document, and the estimate is not a score.

ALTER TABLE centers ADD COLUMN report_index boolean NOT NULL DEFAULT false;
