-- The 766 facts of a period read only the dossiers that can count in it (facts766 in
-- lib/engine/verdict766-sql.ts): those whose stored 766 end is not before the period
-- (open ones: no end), those without a stored history, and those received, submitted or
-- started in it. Each of these is an index range here, so the read is a bitmap of the
-- candidates instead of a scan of every dossier (the current month at 1M: a few
-- thousand of a million).
CREATE INDEX IF NOT EXISTS "dossiers_end766_idx" ON "dossiers" ((coalesce("end766_at", 'infinity'::timestamptz)));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossiers_submitted_idx" ON "dossiers" ("submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossiers_no_history766_idx" ON "dossiers" ("id") WHERE NOT "history766";
