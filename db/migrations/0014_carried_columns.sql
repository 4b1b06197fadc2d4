-- METHOD-766 §0.2/§6: the optional columns a reference file has carried (thutuc.csv,
-- pakn.csv), remembered per file kind from every import, header-only files included, so
-- that a group with no record reads "columns absent" (null counts) or "nothing to count"
-- (0 of 0) as the files say, not as its records happen to show.
CREATE TABLE "carried_columns" (
	"file" text NOT NULL,
	"column_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carried_columns_pk" PRIMARY KEY ("file", "column_name")
);
--> statement-breakpoint
-- Scores read it: a change drops the cached scorecards (0003's log).
CREATE TRIGGER "carried_columns_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "carried_columns" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();
--> statement-breakpoint
-- What the files already stored carried: a key in a record's i766 is a column its file had.
INSERT INTO "carried_columns" ("file", "column_name")
  SELECT DISTINCT 'thutuc', k FROM "procedures", jsonb_object_keys("i766") k
  UNION SELECT DISTINCT 'pakn', k FROM "feedback", jsonb_object_keys("i766") k
  ON CONFLICT DO NOTHING;
