-- The span of each dossier, [start (or first sync), end (not before start)], open-ended
-- while it has no end event, indexed so
-- that a period's scorecard reads only the dossiers that overlap it: every dossier of
-- the METHOD §A.1 population or received in the period lies in this span (proof in
-- lib/engine/verdict-sql.ts). The expression must stay identical to `overlapsPeriod`'s.
CREATE INDEX "dossiers_span_idx" ON "dossiers" USING gist (
  (tstzrange(coalesce("start_at", "synced_at"), case when coalesce("done_at", "closed_at") is null then null else greatest(coalesce("done_at", "closed_at"), coalesce("start_at", "synced_at")) end, '[]'))
);
