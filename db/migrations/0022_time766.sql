-- METHOD-766 §2.2's average processing time kept on write like the other 766 counts (issue
-- #21, Build 2): at each dossier's start, whether it finished with 9 or 10 (by its final
-- end, corrected at read time as §4.1's finished count is, lib/engine/rollup766.ts) and
-- its time two ways: milliseconds (the unit of hours and days) and working days. Which of
-- the two a procedure reads is its catalogue's unit, read when the index is asked, so a
-- catalogue change rewrites nothing; the working days depend on the calendar, so they are
-- a stored fact of the dossier (elapsed766_days), refreshed on a calendar change as the
-- due instant is (lib/engine/calendar-sql.ts), and its update moves the rollup's rows.
-- Sums are exact integers up to the last division (lib/method/i766/ontime.ts
-- averageTime766), so the rollup and the full computation give the same bytes.

-- §2.2's time in milliseconds: the 766 end less the supplement waits, from the start.
CREATE FUNCTION "elapsed766_ms"(start_at timestamptz, end_at timestamptz, wait_ms float8) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  select (round(extract(epoch from end_at - start_at) * 1000) - round(coalesce(wait_ms, 0)))::bigint
$$;--> statement-breakpoint
-- §2.2's time in working days (METHOD §A.4's count, work_days' ordinals; 0 outside the
-- calendar, as the full computation reads it), for a dossier finished with 9 or 10.
CREATE FUNCTION "elapsed766_days"(start_at timestamptz, end_at timestamptz, end_status integer, wait_ms float8) RETURNS integer LANGUAGE sql STABLE AS $$
  select case when end_status in (9, 10) and start_at is not null and end_at is not null then greatest(0,
    (select w.ord from work_days w
      where w.day = ((end_at - coalesce(wait_ms, 0) * interval '1 millisecond') at time zone 'Asia/Ho_Chi_Minh')::date)
    - (select w.ord from work_days w where w.day = (start_at at time zone 'Asia/Ho_Chi_Minh')::date)) end
$$;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "elapsed766_days" integer;--> statement-breakpoint
ALTER TABLE "dossier766_days" ADD COLUMN "t22" integer DEFAULT 0 NOT NULL, ADD COLUMN "t22_ms" bigint DEFAULT 0 NOT NULL, ADD COLUMN "t22_wd" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier766_months" ADD COLUMN "t22" integer DEFAULT 0 NOT NULL, ADD COLUMN "t22_ms" bigint DEFAULT 0 NOT NULL, ADD COLUMN "t22_wd" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier766_years" ADD COLUMN "t22" integer DEFAULT 0 NOT NULL, ADD COLUMN "t22_ms" bigint DEFAULT 0 NOT NULL, ADD COLUMN "t22_wd" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "rollup766_counters"() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  select array['g3_received', 'g3_online', 'g3_online_result', 'g3_fee', 'g3_payable', 'g3_paid_dvcqg', 'g3_paid_local', 'g3_paid_fee', 'g4_received', 'g4_finished', 'g4_eresult', 'g4_digitised', 'g4_reused', 'g4_shared', 'g4_citizen', 'g4_population', 's_pop', 's_k', 's_k_kept', 'e_n', 'e_ok', 'e_k', 'e_ok_kept', 'e_k_kept', 'sk_k', 'sk_k_kept', 'ek_k', 'ek_k_kept', 't22', 't22_ms', 't22_wd']
$$;--> statement-breakpoint
-- Sums as bigint: a day's milliseconds overflow an integer; integer columns take them back.
CREATE OR REPLACE FUNCTION "rollup_merge_sql"(tbl text, key text, cols text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
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
    (select string_agg(format('sum(n.%1$s)::bigint as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i)))
$f$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "rollup_write_sql"(source text, prefix text, cols text[], keys text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
  with delta as (
    select x.province_code, x.unit_code, coalesce(x.procedure_code, '') as pc,
      (k.at at time zone 'Asia/Ho_Chi_Minh')::date as day, %3$s
    from (%1$s) x cross join lateral %6$s k
    group by 1, 2, 3, 4
  ), %2$s_days_new as (
    select * from delta where %5$s
  ), %2$s_months_new as (
    select * from (
      select province_code, unit_code, pc, date_trunc('month', day)::date as month, %4$s
      from delta group by 1, 2, 3, 4
    ) m where %5$s
  ), %2$s_years_new as (
    select * from (
      select province_code, unit_code, pc, date_trunc('year', month)::date as year, %4$s
      from %2$s_months_new group by 1, 2, 3, 4
    ) m where %5$s
  ),
  %7$s,
  %8$s,
  %9$s
  select (select count(*) from %2$s_days_ins) + (select count(*) from %2$s_months_ins) + (select count(*) from %2$s_years_ins)
  $q$, source, prefix,
    (select string_agg(format('sum(x.sgn * k.%1$s)::bigint as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(format('sum(%1$s)::bigint as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i)),
    keys,
    rollup_merge_sql(prefix || '_days', 'day', cols),
    rollup_merge_sql(prefix || '_months', 'month', cols),
    rollup_merge_sql(prefix || '_years', 'year', cols))
$f$;--> statement-breakpoint
DROP FUNCTION "dossier_keys766"(boolean, smallint, smallint, smallint, smallint, boolean, timestamptz, timestamptz, timestamptz, timestamptz, smallint, timestamptz, timestamptz, smallint, timestamptz, timestamptz, timestamptz);--> statement-breakpoint
-- Migration 0020's keys, with §2.2 at the start.
CREATE FUNCTION "dossier_keys766"(irregular766 boolean, status smallint, channel smallint, paid_online smallint,
  fee_lines smallint, fee_positive boolean, received_at timestamptz, submitted_at timestamptz, start_at timestamptz,
  end766_at timestamptz, end766_status smallint, appointment_at timestamptz, due_at timestamptz, record766 smallint,
  supp766_at timestamptz, resume766_at timestamptz, due766_at timestamptz, wait766_ms float8, elapsed766_days int)
RETURNS TABLE (at timestamptz, g3_received int, g3_online int, g3_online_result int, g3_fee int, g3_payable int, g3_paid_dvcqg int, g3_paid_local int, g3_paid_fee int, g4_received int, g4_finished int, g4_eresult int, g4_digitised int, g4_reused int, g4_shared int, g4_citizen int, g4_population int, s_pop int, s_k int, s_k_kept int, e_n int, e_ok int, e_k int, e_ok_kept int, e_k_kept int, sk_k int, sk_k_kept int, ek_k int, ek_k_kept int, t22 int, t22_ms bigint, t22_wd int) LANGUAGE sql STABLE AS $$
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
    (f.rec, (true)::int, (f.c)::int, (f.c and f.fin and f.er)::int, (fee_positive)::int, (f.payable)::int, (f.payable and coalesce(paid_online = 1, false))::int, (f.payable and coalesce(paid_online = 2, false))::int, (fee_positive and coalesce(paid_online in (1, 2), false))::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint, 0),
    (received_at, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.fin)::int, (f.fin and f.er)::int, (f.dig)::int, (f.reu)::int, (f.dig and f.sh)::int, (f.cit)::int, (f.cit and f.popf)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint, 0),
    -- Open from the start, due by D.
    (start_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.k)::int, (f.k and f.kept)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, (f.fin)::int, case when f.fin then elapsed766_ms(start_at, end766_at, wait766_ms) else 0 end, case when f.fin then coalesce(elapsed766_days, 0) else 0 end),
    (case when f.k then greatest(start_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0, 0, 0::bigint, 0),
    -- Answered supplement request: ended at it (status 5) until it is answered, then open again, due by D + the wait.
    (case when f.sw then supp766_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.ok_a)::int, (f.k)::int, (f.ok_a and f.kept)::int, (f.k and f.kept)::int, 0, 0, 0, 0, 0, 0::bigint, 0),
    (case when f.sw and f.k then greatest(supp766_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0::bigint, 0),
    (case when f.sw then resume766_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (f.k)::int, (f.k and f.kept)::int, -1, -(f.ok_a)::int, 0, -(f.ok_a and f.kept)::int, 0, 0, 0, 0, 0, 0, 0::bigint, 0),
    (case when f.sw and f.k then greatest(resume766_at, f.waited_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0, 0, 0::bigint, 0),
    -- The end, on time by D (+ the wait).
    (end766_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.ok)::int, (f.k)::int, (f.ok and f.kept)::int, (f.k and f.kept)::int, 0, 0, 0, 0, 0, 0::bigint, 0),
    (case when f.k and end766_at is not null then greatest(end766_at, f.waited_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (true)::int, (f.kept)::int, 0, 0::bigint, 0)
  ) k(at, g3_received, g3_online, g3_online_result, g3_fee, g3_payable, g3_paid_dvcqg, g3_paid_local, g3_paid_fee, g4_received, g4_finished, g4_eresult, g4_digitised, g4_reused, g4_shared, g4_citizen, g4_population, s_pop, s_k, s_k_kept, e_n, e_ok, e_k, e_ok_kept, e_k_kept, sk_k, sk_k_kept, ek_k, ek_k_kept, t22, t22_ms, t22_wd)
  where k.at is not null
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dossier_rollup766_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select rollup_write_sql(source, 'dossier766', rollup766_counters(),
    'dossier_keys766(x.irregular766, x.status, x.channel, x.paid_online, x.fee_lines, x.fee_positive, x.received_at, x.submitted_at, x.start_at, x.end766_at, x.end766_status, x.appointment_at, x.due_at, x.record766, x.supp766_at, x.resume766_at, x.due766_at, x.wait766_ms, x.elapsed766_days)')
$f$;--> statement-breakpoint
-- The stored working days of what is there, without the rollups' update triggers (the
-- 766 rollup is rebuilt below; METHOD's does not read the column).
ALTER TABLE "dossiers" DISABLE TRIGGER "dossiers_rollup_update";--> statement-breakpoint
ALTER TABLE "dossiers" DISABLE TRIGGER "dossiers_rollup766_update";--> statement-breakpoint
UPDATE "dossiers" SET "elapsed766_days" = elapsed766_days(start_at, end766_at, end766_status, wait766_ms)
  WHERE end766_status in (9, 10) and start_at is not null and end766_at is not null;--> statement-breakpoint
ALTER TABLE "dossiers" ENABLE TRIGGER "dossiers_rollup_update";--> statement-breakpoint
ALTER TABLE "dossiers" ENABLE TRIGGER "dossiers_rollup766_update";--> statement-breakpoint
SELECT dossier_rollup766_rebuild();
