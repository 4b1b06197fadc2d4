-- Year rows for both rollups (issue #21: "reach METHOD's own goal with cumulative month
-- rows"). A prefix read the month rows of every (agency, procedure) pair before the month
-- it ends in: eleven per pair in December, ~51,000 rows at 1M dossiers, the bulk of a
-- scorecard. With the same sums by year, a prefix is the years before plus at most six
-- months of its year (or the years up to it less its months after), lib/engine/rollup.ts
-- prefixOf. Year rows are written as day and month rows are (append and fold, migration
-- 0012): true running totals (one row per pair per prefix) would have every writer update
-- every later month of a pair, and two writers creating a month at once would both start
-- it from the same total; years keep each key instant in exactly three rows.
CREATE TABLE "dossier_years" (LIKE "dossier_months" INCLUDING DEFAULTS);--> statement-breakpoint
ALTER TABLE "dossier_years" RENAME COLUMN "month" TO "year";--> statement-breakpoint
CREATE TABLE "dossier766_years" (LIKE "dossier766_months" INCLUDING DEFAULTS);--> statement-breakpoint
ALTER TABLE "dossier766_years" RENAME COLUMN "month" TO "year";--> statement-breakpoint
CREATE INDEX "dossier_years_key_idx" ON "dossier_years" USING btree ("province_code","unit_code","pc","year");--> statement-breakpoint
CREATE INDEX "dossier766_years_key_idx" ON "dossier766_years" USING btree ("province_code","unit_code","pc","year");--> statement-breakpoint
-- A prefix now reads one or a few months of every pair, not all before a month: by month
-- (a month of 57,000 rows at 1M read 4,300 of them by a full scan, 24 ms).
CREATE INDEX IF NOT EXISTS "dossier_months_month_idx" ON "dossier_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossier766_months_month_idx" ON "dossier766_months" USING btree ("month");--> statement-breakpoint
-- Every write of a pair folds its year row: vacuumed as early as the month rows (0016).
ALTER TABLE "dossier_years" SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "dossier766_years" SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
-- METHOD's counters, in the tables' order (ROLLUP_COUNTERS in db/schema.ts; a test holds both).
CREATE FUNCTION "rollup_counters"() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  select array['r_received', 'r_online', 'r_online_dvcqg', 'r_online_local', 'r_postal', 'r_fee', 'r_paid_any', 'r_payable', 'r_paid_dvcqg', 'r_paid_local', 's_pop', 's_k', 's_c', 's_kc', 'e_n', 'e_ok', 'e_k', 'e_c', 'e_kc', 'sk_k', 'sk_kc', 'ek_k', 'ek_kc']
$$;--> statement-breakpoint
-- The merge of one rollup table with the rows `<tbl>_new` (migration 0012's, for any list
-- of counters): the rows of those keys no other writer holds are deleted and folded, with
-- the new ones, into one row per key.
CREATE FUNCTION "rollup_merge_sql"(tbl text, key text, cols text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
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
    (select string_agg(format('sum(n.%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i)))
$f$;--> statement-breakpoint
-- The one statement that adds signed rows of dossiers (`source` yields `sgn` and the
-- dossier columns) to a rollup's day, month and year tables (`<prefix>_days`, …), each
-- dossier by its key rows (`keys`, a call over the alias x), in the writing transaction.
CREATE FUNCTION "rollup_write_sql"(source text, prefix text, cols text[], keys text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
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
    (select string_agg(format('sum(x.sgn * k.%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(format('sum(%1$s)::int as %1$s', c), ', ' order by i) from unnest(cols) with ordinality u(c, i)),
    (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(cols) with ordinality u(c, i)),
    keys,
    rollup_merge_sql(prefix || '_days', 'day', cols),
    rollup_merge_sql(prefix || '_months', 'month', cols),
    rollup_merge_sql(prefix || '_years', 'year', cols))
$f$;--> statement-breakpoint
-- Both rollups' statements, now built by the one function above.
CREATE OR REPLACE FUNCTION "dossier_rollup_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select rollup_write_sql(source, 'dossier', rollup_counters(),
    'dossier_keys(x.status, x.channel, x.source, x.paid_online, x.fee_lines, x.fee_positive, x.received_at, x.start_at, x.done_at, x.closed_at, x.due_at)')
$f$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dossier_rollup766_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select rollup_write_sql(source, 'dossier766', rollup766_counters(),
    'dossier_keys766(x.irregular766, x.status, x.channel, x.paid_online, x.fee_lines, x.fee_positive, x.received_at, x.submitted_at, x.start_at, x.end766_at, x.end766_status, x.appointment_at, x.due_at, x.record766, x.supp766_at, x.resume766_at, x.due766_at)')
$f$;--> statement-breakpoint
DROP FUNCTION "dossier_rollup_merge_sql"(text, text);--> statement-breakpoint
DROP FUNCTION "rollup766_merge_sql"(text, text);--> statement-breakpoint
-- One trigger function for both rollups, named by the trigger's argument, now that a
-- truncate empties three tables of each.
CREATE FUNCTION "rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prefix text := TG_ARGV[0];
  source text := CASE TG_OP
    WHEN 'INSERT' THEN 'select 1 as sgn, n.* from new_rows n'
    WHEN 'UPDATE' THEN 'select -1 as sgn, o.* from old_rows o union all select 1, n.* from new_rows n'
    ELSE 'select -1 as sgn, o.* from old_rows o' END;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('TRUNCATE %I, %I, %I', prefix || '_days', prefix || '_months', prefix || '_years');
  ELSE
    -- The transition tables, not arrays of rows: a large update spills to disk, not to memory.
    EXECUTE CASE prefix WHEN 'dossier' THEN dossier_rollup_sql(source) ELSE dossier_rollup766_sql(source) END;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The eight triggers (two rollups × insert, update, delete, truncate) keep their names, now
-- calling the one function with their rollup's prefix.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES ('rollup', 'dossier'), ('rollup766', 'dossier766')) v(name, prefix),
    (VALUES ('insert', 'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'),
      ('update', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'),
      ('delete', 'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'),
      ('truncate', 'FOR EACH STATEMENT')) o(op, rows) LOOP
    EXECUTE format('DROP TRIGGER %I ON dossiers', 'dossiers_' || r.name || '_' || r.op);
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON dossiers %s EXECUTE FUNCTION rollup_trigger(%L)',
      'dossiers_' || r.name || '_' || r.op, upper(r.op), r.rows, r.prefix);
  END LOOP;
END $$;--> statement-breakpoint
DROP FUNCTION "dossier_rollup_trigger"();--> statement-breakpoint
DROP FUNCTION "dossier_rollup766_trigger"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dossier_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier_days, dossier_months, dossier_years;
  EXECUTE dossier_rollup_sql('select 1 as sgn, d.* from dossiers d');
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dossier_rollup766_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier766_days, dossier766_months, dossier766_years;
  EXECUTE dossier_rollup766_sql('select 1 as sgn, d.* from dossiers d');
END $$;--> statement-breakpoint
-- The years of what is there, from the months (a few thousand rows, not the dossiers).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES ('dossier', rollup_counters()), ('dossier766', rollup766_counters())) v(prefix, cols) LOOP
    EXECUTE format('insert into %1$I (province_code, unit_code, pc, year, %2$s)
      select * from (select province_code, unit_code, pc, date_trunc(''year'', month)::date, %3$s
        from %4$I group by 1, 2, 3, 4) m where %5$s',
      r.prefix || '_years', array_to_string(r.cols, ', '),
      (select string_agg(format('sum(%1$s)::int as %1$s', c), ', ' order by i) from unnest(r.cols) with ordinality u(c, i)),
      r.prefix || '_months',
      (select string_agg(c || ' <> 0', ' or ' order by i) from unnest(r.cols) with ordinality u(c, i)));
  END LOOP;
END $$;
