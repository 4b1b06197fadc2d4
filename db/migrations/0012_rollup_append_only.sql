-- The rollup's merge, append-only (issue: exact under concurrent writers). The merge of
-- migration 0007 updated a key's row in place by its address after locking it with SKIP
-- LOCKED. Under READ COMMITTED, a row that another writer had updated and committed since
-- the statement's snapshot was locked in its new version, which that snapshot cannot see:
-- the update touched nothing, the insert was skipped because a row existed, and the
-- batch's counts were lost (4 streams × 5 batches × 200 dossiers lost 800).
-- Now a rollup row is never updated. A writer deletes the rows of its keys that no other
-- writer holds (SKIP LOCKED) and inserts, per key, one row with their sum plus its delta.
-- A row another writer deleted since the snapshot is skipped by the lock (its values are
-- in that writer's new row), so every row locked is one this statement sees, and each
-- value is counted exactly once. Writers still never wait for each other, and an online
-- repair (tthc verify --repair) is one more row per key.
CREATE OR REPLACE FUNCTION "dossier_rollup_merge_sql"(tbl text, key text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  select format($q$
  %1$s_locked as (
    select t.ctid as id from %1$I t
    where (t.province_code, t.unit_code, t.pc, t.%2$I) in (select province_code, unit_code, pc, %2$I from %1$s_new)
    for update of t skip locked
  ), %1$s_old as (
    delete from %1$I t where t.ctid = any(array(select id from %1$s_locked))
    returning t.province_code, t.unit_code, t.pc, t.%2$I, t.r_received, t.r_online, t.r_online_dvcqg, t.r_online_local, t.r_postal, t.r_fee, t.r_paid_any, t.r_payable, t.r_paid_dvcqg, t.r_paid_local, t.s_pop, t.s_k, t.s_c, t.s_kc, t.e_n, t.e_ok, t.e_k, t.e_c, t.e_kc, t.sk_k, t.sk_kc, t.ek_k, t.ek_kc
  ), %1$s_ins as (
    insert into %1$I (province_code, unit_code, pc, %2$I, r_received, r_online, r_online_dvcqg, r_online_local, r_postal, r_fee, r_paid_any, r_payable, r_paid_dvcqg, r_paid_local, s_pop, s_k, s_c, s_kc, e_n, e_ok, e_k, e_c, e_kc, sk_k, sk_kc, ek_k, ek_kc)
    select * from (
      select n.province_code, n.unit_code, n.pc, n.%2$I, sum(n.r_received)::int as r_received, sum(n.r_online)::int as r_online, sum(n.r_online_dvcqg)::int as r_online_dvcqg, sum(n.r_online_local)::int as r_online_local, sum(n.r_postal)::int as r_postal, sum(n.r_fee)::int as r_fee, sum(n.r_paid_any)::int as r_paid_any, sum(n.r_payable)::int as r_payable, sum(n.r_paid_dvcqg)::int as r_paid_dvcqg, sum(n.r_paid_local)::int as r_paid_local, sum(n.s_pop)::int as s_pop, sum(n.s_k)::int as s_k, sum(n.s_c)::int as s_c, sum(n.s_kc)::int as s_kc, sum(n.e_n)::int as e_n, sum(n.e_ok)::int as e_ok, sum(n.e_k)::int as e_k, sum(n.e_c)::int as e_c, sum(n.e_kc)::int as e_kc, sum(n.sk_k)::int as sk_k, sum(n.sk_kc)::int as sk_kc, sum(n.ek_k)::int as ek_k, sum(n.ek_kc)::int as ek_kc
      from (select * from %1$s_new union all select * from %1$s_old) n
      group by 1, 2, 3, 4
    ) m where r_received <> 0 or r_online <> 0 or r_online_dvcqg <> 0 or r_online_local <> 0 or r_postal <> 0 or r_fee <> 0 or r_paid_any <> 0 or r_payable <> 0 or r_paid_dvcqg <> 0 or r_paid_local <> 0 or s_pop <> 0 or s_k <> 0 or s_c <> 0 or s_kc <> 0 or e_n <> 0 or e_ok <> 0 or e_k <> 0 or e_c <> 0 or e_kc <> 0 or sk_k <> 0 or sk_kc <> 0 or ek_k <> 0 or ek_kc <> 0
    returning 1
  )
  $q$, tbl, key)
$f$;--> statement-breakpoint
-- The same statement, closing on the rows it wrote.
CREATE OR REPLACE FUNCTION "dossier_rollup_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
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
  select (select count(*) from dossier_days_ins) + (select count(*) from dossier_months_ins)
  $q$, source, dossier_rollup_merge_sql('dossier_days', 'day'), dossier_rollup_merge_sql('dossier_months', 'month'))
$f$;
