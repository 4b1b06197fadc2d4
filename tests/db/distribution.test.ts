/**
 * Ready to distribute (docs/scale.md, Citus): every table that grows with the dossiers
 * carries its unit's province, filled at write time, and every primary or unique key of
 * those tables includes it — the condition for `create_distributed_table(…, 'province_code')`.
 * When the unit tree moves a unit to another province, its rows follow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { addSteps, DISTRIBUTED, upsertDossiers, upsertFeedback, upsertReports, upsertUnits } from "@/lib/store/writes";
import { ROLLUP_TABLES } from "@/lib/engine/verify";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const ROLLUPS: readonly string[] = ROLLUP_TABLES;
const TABLES = [...DISTRIBUTED, "process_steps", ...ROLLUPS];
const t = (s: string) => new Date(s);
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["A", "Tỉnh A", "tinh"],
      ["A1", "Sở A1", "so_nganh", "A"],
      ["B", "Tỉnh B", "tinh"],
      ["B1", "Xã B1", "xa", "B"],
    ],
    procedures: [["P", 5, "working_day"]],
    authorities: [
      ["A1", "P", 4, true],
      ["B1", "P", 3],
    ],
  });
  await upsertDossiers(db.orm, [
    dossierRow({
      code: "D1",
      unitCode: "A1",
      procedureCode: "P",
      receivedAt: t("2026-11-02T02:00:00Z"),
      steps: [{ status: 2, at: t("2026-11-02T02:00:00Z") }],
    }),
    dossierRow({ code: "D2", unitCode: "B1", procedureCode: "P", receivedAt: t("2026-11-03T02:00:00Z") }),
  ]);
  await addSteps(db.orm, [{ dossierCode: "D2", status: 9, at: t("2026-11-05T02:00:00Z") }]);
  await upsertFeedback(db.orm, [
    { code: "F1", receivedAt: t("2026-11-04T02:00:00Z"), kind: 1, unitCode: "A1", sector: null, field: null },
  ]);
  await upsertReports(db.orm, [
    { unitCode: "B1", fromDay: "2026-11-01", toDay: "2026-11-30", source: "bcqg", received: 3 },
  ]);
});
afterAll(() => db?.close());

/** (unit, province) pairs of a table's rows; for the rollup, of the rows that count something (a subtraction leaves zeros). */
const provinces = (table: string) =>
  rows<{ unit: string; province: string }>(
    db.orm,
    sql`select distinct unit_code as unit, province_code as province
    from ${sql.identifier(table)} t
    where ${ROLLUPS.includes(table) ? sql`exists (select 1 from jsonb_each(to_jsonb(t)) j(k, v) where jsonb_typeof(v) = 'number' and v::text <> '0')` : sql`true`}
    order by 1`,
  );

describe("ready to distribute by province (docs/scale.md)", () => {
  it("every primary and unique key of a distributed table includes province_code", async () => {
    const keys = await rows<{ table: string; index: string; columns: string[] }>(
      db.orm,
      sql`
      select c.relname as table, i.relname as index,
        array(select a.attname from unnest(x.indkey) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k) as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      where x.indisunique and c.relname in (select jsonb_array_elements_text(${JSON.stringify(TABLES)}::jsonb))`,
    );
    // The rollups have no unique key (a key may briefly hold two rows: lib/engine/rollup.ts); the others have theirs.
    expect(new Set(keys.map((k) => k.table))).toEqual(new Set([...DISTRIBUTED, "process_steps"]));
    for (const k of keys) expect(k.columns, `${k.table}.${k.index}`).toContain("province_code");
    const columns = await rows<{ table: string }>(
      db.orm,
      sql`select table_name as table from information_schema.columns
      where column_name = 'province_code' and is_nullable = 'NO' and table_schema = 'public'`,
    );
    expect(new Set(columns.map((c) => c.table))).toEqual(new Set(TABLES));
  });

  it("fills the province at write time, the steps' from their dossier", async () => {
    for (const table of [...DISTRIBUTED.filter((x) => x !== "rejected_records"), ...ROLLUPS]) {
      for (const r of await provinces(table)) expect(r.province, `${table} ${r.unit}`).toBe(r.unit.slice(0, 1));
    }
    const steps = await rows<{ code: string; province: string }>(
      db.orm,
      sql`
      select d.code, s.province_code as province from process_steps s join dossiers d on d.id = s.dossier_id order by 1`,
    );
    expect(steps).toEqual([
      { code: "D1", province: "A" },
      { code: "D2", province: "B" },
    ]);
  });

  it("moves a unit's rows, steps and rollup to its new province when the tree changes", async () => {
    await upsertUnits(db.orm, [{ code: "B1", name: "Xã B1", kind: "xa", parentCode: "A", areaCode: null }]);
    for (const table of ["dossiers", "reported_totals", "authorities", "dossier_days", "dossier766_days"]) {
      expect(await provinces(table), table).not.toContainEqual({ unit: "B1", province: "B" });
    }
    const [s] = await rows<{ province: string }>(
      db.orm,
      sql`
      select s.province_code as province from process_steps s join dossiers d on d.id = s.dossier_id where d.code = 'D2'`,
    );
    expect(s.province).toBe("A");
  });
});
