/**
 * The `tthc` CLI over the sample folder tests/fixtures/tinh-mau, whose figures are
 * worked out by hand below (METHOD §A–§Đ), and its errors on bad input.
 */
import { stepsSchema, worklistSchema } from "@/lib/api/responses";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "@/lib/cli/tthc";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/tinh-mau");
const NOW = new Date("2026-11-25T05:00:00Z");

async function tthc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), color: false, now: NOW });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A copy of the fixture with one file changed. */
function variant(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-"));
  for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(FIXTURE, file), "utf8")));
  return dir;
}

describe("tthc evaluate", () => {
  it("prints the DATA.md §3 JSON with hand-checked figures (METHOD §A, §B, §C, §D, §Đ)", async () => {
    const r = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--by",
      "agency",
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.period).toEqual({ from: "2025-03-01", to: "2025-03-31", asOf: "2025-03-31T23:59:59.999+07:00" });
    expect(json.by).toBe("agency");
    const row = (k: string) => json.rows.find((x: { key: string }) => x.key === k);
    // STP-01 done in 9 of 10 working days: on time; STP-02 open for 15 working days: overdue.
    expect(row("STP").onTime).toMatchObject({ population: 2, onTime: 1, overdue: 1, rate: 50, band: "red" });
    // X1: 9 h against 8 h (late), a Monday finish for a same-day procedure (late), no deadline,
    // unknown procedure, and no start at all: all five count against it.
    expect(row("X1").onTime).toMatchObject({ population: 5, onTime: 0, late: 2, overdue: 3, rate: 0, band: "red" });
    expect(row("T").onTime.population).toBe(7);
    expect(row("T").online).toMatchObject({ procedures: 4, level4: 2, level3: 1, level34Rate: 75, band: "green" });
    expect(row("X1").online.channels).toMatchObject({ received: 4, online: 1, direct: 2, postal: 1 });
    expect(row("STP").payment).toMatchObject({ payableDossiers: 2, paidOnline: 1, rate: 50, band: "green" });
    expect(row("X1").payment).toMatchObject({ payableDossiers: 1, paidOnline: 0, rate: 0, band: "white" });
    expect(row("T").feedback).toMatchObject({ total: 2, regulation: 1, conduct: 1 });
    expect(row("STP").sync).toMatchObject({ synced: 2, denominator: 3, message: null });
    expect(row("STP").sync.rate).toBeCloseTo(200 / 3, 10);
  });

  it("prints a readable Vietnamese table with the bands in words", async () => {
    const r = await tthc("evaluate", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "--by", "all");
    expect(r.code).toBe(0);
    expect(r.out).toContain("A. Đúng hạn");
    expect(r.out).toContain("14,29\u00a0% [Đỏ]");
  });

  it("refuses a period wholly in the future and an unknown grouping", async () => {
    expect((await tthc("evaluate", "--data", FIXTURE, "--from", "2027-01-01", "--to", "2027-01-31")).err).toContain(
      "tương lai",
    );
    const r = await tthc("evaluate", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "--by", "tinh");
    expect(r.code).toBe(64);
    expect(r.err).toContain("--by");
  });
});

describe("tthc evaluate --profile 766 (METHOD-766 §0, §7)", () => {
  it("adds index766 with hand-checked 1.4 and 2.1, and prints totals with ratings", async () => {
    const r = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--by",
      "agency",
      "--profile",
      "766",
      "--json",
    );
    expect(r.code).toBe(0);
    const stp = JSON.parse(r.out).rows.find((x: { key: string }) => x.key === "STP");
    // §1.4: METHOD §Đ's 2 of 3 (66,67 %) → 6 × 66,67 / 100 = 4 points.
    expect(stp.index766.groups["1"].indicators["1.4"].score).toBeCloseTo(4, 10);
    // §2.1: STP-01 on time, STP-02 overdue → 50 % → 10 of 20.
    expect(stp.index766.groups["2"].indicators["2.1"]).toMatchObject({
      numerator: 1,
      denominator: 2,
      ratio: 50,
      score: 10,
    });
    const table = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--profile",
      "766",
    );
    expect(table.out).toContain("Tổng điểm");
    expect(table.out).toMatch(/Xuất sắc|Tốt|Khá|Trung bình|Yếu/);
  });
  it("by procedure prints §2.2's average time in the procedure's unit", async () => {
    const r = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--by",
      "procedure",
      "--profile",
      "766",
    );
    expect(r.code).toBe(0);
    // STP-01: received 3/3, Đã xử lý xong 14/3: working days 4–7 and 10–14.
    expect(r.out).toMatch(/1\.000001\s+Cấp Phiếu lý lịch tư pháp\s+1\s+9,00 ngày làm việc/);
  });
  it("by field, which the index does not score, prints METHOD's table rather than failing", async () => {
    const r = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--by",
      "field",
      "--profile",
      "766",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("A. Đúng hạn");
  });
  it("refuses an unknown profile, naming the option", async () => {
    const r = await tthc(
      "evaluate",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--profile",
      "999",
    );
    expect(r.code).toBe(64);
    expect(r.err).toContain("--profile");
  });
});

describe("tthc explain", () => {
  it("gives start, end, deadline, elapsed, verdict and clause (METHOD §A.2–A.5)", async () => {
    const r = await tthc(
      "explain",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "STP-01",
      "--json",
    );
    const e = JSON.parse(r.out);
    expect(e.start).toEqual({ at: "2025-03-03T09:00:00.000+07:00", source: "received", field: "NgayTiepNhan" });
    // 9 (Đã xử lý xong) on 14/3 takes precedence over 10 (Đã trả kết quả) on 18/3 (METHOD §A.2).
    expect(e.end).toMatchObject({ at: "2025-03-14T16:00:00.000+07:00", status: 9 });
    expect(e.deadline).toMatchObject({ value: 10, unit: "working_day" });
    expect(e.elapsed.value).toBe(9);
    expect(e.verdict).toBe("on_time");
    expect(e.sqlVerdict).toBe("on_time");
    expect(e.clause).toContain("§A.4");
    // METHOD-766 §2.1 beside it: NgayHenTra 17/3 09:00 decides; the end is the same 9 step; the SQL agrees.
    expect(e.i766).toMatchObject({
      verdict: "on_time",
      rule: "appointment",
      supplements: 0,
      waitingMs: 0,
      sqlVerdict: "on_time",
      end: { at: "2025-03-14T16:00:00.000+07:00", status: 9 },
      due: "2025-03-17T09:00:00.000+07:00",
    });
  });
  it("explains a dossier with no start as overdue under §A.3", async () => {
    const r = await tthc("explain", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "X1-05");
    expect(r.out).toContain("Quá hạn (đang xử lý)");
    expect(r.out).toContain("METHOD §A.3");
  });
  it("says so when the dossier does not exist", async () => {
    const r = await tthc("explain", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "KHONG-CO");
    expect(r.code).toBe(1);
    expect(r.err).toContain("not found");
  });
});

describe("tthc audit", () => {
  it("lists the defects that change scores, per agency, with the dossiers", async () => {
    const r = await tthc("audit", "--data", FIXTURE, "--json");
    const units = JSON.parse(r.out).units as Array<{
      unitCode: string;
      counts: Record<string, number>;
      examples: Record<string, string[]>;
    }>;
    const x1 = units.find((u) => u.unitCode === "X1")!;
    expect(x1.examples.no_reception).toEqual(["X1-05"]);
    expect(x1.examples.unknown_procedure).toEqual(["X1-04"]);
    expect(x1.examples.no_deadline).toEqual(["X1-03"]);
    expect(x1.examples.no_channel).toEqual(["X1-01"]);
    expect(units.find((u) => u.unitCode === "STP")!.examples.missing_fee).toEqual(["STP-02"]);
  });
  it("flags NgayHenTra that disagrees with the catalogue's due date, and a step before reception", async () => {
    const dir = variant("hoso.json", (t) =>
      t
        .replace('"NgayHenTra": "20250317090000"', '"NgayHenTra": "20250320090000"')
        .replace(
          '{ "TrangThai": "2", "ThoiDiemXuLy": "20250303090000"',
          '{ "TrangThai": "2", "ThoiDiemXuLy": "20250302090000"',
        ),
    );
    const units = JSON.parse((await tthc("audit", "--data", dir, "--json")).out).units;
    const stp = units.find((u: { unitCode: string }) => u.unitCode === "STP");
    expect(stp.examples.appointment_mismatch).toEqual(["STP-01"]);
    expect(stp.examples.step_before_reception).toEqual(["STP-01"]);
  });
});

describe("bad input stops with the file, record and field named, in Vietnamese and English", () => {
  const evaluate = (dir: string) => tthc("evaluate", "--data", dir, "--from", "2025-03-01", "--to", "2025-03-31");
  it("malformed JSON", async () => {
    const r = await evaluate(variant("hoso.json", (t) => t.replace('"data": [', '"data": [,')));
    expect(r.code).toBe(2);
    expect(r.err).toContain("(1 lỗi)");
    expect(r.err).toMatch(/hoso\.json — \(JSON\): JSON không hợp lệ.* \/ Malformed JSON/);
  });
  it("a wrong date format", async () => {
    const r = await evaluate(
      variant("hoso.json", (t) => t.replace('"NgayTiepNhan": "20250310090000"', '"NgayTiepNhan": "10/03/2025"')),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("hoso.json, bản ghi 1, MaHoSo STP-02 — NgayTiepNhan: Ngày giờ không hợp lệ");
    expect(r.err).toContain("Invalid date-time");
  });
  it("an unknown status code", async () => {
    const r = await evaluate(
      variant("tiendo.json", (t) =>
        t.replace(
          '"TrangThai": "9", "ThoiDiemXuLy": "20250305170000"',
          '"TrangThai": "12", "ThoiDiemXuLy": "20250305170000"',
        ),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('tiendo.json, bản ghi 1 — TrangThai: Mã trạng thái không hợp lệ "12"');
    expect(r.err).toContain("Unknown status code");
  });
  it("a CSV column missing", async () => {
    const r = await evaluate(variant("thutuc.csv", (t) => t.replace(",DonViTinh", "")));
    expect(r.code).toBe(2);
    expect(r.err).toContain("thutuc.csv, dòng 1 — (CSV): Thiếu cột: DonViTinh / Missing column(s): DonViTinh");
  });
  it("a bad CSV value names its line and column", async () => {
    const r = await evaluate(variant("thutuc.csv", (t) => t.replace("10,Ngày làm việc", "mười,Ngày làm việc")));
    expect(r.err).toContain("thutuc.csv, dòng 2 — ThoiHan: ThoiHan phải là số");
  });
  it("METHOD-766 §6: a bad optional column names file, line and column; without the columns the file stays valid", async () => {
    const r = await evaluate(
      variant("pakn.csv", (t) =>
        t
          .replace(
            "MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc",
            "MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc,NgayXuLyXong",
          )
          .replace("PA1,2025-03-05,1,STP,Tư pháp,TP", "PA1,2025-03-05,1,STP,Tư pháp,TP,20/03/2025")
          .replace("PA2,20250310090000,2,X1,Hộ tịch,HT", "PA2,20250310090000,2,X1,Hộ tịch,HT,2025-03-20"),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("pakn.csv, dòng 2 — NgayXuLyXong: NgayXuLyXong phải là ngày yyyy-MM-dd hoặc để trống");
    expect(r.err).toContain("must be a date yyyy-MM-dd or empty");
    expect(r.err).not.toContain("dòng 3");
  });
  it("a unit not in donvi.csv", async () => {
    const r = await evaluate(
      variant("hoso.json", (t) =>
        t.replace(
          '"MaDonVi": "STP", "MaTTHC": "1.000001", "KenhThucHien": "1"',
          '"MaDonVi": "SXX", "MaTTHC": "1.000001", "KenhThucHien": "1"',
        ),
      ),
    );
    expect(r.err).toContain('MaDonVi: Mã đơn vị không có trong donvi.csv: "SXX"');
  });
});

describe("the installed command", () => {
  it("runs as `npx tthc` from the repository", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      "npx",
      ["tthc", "evaluate", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "--by", "all", "--json"],
      {
        cwd: path.join(import.meta.dirname, "../.."),
      },
    );
    expect(JSON.parse(stdout).rows[0].onTime.population).toBe(7);
  });
  it("exits non-zero on bad input", async () => {
    const run = promisify(execFile);
    await expect(
      run(
        "node",
        ["bin/tthc.mjs", "evaluate", "--data", "/nonexistent", "--from", "2025-03-01", "--to", "2025-03-31"],
        {
          cwd: path.join(import.meta.dirname, "../.."),
        },
      ),
    ).rejects.toMatchObject({ code: 2 });
  });
});

describe("tthc steps (METHOD-STEPS S.3)", () => {
  it("prints the API's JSON with --json, rows adding up to the totals (S.3.1), and a table otherwise", async () => {
    const r = await tthc("steps", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(stepsSchema.safeParse(j).error).toBeUndefined();
    expect(j.by).toBe("department");
    expect(j.totals.steps).toBeGreaterThan(0);
    expect(j.rows.reduce((n: number, x: { steps: number }) => n + x.steps, 0)).toBe(j.totals.steps);
    const table = await tthc(
      "steps",
      "--data",
      FIXTURE,
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-31",
      "--by",
      "procedure-step",
    );
    expect(table.out).toContain("Thủ tục — bước");
    expect(table.out).toMatch(/Tổng\s+[\d.]+/);
    expect(
      (await tthc("steps", "--data", FIXTURE, "--from", "2025-03-01", "--to", "2025-03-31", "--by", "tinh")).code,
    ).not.toBe(0);
  });
});

describe("tthc worklist (issue #25: Cần ưu tiên)", () => {
  it("prints the API's JSON with --json, the open dossiers (METHOD §A: not finished now), and a table otherwise", async () => {
    const r = await tthc("worklist", "--data", FIXTURE, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(worklistSchema.safeParse(j).error).toBeUndefined();
    expect(j.period).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(j.total).toBe(j.items.length);
    expect(j.total).toBeGreaterThan(0);
    // The fixture's open dossiers are from March 2025: all overdue now, nothing left to save in November 2026.
    expect(j.items.every((x: { overdue: boolean; worth: { rate: number } }) => x.overdue && x.worth.rate === 0)).toBe(
      true,
    );
    const table = await tthc("worklist", "--data", FIXTURE, "--period", "week");
    expect(table.out).toContain("Quá hạn");
    expect(table.out).toMatch(/hồ sơ đang xử lý/);
    expect((await tthc("worklist", "--data", FIXTURE, "--period", "decade")).code).toBe(64);
  });
});
