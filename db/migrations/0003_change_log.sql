-- A log of what changed and from when, so that a scorecard computed for a past period
-- can be reused exactly until a write could change it (lib/engine/scorecard-cache.ts).
-- `affected_from` is the earliest instant a change can matter to (the start, or first
-- sync, of any dossier written, before or after the write); null means "anything".
-- `xid` lets a reader know which writes may still commit (those of transactions not
-- finished at its last look), so none is missed whatever the commit order.
CREATE TABLE "data_changes" (
  "id" bigserial PRIMARY KEY,
  "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
  "at" timestamptz NOT NULL DEFAULT now(),
  "affected_from" timestamptz
);--> statement-breakpoint
CREATE INDEX "data_changes_xid_idx" ON "data_changes" ("xid");--> statement-breakpoint
CREATE FUNCTION "log_dossier_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(coalesce(n.start_at, n.received_at, n.synced_at)) INTO earliest FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(coalesce(o.start_at, o.received_at, o.synced_at)) INTO earliest FROM old_rows o;
  ELSE
    SELECT least((SELECT min(coalesce(n.start_at, n.received_at, n.synced_at)) FROM new_rows n),
                 (SELECT min(coalesce(o.start_at, o.received_at, o.synced_at)) FROM old_rows o)) INTO earliest;
  END IF;
  -- No row written, nothing changed.
  IF earliest IS NOT NULL THEN
    INSERT INTO data_changes (affected_from) VALUES (earliest);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "dossiers_log_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_dossier_changes();--> statement-breakpoint
CREATE TRIGGER "dossiers_log_update" AFTER UPDATE ON "dossiers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_dossier_changes();--> statement-breakpoint
CREATE TRIGGER "dossiers_log_delete" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_dossier_changes();--> statement-breakpoint
CREATE FUNCTION "log_any_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_changes (affected_from) VALUES (NULL);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "units_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "unit_closure_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_closure" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "procedures_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "procedures" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "authorities_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "authorities" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "work_days_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "work_days" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "feedback_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "feedback" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "reported_totals_log" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reported_totals" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();--> statement-breakpoint
CREATE TRIGGER "dossiers_log_truncate" AFTER TRUNCATE ON "dossiers" FOR EACH STATEMENT EXECUTE FUNCTION log_any_change();
