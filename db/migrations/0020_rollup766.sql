-- METHOD-766's dossier counts kept on write, as METHOD's are (issue #21: one rollup for
-- both profiles). lib/engine/rollup766.ts says how a scorecard reads them; in short, for a
-- dossier whose 766 end (§2.1) is its first terminal event, not before its start, with no
-- supplement request (so no wait), every 766 count of a period [ps, t] is a difference of
-- prefix counts of single instants, as METHOD's are (lib/engine/rollup.ts), except the
-- "received in the period and finished (9/10) as of t" counts (§3.3 for paper results,
-- §4.1), which are kept at the receipt by the dossier's final end and corrected at read
-- time by the few dossiers received in the period whose end comes after t. Other
-- dossiers ("irregular766": supplements, ends out of rank order, no start, no stored
-- history or flags) are read one by one, as before, through a partial index.
-- Separate tables from METHOD's, so that METHOD's rollup and its reads are unchanged.

-- Instants are kept to the millisecond (lib/engine/rollup.ts: due < t ⇔ due + 1 ms ≤ t):
-- a deadline of a fraction of an hour could give a due instant between two milliseconds,
-- which both rollups then read one millisecond late. Derived due instants are now
-- truncated (derive-sql.ts, as the JS derivation's Date always was); stored ones too.
UPDATE "dossiers" SET "due_at" = date_trunc('milliseconds', "due_at") WHERE "due_at" <> date_trunc('milliseconds', "due_at");--> statement-breakpoint
-- §2.1's due instant: NgayHenTra (at exactly 00:00 local: the end of that date), else the
-- catalogue's. The one spelling of it (dossierVerdict766 reads it too). Written with
-- immutable operations only (local time in a fixed zone, sums on UTC timestamps), so that
-- the planner inlines it: a function it must call costs each written row a call.
CREATE FUNCTION "due766"(appointment_at timestamptz, due_at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  select case when appointment_at is null then due_at
    when appointment_at = date_trunc('day', appointment_at at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh'
      then ((appointment_at at time zone 'UTC') + interval '86399.999 seconds') at time zone 'UTC'
    else appointment_at end
$$;--> statement-breakpoint
-- An instant plus milliseconds (a wait), immutable as above, for the generated columns below.
CREATE FUNCTION "plus_ms"(t timestamptz, ms float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  select ((t at time zone 'UTC') + ms * interval '1 millisecond') at time zone 'UTC'
$$;--> statement-breakpoint
-- The first supplement request, kept with the 766 history (lib/engine/derive-sql.ts).
ALTER TABLE "dossiers" ADD COLUMN "supp766_at" timestamp with time zone;--> statement-breakpoint
UPDATE "dossiers" d SET "supp766_at" = (select min(p.at) from process_steps p
  where p.province_code = d.province_code and p.dossier_id = d.id and p.status = 5)
WHERE d.supplements766 > 0;--> statement-breakpoint
-- The dossiers outside the 766 decomposition. Drafts count in nothing under 766 (§0.6), so
-- they are neither. The 766 end over every event is the end as of any instant from it on
-- when it is the first terminal event (least of done_at and closed_at, which holds
-- NgayTuChoi), or a single supplement request nothing followed: no earlier end of a lower
-- rank is outranked later. One supplement request that was answered (a wait) before any
-- end is in it too, as two spans: open until the request, ended at it (status 5) until
-- it is answered, open again with the wait added to the deadline (rollup766.ts).
CREATE FUNCTION "dossier_irregular766"(status smallint, start_at timestamptz, done_at timestamptz, closed_at timestamptz,
  history766 boolean, end766_at timestamptz, end766_status smallint, wait766_ms float8, supplements766 smallint,
  supp766_at timestamptz, record766 smallint)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  select status <> 1 and not coalesce(history766 and record766 is not null and start_at is not null
    and case
      when supplements766 = 0 or (supplements766 = 1 and wait766_ms = 0) then
        case when end766_at is null then done_at is null and closed_at is null
             when end766_status = 5 then done_at is null and closed_at is null and end766_at >= start_at
             else end766_at = least(done_at, closed_at) and end766_at >= start_at end
      when supplements766 = 1 then supp766_at >= start_at
        and case when end766_at is null then done_at is null and closed_at is null
                 else end766_at = least(done_at, closed_at) and end766_at > supp766_at end
      else false end, false)
$$;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "irregular766" boolean GENERATED ALWAYS AS (dossier_irregular766(status, start_at, done_at, closed_at, history766, end766_at, end766_status, wait766_ms, supplements766, supp766_at, record766)) STORED;--> statement-breakpoint
-- An answered supplement request's answer, and the due instant with its wait added.
ALTER TABLE "dossiers" ADD COLUMN "resume766_at" timestamp with time zone GENERATED ALWAYS AS (case when supplements766 = 1 and wait766_ms > 0 then plus_ms(supp766_at, wait766_ms) end) STORED;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "due766_at" timestamp with time zone GENERATED ALWAYS AS (case when supplements766 = 1 and wait766_ms > 0 then plus_ms(due766(appointment_at, due_at), wait766_ms) end) STORED;--> statement-breakpoint
CREATE INDEX "dossiers_irregular766_idx" ON "dossiers" ("unit_code") WHERE "irregular766";--> statement-breakpoint
-- For the keys later on the as-of day than the as-of instant, and the answers in a period.
CREATE INDEX "dossiers_appointment_idx" ON "dossiers" ("appointment_at");--> statement-breakpoint
CREATE INDEX "dossiers_supp766_idx" ON "dossiers" ("supp766_at") WHERE "supp766_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_resume766_idx" ON "dossiers" ("resume766_at") WHERE "resume766_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_due766_idx" ON "dossiers" ("due766_at") WHERE "due766_at" IS NOT NULL;--> statement-breakpoint
CREATE TABLE "dossier766_days" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"pc" text NOT NULL,
	"day" date NOT NULL,
	"g3_received" integer DEFAULT 0 NOT NULL,
	"g3_online" integer DEFAULT 0 NOT NULL,
	"g3_online_result" integer DEFAULT 0 NOT NULL,
	"g3_fee" integer DEFAULT 0 NOT NULL,
	"g3_payable" integer DEFAULT 0 NOT NULL,
	"g3_paid_dvcqg" integer DEFAULT 0 NOT NULL,
	"g3_paid_local" integer DEFAULT 0 NOT NULL,
	"g3_paid_fee" integer DEFAULT 0 NOT NULL,
	"g4_received" integer DEFAULT 0 NOT NULL,
	"g4_finished" integer DEFAULT 0 NOT NULL,
	"g4_eresult" integer DEFAULT 0 NOT NULL,
	"g4_digitised" integer DEFAULT 0 NOT NULL,
	"g4_reused" integer DEFAULT 0 NOT NULL,
	"g4_shared" integer DEFAULT 0 NOT NULL,
	"g4_citizen" integer DEFAULT 0 NOT NULL,
	"g4_population" integer DEFAULT 0 NOT NULL,
	"s_pop" integer DEFAULT 0 NOT NULL,
	"s_k" integer DEFAULT 0 NOT NULL,
	"s_k_kept" integer DEFAULT 0 NOT NULL,
	"e_n" integer DEFAULT 0 NOT NULL,
	"e_ok" integer DEFAULT 0 NOT NULL,
	"e_k" integer DEFAULT 0 NOT NULL,
	"e_ok_kept" integer DEFAULT 0 NOT NULL,
	"e_k_kept" integer DEFAULT 0 NOT NULL,
	"sk_k" integer DEFAULT 0 NOT NULL,
	"sk_k_kept" integer DEFAULT 0 NOT NULL,
	"ek_k" integer DEFAULT 0 NOT NULL,
	"ek_k_kept" integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE TABLE "dossier766_months" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"pc" text NOT NULL,
	"month" date NOT NULL,
	"g3_received" integer DEFAULT 0 NOT NULL,
	"g3_online" integer DEFAULT 0 NOT NULL,
	"g3_online_result" integer DEFAULT 0 NOT NULL,
	"g3_fee" integer DEFAULT 0 NOT NULL,
	"g3_payable" integer DEFAULT 0 NOT NULL,
	"g3_paid_dvcqg" integer DEFAULT 0 NOT NULL,
	"g3_paid_local" integer DEFAULT 0 NOT NULL,
	"g3_paid_fee" integer DEFAULT 0 NOT NULL,
	"g4_received" integer DEFAULT 0 NOT NULL,
	"g4_finished" integer DEFAULT 0 NOT NULL,
	"g4_eresult" integer DEFAULT 0 NOT NULL,
	"g4_digitised" integer DEFAULT 0 NOT NULL,
	"g4_reused" integer DEFAULT 0 NOT NULL,
	"g4_shared" integer DEFAULT 0 NOT NULL,
	"g4_citizen" integer DEFAULT 0 NOT NULL,
	"g4_population" integer DEFAULT 0 NOT NULL,
	"s_pop" integer DEFAULT 0 NOT NULL,
	"s_k" integer DEFAULT 0 NOT NULL,
	"s_k_kept" integer DEFAULT 0 NOT NULL,
	"e_n" integer DEFAULT 0 NOT NULL,
	"e_ok" integer DEFAULT 0 NOT NULL,
	"e_k" integer DEFAULT 0 NOT NULL,
	"e_ok_kept" integer DEFAULT 0 NOT NULL,
	"e_k_kept" integer DEFAULT 0 NOT NULL,
	"sk_k" integer DEFAULT 0 NOT NULL,
	"sk_k_kept" integer DEFAULT 0 NOT NULL,
	"ek_k" integer DEFAULT 0 NOT NULL,
	"ek_k_kept" integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE INDEX "dossier766_days_key_idx" ON "dossier766_days" USING btree ("province_code","unit_code","pc","day");--> statement-breakpoint
CREATE INDEX "dossier766_days_day_idx" ON "dossier766_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dossier766_months_key_idx" ON "dossier766_months" USING btree ("province_code","unit_code","pc","month");--> statement-breakpoint
-- Never updated, only deleted and inserted (as migration 0016 says of METHOD's): vacuumed early.
ALTER TABLE "dossier766_days" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "dossier766_months" SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
-- The counters, in the tables' order (ROLLUP766_COUNTERS in db/schema.ts; a test holds both).
CREATE FUNCTION "rollup766_counters"() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  select array['g3_received', 'g3_online', 'g3_online_result', 'g3_fee', 'g3_payable', 'g3_paid_dvcqg', 'g3_paid_local', 'g3_paid_fee', 'g4_received', 'g4_finished', 'g4_eresult', 'g4_digitised', 'g4_reused', 'g4_shared', 'g4_citizen', 'g4_population', 's_pop', 's_k', 's_k_kept', 'e_n', 'e_ok', 'e_k', 'e_ok_kept', 'e_k_kept', 'sk_k', 'sk_k_kept', 'ek_k', 'ek_k_kept']
$$;--> statement-breakpoint
-- A dossier's key instants and what each adds: at its §3 receipt (NgayTiepNhan, else
-- NgayNopHoSo) the §3 flags; at NgayTiepNhan the §4 flags (finished: by its final end);
-- the §2.1 terms at the bounds of its open spans and max(bound, due + 1 ms) — e_n, summed
-- up to an instant, says whether it is ended then — and the same over dossiers not rated
-- dissatisfied (§5.4, "kept").
CREATE FUNCTION "dossier_keys766"(irregular766 boolean, status smallint, channel smallint, paid_online smallint,
  fee_lines smallint, fee_positive boolean, received_at timestamptz, submitted_at timestamptz, start_at timestamptz,
  end766_at timestamptz, end766_status smallint, appointment_at timestamptz, due_at timestamptz, record766 smallint,
  supp766_at timestamptz, resume766_at timestamptz, due766_at timestamptz)
RETURNS TABLE (at timestamptz, g3_received int, g3_online int, g3_online_result int, g3_fee int, g3_payable int, g3_paid_dvcqg int, g3_paid_local int, g3_paid_fee int, g4_received int, g4_finished int, g4_eresult int, g4_digitised int, g4_reused int, g4_shared int, g4_citizen int, g4_population int, s_pop int, s_k int, s_k_kept int, e_n int, e_ok int, e_k int, e_ok_kept int, e_k_kept int, sk_k int, sk_k_kept int, ek_k int, ek_k_kept int) LANGUAGE sql STABLE AS $$
  select k.* from (select
      coalesce(received_at, submitted_at) as rec,
      coalesce(channel = 2, false) as c,
      coalesce(end766_status in (9, 10), false) as fin,
      coalesce(fee_lines = 0 or fee_positive, false) as payable,
      (record766 & 1) <> 0 as er, (record766 & 2) <> 0 as dig, (record766 & 4) <> 0 as reu, (record766 & 8) <> 0 as sh,
      (record766 & 16) <> 0 as popf, (record766 & 32) <> 0 as cit, (record766 & 64) = 0 as kept,
      resume766_at is not null as sw,
      d.due is not null as k,
      coalesce(supp766_at <= d.due, false) as ok_a,
      coalesce(end766_at <= coalesce(due766_at, d.due), false) as ok,
      d.due + interval '1 millisecond' as due_next,
      coalesce(due766_at, d.due) + interval '1 millisecond' as waited_next
    from (select due766(appointment_at, due_at) as due) d
    where status <> 1 and not irregular766
  ) f cross join lateral (values
    (f.rec, (true)::int, (f.c)::int, (f.c and f.fin and f.er)::int, (fee_positive)::int, (f.payable)::int, (f.payable and coalesce(paid_online = 1, false))::int, (f.payable and coalesce(paid_online = 2, false))::int, (fee_positive and coalesce(paid_online in (1, 2), false))::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (received_at, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.fin)::int, (f.fin and f.er)::int, (f.dig)::int, (f.reu)::int, (f.dig and f.sh)::int, (f.cit)::int, (f.cit and f.popf)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    -- Open from the start, due by D.
    (start_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.k)::int, (f.k and f.kept)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (case when f.k then greatest(start_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0),
    -- Answered supplement request: ended at it (status 5) until it is answered, then open again, due by D + the wait.
    (case when f.sw then supp766_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.ok_a)::int, (f.k)::int, (f.ok_a and f.kept)::int, (f.k and f.kept)::int, 0, 0, 0, 0),
    (case when f.sw and f.k then greatest(supp766_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int),
    (case when f.sw then resume766_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (f.k)::int, (f.k and f.kept)::int, -1, -(f.ok_a)::int, 0, -(f.ok_a and f.kept)::int, 0, 0, 0, 0, 0),
    (case when f.sw and f.k then greatest(resume766_at, f.waited_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0),
    -- The end, on time by D (+ the wait).
    (end766_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.ok)::int, (f.k)::int, (f.ok and f.kept)::int, (f.k and f.kept)::int, 0, 0, 0, 0),
    (case when f.k and end766_at is not null then greatest(end766_at, f.waited_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int)
  ) k(at, g3_received, g3_online, g3_online_result, g3_fee, g3_payable, g3_paid_dvcqg, g3_paid_local, g3_paid_fee, g4_received, g4_finished, g4_eresult, g4_digitised, g4_reused, g4_shared, g4_citizen, g4_population, s_pop, s_k, s_k_kept, e_n, e_ok, e_k, e_ok_kept, e_k_kept, sk_k, sk_k_kept, ek_k, ek_k_kept)
  where k.at is not null
$$;--> statement-breakpoint
-- The merge of one rollup table with the rows `<tbl>_new`, append-only as migration 0012's.
CREATE FUNCTION "rollup766_merge_sql"(tbl text, key text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  cols text[] := rollup766_counters();
BEGIN
  RETURN format($q$
  %1$s_locked as (
    select t.ctid as id from %1$I t
    where (t.province_code, t.unit_code, t.pc, t.%2$I) in (select province_code, unit_code, pc, %2$I from %1$s_new)
    for update of t skip locked
  ), %1$s_old as (
    delete from %1$I t where t.ctid = any(array(select id from %1$s_locked))
    returning t.province_code, t.unit_code, t.pc, t.%2$I, %3$s
  ), %1$s_ins as (
    insert into %1$I (province_code, unit_code, pc, %2$I, %4$s)
    select * from (
      select n.province_code, n.unit_code, n.pc, n.%2$I, %5$s
      from (select * from %1$s_new union all select * from %1$s_old) n
      group by 1, 2, 3, 4
    ) m where %6$s
    returning 1
  )$q$, tbl, key,
    (select string_agg('t.' || c, ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    array_to_string(cols, ', '),
    (select string_agg(format('sum(n.%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i)));
END $f$;--> statement-breakpoint
-- The one statement that adds signed rows of dossiers (`source` yields `sgn` and the
-- dossier columns) to dossier766_days and dossier766_months.
CREATE FUNCTION "dossier_rollup766_sql"(source text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  cols text[] := rollup766_counters();
  nonzero text := (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i));
BEGIN
  RETURN format($q$
  with delta as (
    select x.province_code, x.unit_code, coalesce(x.procedure_code, '') as pc,
      (k.at at time zone 'Asia/Ho_Chi_Minh')::date as day, %2$s
    from (%1$s) x cross join lateral dossier_keys766(x.irregular766, x.status, x.channel, x.paid_online, x.fee_lines,
      x.fee_positive, x.received_at, x.submitted_at, x.start_at, x.end766_at, x.end766_status, x.appointment_at, x.due_at, x.record766,
      x.supp766_at, x.resume766_at, x.due766_at) k
    group by 1, 2, 3, 4
  ), dossier766_days_new as (
    select * from delta where %4$s
  ), dossier766_months_new as (
    select * from (
      select province_code, unit_code, pc, date_trunc('month', day)::date as month, %3$s
      from delta group by 1, 2, 3, 4
    ) m where %4$s
  ),
  %5$s,
  %6$s
  select (select count(*) from dossier766_days_ins) + (select count(*) from dossier766_months_ins)
  $q$, source,
    (select string_agg(format('sum(x.sgn * k.%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(format('sum(%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    nonzero, rollup766_merge_sql('dossier766_days', 'day'), rollup766_merge_sql('dossier766_months', 'month'));
END $f$;--> statement-breakpoint
CREATE FUNCTION "dossier_rollup766_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE dossier766_days, dossier766_months;
  ELSE
    EXECUTE dossier_rollup766_sql(CASE TG_OP
      WHEN 'INSERT' THEN 'select 1 as sgn, n.* from new_rows n'
      WHEN 'UPDATE' THEN 'select -1 as sgn, o.* from old_rows o union all select 1, n.* from new_rows n'
      ELSE 'select -1 as sgn, o.* from old_rows o' END);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "dossier_rollup766_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier766_days, dossier766_months;
  EXECUTE dossier_rollup766_sql('select 1 as sgn, d.* from dossiers d');
END $$;--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup766_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup766_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup766_update" AFTER UPDATE ON "dossiers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup766_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup766_delete" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup766_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup766_truncate" AFTER TRUNCATE ON "dossiers" FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup766_trigger();--> statement-breakpoint
SELECT dossier_rollup766_rebuild();
