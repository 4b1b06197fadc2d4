/**
 * METHOD-766 §6: the flags kept with a dossier (computed from its record as received, in
 * JS) equal the SQL reading of the same raw record, on records of every odd shape: numbers
 * and strings, padded values, other whitespace, objects where values belong, arrays of
 * non-objects, missing and null fields.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { upsertDossiers, type DossierRow } from "@/lib/store/writes";
import { rawFlags766 } from "@/lib/engine/verdict766-sql";
import { RECORD_FLAGS } from "@/lib/method/i766/dossier-flags";
import { prng } from "@/lib/demo/generate";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const N = 1500;
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, { units: [["T", "Tỉnh", "tinh"]] });
  const rng = prng(6);
  const value = () =>
    rng.pick<unknown>([1, 0, "1", "0", " 1 ", "1\t", "", null, true, 2, "01", { a: 1 }, [1], undefined]);
  const maybe = <T>(v: T) => (rng.chance(0.7) ? v : undefined);
  const doc = () =>
    rng.pick<unknown>([{ DuocSoHoa: value(), DuocTaiSuDung: value(), DuocLayTuKhoDMQG: value() }, "tệp", 1, null, {}]);
  const list: DossierRow[] = [];
  for (let i = 0; i < N; i++) {
    const raw = Object.fromEntries(
      Object.entries({
        HoSoCoThanhPhanSoHoa: maybe(value()),
        TaiKhoanDuocXacThucVoiVNeID: maybe(value()),
        LoaiDoiTuong: maybe(value()),
        HaiLong: maybe(value()),
        TaiLieuNop: maybe(rng.chance(0.2) ? "không phải danh sách" : Array.from({ length: rng.int(0, 3) }, doc)),
        DSKetNoiCSDL: maybe(
          Array.from({ length: rng.int(0, 2) }, () =>
            rng.pick<unknown>([{ MaCSDL: "CSDLQGDC" }, { MaCSDL: "CSDLDD" }, { MaCSDL: " CSDLQGDC" }, {}, "CSDLQGDC"]),
          ),
        ),
        DanhSachGiayToKetQua: maybe(
          Array.from({ length: rng.int(0, 2) }, () =>
            rng.pick<unknown>([
              { DuongDanTepTinKetQua: rng.pick<unknown>(["https://kq", "", " ", null, 0, {}]) },
              {},
              "kq",
            ]),
          ),
        ),
      }).filter(([, v]) => v !== undefined),
    );
    list.push(dossierRow({ code: `R${i}`, procedureCode: "P", raw }));
  }
  await upsertDossiers(db.orm, list);
});
afterAll(() => db?.close());

describe("METHOD-766 §6: stored record flags = the SQL reading of the raw record", () => {
  it("agrees flag by flag on every dossier", async () => {
    const flags = rawFlags766();
    const got = await rows<Record<string, unknown> & { code: string; bits: number }>(
      db.orm,
      sql`
      select d.code, d.record766 as bits, ${sql.join(
        flags.map(([name, e]) => sql`${e} as ${sql.raw(name)}`),
        sql`, `,
      )} from dossiers d`,
    );
    expect(got).toHaveLength(N);
    const mismatches = got.flatMap((r) =>
      flags
        .filter(([name]) => ((r.bits & RECORD_FLAGS[name]) !== 0) !== r[name])
        .map(([name]) => `${r.code} ${name}: stored ${(r.bits & RECORD_FLAGS[name]) !== 0}, raw ${r[name]}`),
    );
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Every flag is both set and unset somewhere: the comparison is not vacuous.
    for (const [name] of flags) {
      const set = got.filter((r) => (r.bits & RECORD_FLAGS[name]) !== 0).length;
      expect(set, name).toBeGreaterThan(0);
      expect(set, name).toBeLessThan(N);
    }
  });
});
