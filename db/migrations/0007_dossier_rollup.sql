CREATE TABLE "dossier_days" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"pc" text NOT NULL,
	"day" date NOT NULL,
	"r_received" integer DEFAULT 0 NOT NULL,
	"r_online" integer DEFAULT 0 NOT NULL,
	"r_online_dvcqg" integer DEFAULT 0 NOT NULL,
	"r_online_local" integer DEFAULT 0 NOT NULL,
	"r_postal" integer DEFAULT 0 NOT NULL,
	"r_fee" integer DEFAULT 0 NOT NULL,
	"r_paid_any" integer DEFAULT 0 NOT NULL,
	"r_payable" integer DEFAULT 0 NOT NULL,
	"r_paid_dvcqg" integer DEFAULT 0 NOT NULL,
	"r_paid_local" integer DEFAULT 0 NOT NULL,
	"s_pop" integer DEFAULT 0 NOT NULL,
	"s_k" integer DEFAULT 0 NOT NULL,
	"s_c" integer DEFAULT 0 NOT NULL,
	"s_kc" integer DEFAULT 0 NOT NULL,
	"e_n" integer DEFAULT 0 NOT NULL,
	"e_ok" integer DEFAULT 0 NOT NULL,
	"e_k" integer DEFAULT 0 NOT NULL,
	"e_c" integer DEFAULT 0 NOT NULL,
	"e_kc" integer DEFAULT 0 NOT NULL,
	"sk_k" integer DEFAULT 0 NOT NULL,
	"sk_kc" integer DEFAULT 0 NOT NULL,
	"ek_k" integer DEFAULT 0 NOT NULL,
	"ek_kc" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_months" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"pc" text NOT NULL,
	"month" date NOT NULL,
	"r_received" integer DEFAULT 0 NOT NULL,
	"r_online" integer DEFAULT 0 NOT NULL,
	"r_online_dvcqg" integer DEFAULT 0 NOT NULL,
	"r_online_local" integer DEFAULT 0 NOT NULL,
	"r_postal" integer DEFAULT 0 NOT NULL,
	"r_fee" integer DEFAULT 0 NOT NULL,
	"r_paid_any" integer DEFAULT 0 NOT NULL,
	"r_payable" integer DEFAULT 0 NOT NULL,
	"r_paid_dvcqg" integer DEFAULT 0 NOT NULL,
	"r_paid_local" integer DEFAULT 0 NOT NULL,
	"s_pop" integer DEFAULT 0 NOT NULL,
	"s_k" integer DEFAULT 0 NOT NULL,
	"s_c" integer DEFAULT 0 NOT NULL,
	"s_kc" integer DEFAULT 0 NOT NULL,
	"e_n" integer DEFAULT 0 NOT NULL,
	"e_ok" integer DEFAULT 0 NOT NULL,
	"e_k" integer DEFAULT 0 NOT NULL,
	"e_c" integer DEFAULT 0 NOT NULL,
	"e_kc" integer DEFAULT 0 NOT NULL,
	"sk_k" integer DEFAULT 0 NOT NULL,
	"sk_kc" integer DEFAULT 0 NOT NULL,
	"ek_k" integer DEFAULT 0 NOT NULL,
	"ek_kc" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "process_steps" DROP CONSTRAINT "process_steps_province_code_dossier_id_dossiers_province_code_id_fk";
--> statement-breakpoint
CREATE INDEX "dossier_days_key_idx" ON "dossier_days" USING btree ("province_code","unit_code","pc","day");--> statement-breakpoint
CREATE INDEX "dossier_days_day_idx" ON "dossier_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dossier_months_key_idx" ON "dossier_months" USING btree ("province_code","unit_code","pc","month");--> statement-breakpoint
ALTER TABLE "process_steps" ADD CONSTRAINT "process_steps_province_code_dossier_id_dossiers_province_code_id_fk" FOREIGN KEY ("province_code","dossier_id") REFERENCES "public"."dossiers"("province_code","id") ON DELETE cascade ON UPDATE cascade;
--> statement-breakpoint
-- Room in every page for the in-place updates of the writers' merges (HOT updates keep the tables from growing).
ALTER TABLE "dossier_days" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "dossier_months" SET (fillfactor = 50);--> statement-breakpoint
CREATE INDEX "dossiers_done_idx" ON "dossiers" ("done_at");--> statement-breakpoint
CREATE INDEX "dossiers_closed_idx" ON "dossiers" ("closed_at");--> statement-breakpoint
CREATE INDEX "dossiers_due_idx" ON "dossiers" ("due_at");--> statement-breakpoint
-- METHOD §A counts decompose into prefix counts of single key instants (lib/engine/rollup.ts
-- says how) when a dossier's end is not before its start and its first end event is the
-- one that stays its end (Đã xử lý xong not after another terminal event). The few that
-- break this ("irregular": no start, or events out of order) are read from the dossiers
-- themselves, through the partial index below; drafts (status 1) have no §A weight.
CREATE FUNCTION "dossier_irregular"(status smallint, start_at timestamptz, done_at timestamptz, closed_at timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  select status <> 1 and (start_at is null
    or coalesce(done_at is not null and closed_at is not null and closed_at < done_at, false)
    or coalesce(coalesce(done_at, closed_at) < start_at, false))
$$;--> statement-breakpoint
CREATE INDEX "dossiers_irregular_idx" ON "dossiers" ("unit_code") WHERE dossier_irregular(status, start_at, done_at, closed_at);--> statement-breakpoint
-- So that the planner knows how few they are (without it, a third of the table).
CREATE STATISTICS "dossiers_irregular_stats" ON (dossier_irregular(status, start_at, done_at, closed_at)) FROM "dossiers";--> statement-breakpoint
-- A dossier's key instants and what each adds to the rollup's counters (the columns of
-- dossier_days): NgayTiepNhan with the §B/§C/§Đ flags; and, for dossiers in §A's
-- decomposition, the start, the end, and max(start | end, due + 1 ms).
CREATE FUNCTION "dossier_keys"(status smallint, channel smallint, source text, paid_online smallint, fee_lines smallint,
  fee_positive boolean, received_at timestamptz, start_at timestamptz, done_at timestamptz, closed_at timestamptz, due_at timestamptz)
RETURNS TABLE (at timestamptz, r_received int, r_online int, r_online_dvcqg int, r_online_local int, r_postal int, r_fee int, r_paid_any int, r_payable int, r_paid_dvcqg int, r_paid_local int, s_pop int, s_k int, s_c int, s_kc int, e_n int, e_ok int, e_k int, e_c int, e_kc int, sk_k int, sk_kc int, ek_k int, ek_kc int) LANGUAGE sql STABLE AS $$
  select k.* from (select
      status <> 1 and not dossier_irregular(status, start_at, done_at, closed_at) as a,
      due_at is not null as k,
      coalesce(channel = 2, false) as c,
      fee_lines = 0 or fee_positive as payable,
      coalesce(done_at, closed_at) as e,
      coalesce(case when done_at is not null then done_at <= due_at else closed_at <= due_at end, false) as ok,
      due_at + interval '1 millisecond' as due_next
  ) f cross join lateral (values
    (received_at, 1, f.c::int, (f.c and coalesce(source = 'DVCQG', false))::int, (f.c and coalesce(source = 'DIAPHUONG', false))::int, coalesce(channel = 3, false)::int, fee_positive::int, coalesce(paid_online in (1, 2), false)::int, f.payable::int, (f.payable and coalesce(paid_online = 1, false))::int, (f.payable and coalesce(paid_online = 2, false))::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (case when f.a then start_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.k::int, f.c::int, (f.k and f.c)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (case when f.a then f.e end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.ok::int, f.k::int, f.c::int, (f.k and f.c)::int, 0, 0, 0, 0),
    (case when f.a and f.k then greatest(start_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.c::int, 0, 0),
    (case when f.a and f.k and f.e is not null then greatest(f.e, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.c::int)
  ) k(at, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
  where k.at is not null
$$;--> statement-breakpoint
-- The merge of one rollup table (`tbl`, keyed by `key`) with the rows `<tbl>_new` of the
-- statement below: lock the key's rows unless another writer holds them, fold extra rows
-- into one, update it in place, insert keys that have no row.
CREATE FUNCTION "dossier_rollup_merge_sql"(tbl text, key text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
  %1$s_locked as (
    select t.ctid as id, t.province_code, t.unit_code, t.pc, t.%2$I from %1$I t
    where (t.province_code, t.unit_code, t.pc, t.%2$I) in (select province_code, unit_code, pc, %2$I from %1$s_new)
    for update of t skip locked
  ), %1$s_target as (
    select distinct on (province_code, unit_code, pc, %2$I) * from %1$s_locked order by province_code, unit_code, pc, %2$I, id
  ), %1$s_extra as (
    -- Rows a key gained while another writer held it: folded into the target row.
    delete from %1$I t
    where t.ctid = any(array(select id from %1$s_locked except select id from %1$s_target))
    returning t.*
  ), %1$s_upd as (
    -- In place (HOT: no indexed column changes), by row address: no scan of the table.
    update %1$I t set
      r_received = t.r_received + n.r_received,
      r_online = t.r_online + n.r_online,
      r_online_dvcqg = t.r_online_dvcqg + n.r_online_dvcqg,
      r_online_local = t.r_online_local + n.r_online_local,
      r_postal = t.r_postal + n.r_postal,
      r_fee = t.r_fee + n.r_fee,
      r_paid_any = t.r_paid_any + n.r_paid_any,
      r_payable = t.r_payable + n.r_payable,
      r_paid_dvcqg = t.r_paid_dvcqg + n.r_paid_dvcqg,
      r_paid_local = t.r_paid_local + n.r_paid_local,
      s_pop = t.s_pop + n.s_pop,
      s_k = t.s_k + n.s_k,
      s_c = t.s_c + n.s_c,
      s_kc = t.s_kc + n.s_kc,
      e_n = t.e_n + n.e_n,
      e_ok = t.e_ok + n.e_ok,
      e_k = t.e_k + n.e_k,
      e_c = t.e_c + n.e_c,
      e_kc = t.e_kc + n.e_kc,
      sk_k = t.sk_k + n.sk_k,
      sk_kc = t.sk_kc + n.sk_kc,
      ek_k = t.ek_k + n.ek_k,
      ek_kc = t.ek_kc + n.ek_kc
    from (
      select o.id, sum(n.r_received) as r_received, sum(n.r_online) as r_online, sum(n.r_online_dvcqg) as r_online_dvcqg, sum(n.r_online_local) as r_online_local, sum(n.r_postal) as r_postal, sum(n.r_fee) as r_fee, sum(n.r_paid_any) as r_paid_any, sum(n.r_payable) as r_payable, sum(n.r_paid_dvcqg) as r_paid_dvcqg, sum(n.r_paid_local) as r_paid_local, sum(n.s_pop) as s_pop, sum(n.s_k) as s_k, sum(n.s_c) as s_c, sum(n.s_kc) as s_kc, sum(n.e_n) as e_n, sum(n.e_ok) as e_ok, sum(n.e_k) as e_k, sum(n.e_c) as e_c, sum(n.e_kc) as e_kc, sum(n.sk_k) as sk_k, sum(n.sk_kc) as sk_kc, sum(n.ek_k) as ek_k, sum(n.ek_kc) as ek_kc
      from %1$s_target o join (select * from %1$s_new union all select * from %1$s_extra) n on o.province_code = n.province_code and o.unit_code = n.unit_code and o.pc = n.pc and o.%2$I = n.%2$I
      group by o.id
    ) n
    where t.ctid = n.id and t.ctid = any(array(select id from %1$s_target))
    returning 1
  ), %1$s_ins as (
    insert into %1$I (province_code, unit_code, pc, %2$I, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
    select n.* from %1$s_new n where not exists (select 1 from %1$s_target o where o.province_code = n.province_code and o.unit_code = n.unit_code and o.pc = n.pc and o.%2$I = n.%2$I)
    returning 1
  )
  $q$, tbl, key)
$f$;--> statement-breakpoint
-- The one statement that adds signed rows of dossiers (`source`: a query yielding `sgn`
-- and the dossier columns) to the rollup by day and by month. Each touched key's row is
-- updated in place, unless another writer holds it (SKIP LOCKED): then a second row is
-- added, which reads sum and the next writer folds back. Writers never wait for each
-- other and never deadlock.
-- Run by the trigger below on its transition tables, and by dossier_rollup_rebuild().
CREATE FUNCTION "dossier_rollup_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
  with delta as (
    select x.province_code, x.unit_code, coalesce(x.procedure_code, '') as pc,
      (k.at at time zone 'Asia/Ho_Chi_Minh')::date as day, sum(x.sgn * k.r_received)::int as r_received, sum(x.sgn * k.r_online)::int as r_online, sum(x.sgn * k.r_online_dvcqg)::int as r_online_dvcqg, sum(x.sgn * k.r_online_local)::int as r_online_local, sum(x.sgn * k.r_postal)::int as r_postal, sum(x.sgn * k.r_fee)::int as r_fee, sum(x.sgn * k.r_paid_any)::int as r_paid_any, sum(x.sgn * k.r_payable)::int as r_payable, sum(x.sgn * k.r_paid_dvcqg)::int as r_paid_dvcqg, sum(x.sgn * k.r_paid_local)::int as r_paid_local, sum(x.sgn * k.s_pop)::int as s_pop, sum(x.sgn * k.s_k)::int as s_k, sum(x.sgn * k.s_c)::int as s_c, sum(x.sgn * k.s_kc)::int as s_kc, sum(x.sgn * k.e_n)::int as e_n, sum(x.sgn * k.e_ok)::int as e_ok, sum(x.sgn * k.e_k)::int as e_k, sum(x.sgn * k.e_c)::int as e_c, sum(x.sgn * k.e_kc)::int as e_kc, sum(x.sgn * k.sk_k)::int as sk_k, sum(x.sgn * k.sk_kc)::int as sk_kc, sum(x.sgn * k.ek_k)::int as ek_k, sum(x.sgn * k.ek_kc)::int as ek_kc
    from (%1$s) x cross join lateral dossier_keys(x.status, x.channel, x.source, x.paid_online, x.fee_lines, x.fee_positive, x.received_at, x.start_at, x.done_at, x.closed_at, x.due_at) k
    group by 1, 2, 3, 4
  ), dossier_days_new as (
    select * from delta where r_received <> 0 or r_online <> 0 or r_online_dvcqg <> 0 or r_online_local <> 0 or r_postal <> 0 or r_fee <> 0 or r_paid_any <> 0 or r_payable <> 0 or r_paid_dvcqg <> 0 or r_paid_local <> 0 or s_pop <> 0 or s_k <> 0 or s_c <> 0 or s_kc <> 0 or e_n <> 0 or e_ok <> 0 or e_k <> 0 or e_c <> 0 or e_kc <> 0 or sk_k <> 0 or sk_kc <> 0 or ek_k <> 0 or ek_kc <> 0
  ), dossier_months_new as (
    select * from (
      select province_code, unit_code, pc, date_trunc('month', day)::date as month, sum(r_received)::int as r_received, sum(r_online)::int as r_online, sum(r_online_dvcqg)::int as r_online_dvcqg, sum(r_online_local)::int as r_online_local, sum(r_postal)::int as r_postal, sum(r_fee)::int as r_fee, sum(r_paid_any)::int as r_paid_any, sum(r_payable)::int as r_payable, sum(r_paid_dvcqg)::int as r_paid_dvcqg, sum(r_paid_local)::int as r_paid_local, sum(s_pop)::int as s_pop, sum(s_k)::int as s_k, sum(s_c)::int as s_c, sum(s_kc)::int as s_kc, sum(e_n)::int as e_n, sum(e_ok)::int as e_ok, sum(e_k)::int as e_k, sum(e_c)::int as e_c, sum(e_kc)::int as e_kc, sum(sk_k)::int as sk_k, sum(sk_kc)::int as sk_kc, sum(ek_k)::int as ek_k, sum(ek_kc)::int as ek_kc
      from delta group by 1, 2, 3, 4
    ) m where r_received <> 0 or r_online <> 0 or r_online_dvcqg <> 0 or r_online_local <> 0 or r_postal <> 0 or r_fee <> 0 or r_paid_any <> 0 or r_payable <> 0 or r_paid_dvcqg <> 0 or r_paid_local <> 0 or s_pop <> 0 or s_k <> 0 or s_c <> 0 or s_kc <> 0 or e_n <> 0 or e_ok <> 0 or e_k <> 0 or e_c <> 0 or e_kc <> 0 or sk_k <> 0 or sk_kc <> 0 or ek_k <> 0 or ek_kc <> 0
  ),
  %2$s,
  %3$s
  select (select count(*) from dossier_days_upd) + (select count(*) from dossier_days_ins)
    + (select count(*) from dossier_months_upd) + (select count(*) from dossier_months_ins)
  $q$, source, dossier_rollup_merge_sql('dossier_days', 'day'), dossier_rollup_merge_sql('dossier_months', 'month'))
$f$;--> statement-breakpoint
CREATE FUNCTION "dossier_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE dossier_days, dossier_months;
  ELSE
    -- The transition tables, not arrays of rows: a large update spills to disk, not to memory.
    EXECUTE dossier_rollup_sql(CASE TG_OP
      WHEN 'INSERT' THEN 'select 1 as sgn, n.* from new_rows n'
      WHEN 'UPDATE' THEN 'select -1 as sgn, o.* from old_rows o union all select 1, n.* from new_rows n'
      ELSE 'select -1 as sgn, o.* from old_rows o' END);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "dossier_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dossier_days, dossier_months;
  EXECUTE dossier_rollup_sql('select 1 as sgn, d.* from dossiers d');
END $$;--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_update" AFTER UPDATE ON "dossiers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_delete" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_truncate" AFTER TRUNCATE ON "dossiers" FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
-- The rollup of what is already there.
SELECT dossier_rollup_rebuild();
