-- The 766 rollup's read of the requests made before a period and answered in it
-- (lib/engine/rollup766.ts: resume766_at in the period, supp766_at before it). With one
-- index per column the planner intersected the answers of the period (a few thousand)
-- with every request before it (111,000 at 1M for December): 15-23 ms of a current
-- month's 766 index. One index on both reads the answers' range and tests the request in
-- the index: 2.5 ms (the year to date still takes the request index: none before January).
-- It serves the answers' range alone too, so the single-column index goes.
CREATE INDEX IF NOT EXISTS "dossiers_resume_supp766_idx" ON "dossiers" ("resume766_at", "supp766_at") WHERE "resume766_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "dossiers_resume766_idx";
