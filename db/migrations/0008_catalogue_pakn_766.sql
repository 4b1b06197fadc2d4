-- METHOD-766 §6: the optional catalogue and PAKN columns, kept as the file gave them (a key per
-- column present, null for an empty cell), and the index by which §5.4 finds the dossier a PAKN names.
ALTER TABLE "feedback" ADD COLUMN "i766" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "i766" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_dossier_idx" ON "feedback" USING btree ("province_code",("i766"->>'MaHoSo')) WHERE "feedback"."i766" ? 'MaHoSo';--> statement-breakpoint
-- METHOD-766 §1: "the k-th working day after/before date D, D itself excluded", as METHOD
-- §A.4 counts working days (work_days.ord is the running count of working days up to a
-- day). Null outside the calendar's years.
CREATE FUNCTION "work_day_after"(d date, k int) RETURNS date LANGUAGE sql STABLE AS $$
  select w.day from work_days w where w.working and w.ord = (select s.ord from work_days s where s.day = d) + k
$$;--> statement-breakpoint
CREATE FUNCTION "work_day_before"(d date, k int) RETURNS date LANGUAGE sql STABLE AS $$
  select w.day from work_days w
  where w.working and w.ord = (select s.ord - s.working::int from work_days s where s.day = d) - k + 1
$$;
