/**
 * Real inputs through the `tthc` CLI: repeated keys load by the rule of DATA.md §2,
 * unknown codes are errors naming file, line and field (exit 2, never a stack trace),
 * PAKN rows by field and sector add up to the whole (METHOD §D.2), the §A.6 due date,
 * the §0.4 payment white and the §C.3 review listing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "@/lib/cli/tthc";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/tinh-mau");
const NOW = new Date("2026-11-25T05:00:00Z");
const MARCH = ["--from", "2025-03-01", "--to", "2025-03-31"];

async function tthc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), color: false, now: NOW });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A copy of the sample folder with some files edited. */
function variant(edits: Record<string, (text: string) => string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-in-"));
  for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  for (const [file, edit] of Object.entries(edits))
    fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), "utf8")));
  return dir;
}
const appendLine = (line: string) => (t: string) => `${t.trimEnd()}\n${line}\n`;
/** Adds dossier records at the end of hoso.json's data. */
const addDossiers =
  (...records: object[]) =>
  (t: string) => {
    const env = JSON.parse(t);
    env.data.push(...records);
    return JSON.stringify(env);
  };

async function evaluate(dir: string, by: string) {
  const r = await tthc("evaluate", "--data", dir, ...MARCH, "--by", by, "--json");
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { rows: Array<{ key: string; name: string; [k: string]: any }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("DATA.md §2 repeated keys", () => {
  const dir = variant({
    // One procedure declared by X1 at level 3 and, again, at level 4 without payment.
    "thamquyen.csv": appendLine("X1,2.000001,4,0"),
    // X1-03 sent again, now online: the later record replaces the earlier.
    "hoso.json": addDossiers({
      MaHoSo: "X1-03",
      MaTTHC: "2.000003",
      KenhThucHien: "2",
      TrangThaiHoSo: "4",
      NgayTiepNhan: "20250312090000",
    }),
    "pakn.csv": appendLine("PA1,2025-03-05,2,STP,Tư pháp,TP"),
    "baocao.csv": appendLine("STP,2025-03-01,2025-03-31,bcqg,5"),
  });

  it("load instead of aborting, each by its rule (METHOD §B.1: declared at both levels counts as 4)", async () => {
    const card = await evaluate(dir, "agency");
    const row = (k: string) => card.rows.find((r) => r.key === k)!;
    expect(row("X1").online).toMatchObject({ procedures: 3, level4: 2, level3: 0 });
    // TichHopThanhToan is 1 if any line says 1: X1-01 (2.000001, fee 2000) stays payable.
    expect(row("X1").payment.payableDossiers).toBe(1);
    expect(row("X1").online.channels).toMatchObject({ received: 4, online: 2, postal: 0 });
    expect(row("STP").feedback).toMatchObject({ total: 1, regulation: 0, conduct: 1 });
    expect(row("STP").sync).toMatchObject({ reportedNational: 5, reportedPortal: 2, denominator: 5 });
  });

  it("are told on stderr, and the audit lists each with its line or record", async () => {
    const e = await tthc("evaluate", "--data", dir, ...MARCH, "--json");
    expect(e.err).toContain("4 khoá lặp");
    const a = await tthc("audit", "--data", dir, "--json");
    expect(a.code).toBe(0);
    const repeats = JSON.parse(a.out).repeats as Array<Record<string, unknown>>;
    expect(repeats).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "thamquyen.csv", line: 6, earlierLine: 3, key: "X1|2.000001", rule: "merged" }),
        expect.objectContaining({ file: "pakn.csv", line: 4, earlierLine: 2, key: "PA1", rule: "replaced" }),
        expect.objectContaining({ file: "baocao.csv", line: 5, earlierLine: 2, rule: "replaced" }),
        expect.objectContaining({ file: "hoso.json", record: 7, earlierRecord: 4, key: "X1-03", rule: "replaced" }),
      ]),
    );
    const text = await tthc("audit", "--data", dir);
    expect(text.out).toContain("thamquyen.csv, dòng 6 (trước đó dòng 3)");
  });
});

describe("DATA.md §2 unknown codes", () => {
  it("are errors naming file, line and field; exit 2; no stack trace", async () => {
    const dir = variant({
      "donvi.csv": (t) =>
        t
          .replace("STP,Sở Tư pháp,so_nganh,T,T", "STP,Sở Tư pháp,so_nganh,T,KHONG-CO")
          .replace("X1,UBND xã Một,xa,T,", "X1,UBND xã Một,xa,T,STP"),
      "thamquyen.csv": appendLine("X1,9.000000,3,0"),
      "pakn.csv": appendLine("PA9,2025-03-06,1,ZZ,Tư pháp,TP"),
      "baocao.csv": appendLine("ZZ,2025-03-01,2025-03-31,bcqg,1"),
    });
    for (const cmd of ["evaluate", "audit"]) {
      const r = await tthc(cmd, "--data", dir, ...(cmd === "evaluate" ? MARCH : []));
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err).toContain('donvi.csv, dòng 3 — MaDiaBan: Mã đơn vị không tồn tại: "KHONG-CO"');
      expect(r.err).toContain('donvi.csv, dòng 4 — MaDiaBan: "STP" không phải đơn vị hành chính');
      expect(r.err).toContain('thamquyen.csv, dòng 6 — MaTTHC: Mã TTHC không có trong danh mục: "9.000000"');
      expect(r.err).toContain('pakn.csv, dòng 4 — MaDonVi: Mã đơn vị không tồn tại: "ZZ"');
      expect(r.err).toContain('baocao.csv, dòng 5 — MaDonVi: Mã đơn vị không tồn tại: "ZZ"');
    }
  });
});

describe("METHOD §D.2 PAKN by field and by sector", () => {
  const dir = variant({
    // A field named only by PAKN, and a PAKN with neither field nor sector.
    "pakn.csv": (t) => appendLine("PA4,2025-03-21,1,X1,,")(appendLine("PA3,2025-03-20,2,X1,Xây dựng,XD")(t)),
  });

  it("every field in the period's PAKN has a row; the rows add up to the whole", async () => {
    const [all, field] = [await evaluate(dir, "all"), await evaluate(dir, "field")];
    const total = all.rows[0].feedback.total;
    expect(total).toBe(4);
    expect(field.rows.find((r) => r.key === "XD")?.feedback.total).toBe(1);
    expect(field.rows.find((r) => r.key === "")).toMatchObject({ name: "Chưa xác định" });
    expect(field.rows.reduce((s, r) => s + r.feedback.total, 0)).toBe(total);
  });

  it("by sector (ngành): a row per sector named in PAKN and one for none, adding up to the whole", async () => {
    const sector = await evaluate(dir, "sector");
    expect(sector.rows.map((r) => [r.key, r.feedback.total]).sort()).toEqual([
      ["Chưa xác định", 1],
      ["Hộ tịch", 1],
      ["Tư pháp", 1],
      ["Xây dựng", 1],
    ]);
    expect(sector.rows.every((r) => r.name === r.key)).toBe(true);
  });
});

describe("METHOD §A.4 [decision] / §A.6: the due date compared with NgayHenTra", () => {
  it("is the N-th working day (a Friday), not the Sunday after it; verdicts are unchanged", async () => {
    // 1.000001: 10 working days. Received Friday 7/3/2025: the 10th working day is Friday 21/3.
    const common = {
      MaDonVi: "STP",
      MaTTHC: "1.000001",
      KenhThucHien: "1",
      TrangThaiHoSo: "4",
      NgayTiepNhan: "20250307090000",
    };
    const dir = variant({
      "hoso.json": addDossiers(
        { ...common, MaHoSo: "A6-FRI", NgayHenTra: "20250321170000" },
        { ...common, MaHoSo: "A6-SUN", NgayHenTra: "20250323170000" },
      ),
    });
    const a = await tthc("audit", "--data", dir, "--json");
    const stp = JSON.parse(a.out).units.find((u: { unitCode: string }) => u.unitCode === "STP");
    expect(stp.examples.appointment_mismatch).toContain("A6-SUN");
    expect(stp.examples.appointment_mismatch).not.toContain("A6-FRI");
    // Both are open on 31/3 past Friday 21/3: overdue, whatever NgayHenTra says.
    const card = await evaluate(dir, "agency");
    expect(card.rows.find((r) => r.key === "STP")!.onTime).toMatchObject({ population: 4, overdue: 3 });
  });
});

describe("METHOD §0.4 [decision] payment white, §C.3 listing", () => {
  it("a group with only a local-gateway payment outside the §C.3 denominator is red, not white", async () => {
    const before = (await evaluate(FIXTURE, "agency")).rows.find((r) => r.key === "X1")!;
    expect(before.payment).toMatchObject({ rate: 0, band: "white" });
    const dir = variant({
      "hoso.json": (t) =>
        t.replace(
          '"MaHoSo": "X1-03", "MaTTHC": "2.000003",',
          '"MaHoSo": "X1-03", "MaTTHC": "2.000003", "DuocThanhToanTrucTuyen": "2",',
        ),
    });
    const after = (await evaluate(dir, "agency")).rows.find((r) => r.key === "X1")!;
    expect(after.payment).toMatchObject({ payableDossiers: 1, paidOnline: 0, rate: 0, paidAnyRoute: 1, band: "red" });
  });

  it("lists a payable dossier with no fee line for review whatever the catalogue's CoPhiLePhi says", async () => {
    // 2.000002 has no fee in the catalogue, but X1 integrates its payment: X1-02 (no fee line) is payable.
    const dir = variant({ "thamquyen.csv": (t) => t.replace("X1,2.000002,4,0", "X1,2.000002,4,1") });
    const a = await tthc("audit", "--data", dir, "--json");
    const x1 = JSON.parse(a.out).units.find((u: { unitCode: string }) => u.unitCode === "X1");
    expect(x1.examples.missing_fee).toContain("X1-02");
  });
});
