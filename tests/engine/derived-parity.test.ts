/**
 * A new dossier's facts are computed in JS at insert (the pure `derive` and `history766`,
 * lib/store/writes.ts) and an existing one's in SQL (derivedFactsSql); `tthc verify`
 * compares the stored facts with the SQL. Both must agree on every record a one-stop
 * system can send (METHOD §A.2–A.4, METHOD-766 §2.1): steps in any order and status, the
 * same step twice (the table keeps one), Từ chối and Dừng at the same instant (the lower
 * code, as historyOf sorts), NgayTuChoi, supplement requests. Found by an attack on the
 * concurrency work: 43 of 400 such dossiers were reported stale right after a clean sync.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { ingest } from "@/lib/data/sync";
import { factDifferences } from "@/lib/engine/verify";
import { prng } from "@/lib/demo/generate";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S1", "Sở 1", "so_nganh", "T"],
    ],
    procedures: [
      ["P1", 2, "working_day"],
      ["P2", 30, "hour"],
    ],
  });
});
afterAll(() => db?.close());

describe("facts of a new dossier: JS at insert = SQL re-derivation (METHOD §A.2–A.4, METHOD-766 §2.1)", () => {
  it("holds on 600 random records with duplicate steps, ties and refusals", async () => {
    const rng = prng(7);
    const t = (d: number, h: number) => `202610${String(5 + d).padStart(2, "0")}${String(h).padStart(2, "0")}0000`;
    const data = Array.from({ length: 600 }, (_, i) => {
      const steps = Array.from({ length: rng.int(0, 5) }, () => ({
        TrangThai: String(rng.pick([2, 3, 4, 5, 5, 7, 8, 9, 10])),
        ThoiDiemXuLy: t(rng.int(0, 6), rng.pick([8, 9, 9, 10])),
      }));
      if (rng.chance(0.3) && steps.length) steps.push({ ...steps[0] });
      return {
        MaHoSo: `J${i}`,
        MaDonVi: "S1",
        MaTTHC: rng.pick(["P1", "P2"]),
        KenhThucHien: "1",
        TrangThaiHoSo: String(rng.int(1, 10)),
        NgayTiepNhan: rng.chance(0.8) ? t(rng.int(0, 3), 9) : "",
        NgayTuChoi: rng.chance(0.15) ? t(rng.int(0, 5), 9) : "",
        QuaTrinhXuLy: steps,
      };
    });
    const out = await ingest(db.orm, { kind: "system" }, { service: "DongBoHoSoMC", data });
    expect(out.rejected).toBe(0);
    const f = await factDifferences(db.orm, null);
    expect(f.checked).toBe(600);
    expect(f.differences.slice(0, 3), `${f.differences.length} differ`).toEqual([]);
  });
});
