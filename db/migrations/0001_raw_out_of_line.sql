-- Keep each dossier's received record (raw, often 0.5–2 KB) out of the heap, so that
-- the scorecard's scan reads only the narrow columns it needs: the value moves to the
-- TOAST table as soon as a row exceeds 128 bytes (STORAGE EXTERNAL: no compression,
-- cheap to read back whole).
ALTER TABLE "dossiers" ALTER COLUMN "raw" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "dossiers" SET (toast_tuple_target = 128);
