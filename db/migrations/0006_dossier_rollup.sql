CREATE TABLE "dossier_days" (
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
	"ek_kc" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_days_unit_code_pc_day_pk" PRIMARY KEY("unit_code","pc","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_months" (
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
	"ek_kc" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_months_unit_code_pc_month_pk" PRIMARY KEY("unit_code","pc","month")
);
--> statement-breakpoint
CREATE INDEX "dossier_days_day_idx" ON "dossier_days" USING btree ("day");
--> statement-breakpoint
CREATE INDEX "dossiers_done_idx" ON "dossiers" ("done_at");--> statement-breakpoint
CREATE INDEX "dossiers_closed_idx" ON "dossiers" ("closed_at");--> statement-breakpoint
CREATE INDEX "dossiers_due_idx" ON "dossiers" ("due_at");--> statement-breakpoint
-- METHOD §A counts decompose into prefix counts of single key instants (lib/engine/rollup.ts
-- proves how) when a dossier's end is not before its start and its first end event is the
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
-- A dossier's key instants and what each adds to the rollup's counters (the columns of
-- dossier_days): NgayTiepNhan with the §B/§C/§Đ flags; and, for dossiers in §A's
-- decomposition, the start, the end, and max(start | end, due + 1 ms).
CREATE FUNCTION "dossier_keys"(d dossiers)
RETURNS TABLE (at timestamptz, r_received int, r_online int, r_online_dvcqg int, r_online_local int, r_postal int, r_fee int, r_paid_any int, r_payable int, r_paid_dvcqg int, r_paid_local int, s_pop int, s_k int, s_c int, s_kc int, e_n int, e_ok int, e_k int, e_c int, e_kc int, sk_k int, sk_kc int, ek_k int, ek_kc int) LANGUAGE sql STABLE AS $$
  select k.* from (select
      d.status <> 1 and not dossier_irregular(d.status, d.start_at, d.done_at, d.closed_at) as a,
      d.due_at is not null as k,
      coalesce(d.channel = 2, false) as c,
      d.fee_lines = 0 or d.fee_positive as payable,
      coalesce(d.done_at, d.closed_at) as e,
      coalesce(case when d.done_at is not null then d.done_at <= d.due_at else d.closed_at <= d.due_at end, false) as ok,
      d.due_at + interval '1 millisecond' as due_next
  ) f cross join lateral (values
    (d.received_at, 1, f.c::int, (f.c and coalesce(d.source = 'DVCQG', false))::int, (f.c and coalesce(d.source = 'DIAPHUONG', false))::int, (coalesce(d.channel = 3, false))::int, d.fee_positive::int, (coalesce(d.paid_online in (1, 2), false))::int, f.payable::int, (f.payable and coalesce(d.paid_online = 1, false))::int, (f.payable and coalesce(d.paid_online = 2, false))::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (case when f.a then d.start_at end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.k::int, f.c::int, (f.k and f.c)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (case when f.a then f.e end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.ok::int, f.k::int, f.c::int, (f.k and f.c)::int, 0, 0, 0, 0),
    (case when f.a and f.k then greatest(d.start_at, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.c::int, 0, 0),
    (case when f.a and f.k and f.e is not null then greatest(f.e, f.due_next) end, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.c::int)
  ) k(at, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
  where k.at is not null
$$;--> statement-breakpoint
-- Subtracts what the `gone` rows added and adds what the `came` rows add, by day and by
-- month; keys in a stable order so that concurrent writers lock rows in the same order.
CREATE FUNCTION "dossier_rollup_apply"(gone dossiers[], came dossiers[]) RETURNS void LANGUAGE sql AS $$
  with x as (
    select -1 as sgn, g as d from unnest(gone) g
    union all
    select 1, c from unnest(came) c
  ), delta as (
    select (x.d).unit_code as unit_code, coalesce((x.d).procedure_code, '') as pc,
      (k.at at time zone 'Asia/Ho_Chi_Minh')::date as day,
      sum(x.sgn * k.r_received)::int as r_received,
      sum(x.sgn * k.r_online)::int as r_online,
      sum(x.sgn * k.r_online_dvcqg)::int as r_online_dvcqg,
      sum(x.sgn * k.r_online_local)::int as r_online_local,
      sum(x.sgn * k.r_postal)::int as r_postal,
      sum(x.sgn * k.r_fee)::int as r_fee,
      sum(x.sgn * k.r_paid_any)::int as r_paid_any,
      sum(x.sgn * k.r_payable)::int as r_payable,
      sum(x.sgn * k.r_paid_dvcqg)::int as r_paid_dvcqg,
      sum(x.sgn * k.r_paid_local)::int as r_paid_local,
      sum(x.sgn * k.s_pop)::int as s_pop,
      sum(x.sgn * k.s_k)::int as s_k,
      sum(x.sgn * k.s_c)::int as s_c,
      sum(x.sgn * k.s_kc)::int as s_kc,
      sum(x.sgn * k.e_n)::int as e_n,
      sum(x.sgn * k.e_ok)::int as e_ok,
      sum(x.sgn * k.e_k)::int as e_k,
      sum(x.sgn * k.e_c)::int as e_c,
      sum(x.sgn * k.e_kc)::int as e_kc,
      sum(x.sgn * k.sk_k)::int as sk_k,
      sum(x.sgn * k.sk_kc)::int as sk_kc,
      sum(x.sgn * k.ek_k)::int as ek_k,
      sum(x.sgn * k.ek_kc)::int as ek_kc
    from x cross join lateral dossier_keys(x.d) k
    group by 1, 2, 3
  ), days as (
    insert into dossier_days as t (unit_code, pc, day, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
    select * from delta where r_received <> 0 or r_online <> 0 or r_online_dvcqg <> 0 or r_online_local <> 0 or r_postal <> 0 or r_fee <> 0 or r_paid_any <> 0 or r_payable <> 0 or r_paid_dvcqg <> 0 or r_paid_local <> 0 or s_pop <> 0 or s_k <> 0 or s_c <> 0 or s_kc <> 0 or e_n <> 0 or e_ok <> 0 or e_k <> 0 or e_c <> 0 or e_kc <> 0 or sk_k <> 0 or sk_kc <> 0 or ek_k <> 0 or ek_kc <> 0
    order by unit_code, pc, day
    on conflict (unit_code, pc, day) do update set
      r_received = t.r_received + excluded.r_received,
      r_online = t.r_online + excluded.r_online,
      r_online_dvcqg = t.r_online_dvcqg + excluded.r_online_dvcqg,
      r_online_local = t.r_online_local + excluded.r_online_local,
      r_postal = t.r_postal + excluded.r_postal,
      r_fee = t.r_fee + excluded.r_fee,
      r_paid_any = t.r_paid_any + excluded.r_paid_any,
      r_payable = t.r_payable + excluded.r_payable,
      r_paid_dvcqg = t.r_paid_dvcqg + excluded.r_paid_dvcqg,
      r_paid_local = t.r_paid_local + excluded.r_paid_local,
      s_pop = t.s_pop + excluded.s_pop,
      s_k = t.s_k + excluded.s_k,
      s_c = t.s_c + excluded.s_c,
      s_kc = t.s_kc + excluded.s_kc,
      e_n = t.e_n + excluded.e_n,
      e_ok = t.e_ok + excluded.e_ok,
      e_k = t.e_k + excluded.e_k,
      e_c = t.e_c + excluded.e_c,
      e_kc = t.e_kc + excluded.e_kc,
      sk_k = t.sk_k + excluded.sk_k,
      sk_kc = t.sk_kc + excluded.sk_kc,
      ek_k = t.ek_k + excluded.ek_k,
      ek_kc = t.ek_kc + excluded.ek_kc
  )
  insert into dossier_months as t (unit_code, pc, month, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
  select * from (
    select unit_code, pc, date_trunc('month', day)::date as month, sum(r_received)::int as r_received, sum(r_online)::int as r_online, sum(r_online_dvcqg)::int as r_online_dvcqg, sum(r_online_local)::int as r_online_local, sum(r_postal)::int as r_postal, sum(r_fee)::int as r_fee, sum(r_paid_any)::int as r_paid_any, sum(r_payable)::int as r_payable, sum(r_paid_dvcqg)::int as r_paid_dvcqg, sum(r_paid_local)::int as r_paid_local, sum(s_pop)::int as s_pop, sum(s_k)::int as s_k, sum(s_c)::int as s_c, sum(s_kc)::int as s_kc, sum(e_n)::int as e_n, sum(e_ok)::int as e_ok, sum(e_k)::int as e_k, sum(e_c)::int as e_c, sum(e_kc)::int as e_kc, sum(sk_k)::int as sk_k, sum(sk_kc)::int as sk_kc, sum(ek_k)::int as ek_k, sum(ek_kc)::int as ek_kc
    from delta group by 1, 2, 3
  ) m where r_received <> 0 or r_online <> 0 or r_online_dvcqg <> 0 or r_online_local <> 0 or r_postal <> 0 or r_fee <> 0 or r_paid_any <> 0 or r_payable <> 0 or r_paid_dvcqg <> 0 or r_paid_local <> 0 or s_pop <> 0 or s_k <> 0 or s_c <> 0 or s_kc <> 0 or e_n <> 0 or e_ok <> 0 or e_k <> 0 or e_c <> 0 or e_kc <> 0 or sk_k <> 0 or sk_kc <> 0 or ek_k <> 0 or ek_kc <> 0
  order by unit_code, pc, month
  on conflict (unit_code, pc, month) do update set
      r_received = t.r_received + excluded.r_received,
      r_online = t.r_online + excluded.r_online,
      r_online_dvcqg = t.r_online_dvcqg + excluded.r_online_dvcqg,
      r_online_local = t.r_online_local + excluded.r_online_local,
      r_postal = t.r_postal + excluded.r_postal,
      r_fee = t.r_fee + excluded.r_fee,
      r_paid_any = t.r_paid_any + excluded.r_paid_any,
      r_payable = t.r_payable + excluded.r_payable,
      r_paid_dvcqg = t.r_paid_dvcqg + excluded.r_paid_dvcqg,
      r_paid_local = t.r_paid_local + excluded.r_paid_local,
      s_pop = t.s_pop + excluded.s_pop,
      s_k = t.s_k + excluded.s_k,
      s_c = t.s_c + excluded.s_c,
      s_kc = t.s_kc + excluded.s_kc,
      e_n = t.e_n + excluded.e_n,
      e_ok = t.e_ok + excluded.e_ok,
      e_k = t.e_k + excluded.e_k,
      e_c = t.e_c + excluded.e_c,
      e_kc = t.e_kc + excluded.e_kc,
      sk_k = t.sk_k + excluded.sk_k,
      sk_kc = t.sk_kc + excluded.sk_kc,
      ek_k = t.ek_k + excluded.ek_k,
      ek_kc = t.ek_kc + excluded.ek_kc
$$;--> statement-breakpoint
CREATE FUNCTION "dossier_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dossier_rollup_apply('{}', array(select n::dossiers from new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM dossier_rollup_apply(array(select o::dossiers from old_rows o), array(select n::dossiers from new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dossier_rollup_apply(array(select o::dossiers from old_rows o), '{}');
  ELSE
    TRUNCATE dossier_days, dossier_months;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_insert" AFTER INSERT ON "dossiers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_update" AFTER UPDATE ON "dossiers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_delete" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
CREATE TRIGGER "dossiers_rollup_truncate" AFTER TRUNCATE ON "dossiers" FOR EACH STATEMENT EXECUTE FUNCTION dossier_rollup_trigger();--> statement-breakpoint
-- The rollup of what is already there, in slices (an array of every dossier at once
-- would hold the whole table in memory).
DO $$
DECLARE
  lo bigint;
  hi bigint;
BEGIN
  SELECT min(id), max(id) INTO lo, hi FROM dossiers;
  WHILE lo <= hi LOOP
    PERFORM dossier_rollup_apply('{}', array(select d from dossiers d where d.id >= lo and d.id < lo + 20000));
    lo := lo + 20000;
  END LOOP;
END $$;
