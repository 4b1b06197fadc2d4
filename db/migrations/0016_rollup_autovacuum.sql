-- The rollup's rows are never updated: every writer deletes the rows of the keys it
-- touches and inserts their sum (migration 0012), so each batch leaves the month and day
-- rows of its keys dead. With PostgreSQL's defaults (vacuum at 20 % dead) the tables grew
-- to many times their live rows (1M-dossier bench: dossier_months 309 MB for 22 MB of
-- rows, dossier_days 664 MB for 237 MB) and a year's scorecard took 1.9× as long.
-- Vacuumed early, their dead rows' space is reused before the tables grow.
ALTER TABLE "dossier_days" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "dossier_months" SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);
