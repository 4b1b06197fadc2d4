/**
 * A deterministic generator of one realistic province-year: units, catalogue,
 * authority, dossiers with process histories, payments, feedback and reported totals,
 * with a realistic share of the data defects that cost agencies points.
 * The same seed and arguments give the same data.
 */
import type {
  AuthorityRow,
  DossierRow,
  FeedbackRow,
  ProcedureRow,
  ReportRow,
  StepRow,
  UnitRow,
} from "@/lib/store/writes";
import { WorkCalendar, builtinExceptions } from "@/lib/method/calendar";
import { addDays, localDate, startOfLocalDay, type LocalDate } from "@/lib/method/time";
import { COMMUNES, DEPARTMENTS, PROVINCE, WARDS } from "./thai-nguyen";
import { demoProcess } from "./process";
import { FIELDS } from "./catalogue";
import { PROVINCE_TILES } from "@/lib/ui/vn-provinces";

/** mulberry32: small, fast, good enough for demo data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export interface DemoReference {
  units: UnitRow[];
  procedures: ProcedureRow[];
  authorities: AuthorityRow[];
  /** The agencies that receive dossiers, with their procedures. */
  desks: Array<{ unitCode: string; procedures: ProcedureRow[]; weight: number }>;
}

const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z]/g, "")
    .toUpperCase();

export interface DemoUnits {
  root: UnitRow;
  departments: Array<{ key: string; code: string }>;
  communes: string[];
}

/** One province's units: its People's Committee, the departments and the communes/wards. */
function provinceUnits(
  root: { code: string; name: string },
  suffix: string,
  communeNames: string[],
  units: UnitRow[],
): DemoUnits {
  const rootRow: UnitRow = {
    code: root.code,
    name: root.name,
    kind: "tinh",
    parentCode: null,
    areaCode: null,
    validFrom: null,
    validTo: null,
  };
  units.push(rootRow);
  const departments = DEPARTMENTS.map(([key, name], i) => {
    const code = `000.${String(i + 1).padStart(2, "0")}.00.${suffix}`;
    units.push({
      code,
      name,
      kind: "so_nganh",
      parentCode: root.code,
      areaCode: root.code,
      validFrom: null,
      validTo: null,
    });
    return { key, code };
  });
  const communes = communeNames.map((name, i) => {
    const code = `X${String(i + 1).padStart(3, "0")}.${slug(name.split(" ").slice(1).join(" ")).slice(0, 4)}.${suffix}`;
    units.push({
      code,
      name: `UBND ${name}`,
      kind: "xa",
      parentCode: root.code,
      areaCode: null,
      validFrom: "2025-07-01",
      validTo: null,
    });
    return code;
  });
  return { root: rootRow, departments, communes };
}

/**
 * The demo's reference data: Thái Nguyên with its real units, or (`national`) the 34
 * provinces, Thái Nguyên included, the others with synthetic communes.
 */
export function demoReference(seed = 20250701, opts: { national?: boolean } = {}): DemoReference {
  const rng = prng(seed);
  const units: UnitRow[] = [];
  const provinces: DemoUnits[] = [
    provinceUnits(PROVINCE, "H56", [...WARDS.map((n) => `Phường ${n}`), ...COMMUNES.map((n) => `Xã ${n}`)], units),
  ];
  if (opts.national) {
    PROVINCE_TILES.filter((p) => p.name !== "Thái Nguyên").forEach((p, i) => {
      const suffix = `P${String(i + 1).padStart(2, "0")}`;
      const city = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"].includes(p.name);
      const name = city ? `UBND thành phố ${p.name}` : `UBND tỉnh ${p.name}`;
      const communes = [
        ...Array.from({ length: 6 }, (_, k) => `Phường ${p.name} ${k + 1}`),
        ...Array.from({ length: 12 }, (_, k) => `Xã ${p.name} ${k + 1}`),
      ];
      provinces.push(provinceUnits({ code: `000.00.00.${suffix}`, name }, suffix, communes, units));
    });
  }
  const procedures: ProcedureRow[] = [];
  const byField = new Map<string, ProcedureRow[]>();
  let nProv = 4000;
  let nCommune = 2000;
  for (const f of FIELDS) {
    const list: ProcedureRow[] = [];
    for (const [name, value, unit, fee] of f.procedures) {
      const code = f.tier === "tinh" ? `1.00${nProv++}` : `2.00${nCommune++}`;
      list.push({
        code,
        name,
        fieldCode: f.code,
        fieldName: f.name,
        deadlineValue: value,
        deadlineUnit: value === null ? null : unit,
        hasFee: fee,
      });
    }
    procedures.push(...list);
    byField.set(f.key, list);
  }

  const authorities: AuthorityRow[] = [];
  const desks: DemoReference["desks"] = [];
  const level = () => (rng.chance(0.45) ? 4 : rng.chance(0.55) ? 3 : null) as 3 | 4 | null;
  const levels = new Map(procedures.map((p) => [p.code, level()]));
  const integrated = new Map(procedures.map((p) => [p.code, p.hasFee && rng.chance(0.65)]));
  const communeProcs = FIELDS.filter((f) => f.tier === "xa").flatMap((f) => byField.get(f.key)!);
  for (const prov of provinces) {
    for (const { key, code: unitCode } of prov.departments) {
      const fields = DEPARTMENTS.find(([k]) => k === key)![2];
      const procs = fields.flatMap((f) => byField.get(f) ?? []);
      for (const p of procs)
        authorities.push({
          unitCode,
          procedureCode: p.code,
          onlineLevel: levels.get(p.code)!,
          paymentIntegrated: integrated.get(p.code)!,
        });
      desks.push({ unitCode, procedures: procs, weight: 2 + procs.length / 2 });
    }
    for (const unitCode of prov.communes) {
      // Communes differ a little in what they have declared online.
      for (const p of communeProcs) {
        const lv = rng.chance(0.9) ? levels.get(p.code)! : level();
        authorities.push({
          unitCode,
          procedureCode: p.code,
          onlineLevel: lv,
          paymentIntegrated: integrated.get(p.code)!,
        });
      }
      desks.push({ unitCode, procedures: communeProcs, weight: 0.6 + rng.next() });
    }
  }
  return { units, procedures, authorities, desks };
}

export interface DemoOptions {
  dossiers: number;
  /** The last day of the year of data (inclusive), default today. */
  until: LocalDate;
  seed?: number;
  /** The instant the data is "seen" from; dossiers not finished by then are in progress. */
  now?: Date;
  /** False: no departments, officers or step deadlines (lib/demo/process.ts). */
  process?: boolean;
}

const HANDLERS = [
  "Nguyễn Thị Hà",
  "Trần Văn Minh",
  "Lê Thu Trang",
  "Phạm Quốc Huy",
  "Hoàng Thị Lan",
  "Đỗ Đức Anh",
  "Vũ Thị Mai",
];
const HOUR = 3_600_000;

/** Generates dossiers in chunks (so a million never sit in memory at once). */
export function* demoDossiers(ref: DemoReference, opts: DemoOptions, chunk = 5000): Generator<DossierRow[]> {
  const rng = prng(opts.seed ?? 7);
  const cal = new WorkCalendar(builtinExceptions(2015, 2040));
  const now = opts.now ?? new Date();
  const first = firstDayOfData(opts.until);
  const workdays: LocalDate[] = [];
  for (let d = first; d <= opts.until; d = addDays(d, 1)) if (cal.isWorkingDay(d)) workdays.push(d);
  const totalWeight = ref.desks.reduce((s, d) => s + d.weight, 0);
  const cumulative: number[] = [];
  ref.desks.reduce((s, d, i) => (cumulative[i] = s + d.weight), 0);
  const pickDesk = () => {
    const x = rng.next() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return ref.desks[lo];
  };
  // Some desks are chronically slower: that is what the scorecard should reveal.
  const slowness = new Map(
    ref.desks.map((d) => [d.unitCode, rng.chance(0.2) ? 1.6 + rng.next() : 0.6 + rng.next() * 0.5]),
  );
  // The record fields of METHOD-766 §6 come from a stream of their own, so adding them
  // leaves every other generated value (and METHOD's figures) as it was.
  const rng766 = prng((opts.seed ?? 7) + 766);
  const digital = new Map(
    ref.desks.map((d) => [d.unitCode, rng766.chance(0.25) ? 0.2 + rng766.next() * 0.3 : 0.7 + rng766.next() * 0.3]),
  );
  const integrated = new Set(
    ref.authorities.filter((a) => a.paymentIntegrated).map((a) => `${a.unitCode}|${a.procedureCode}`),
  );
  // Departments, officers and step deadlines (METHOD-STEPS): a stream of its own too.
  const kinds = new Map(ref.units.map((u) => [u.code, u.kind]));
  const process =
    opts.process === false
      ? null
      : demoProcess(
          ref.desks.map((d) => ({ code: d.unitCode, kind: kinds.get(d.unitCode) ?? "so_nganh" })),
          (opts.seed ?? 7) + 2424,
        );

  let batch: DossierRow[] = [];
  for (let i = 0; i < opts.dossiers; i++) {
    const desk = pickDesk();
    // Zipf-like: a few procedures take most dossiers.
    const proc =
      desk.procedures[Math.min(desk.procedures.length - 1, Math.floor(desk.procedures.length * rng.next() ** 2.2))];
    const day = workdays[Math.floor(rng.next() * workdays.length)];
    const received = new Date(startOfLocalDay(day).getTime() + (7.5 + rng.next() * 9.5) * HOUR);
    if (received > now) continue;
    const code = `H56.${day.replaceAll("-", "")}.${String(i).padStart(7, "0")}`;
    const channelRoll = rng.next();
    const channel: number | null = channelRoll < 0.46 ? 2 : channelRoll < 0.94 ? 1 : channelRoll < 0.98 ? 3 : null;
    const source = channel === 2 ? (rng.chance(0.75) ? "DVCQG" : "DIAPHUONG") : null;

    // Processing time relative to the deadline, in the deadline's own terms.
    const slow = slowness.get(desk.unitCode)!;
    const ratio = Math.max(0.02, (0.25 + rng.next() * 0.7) * slow * (rng.chance(0.08) ? 1.8 : 1));
    const durationMs = processingMs(proc, ratio, rng);
    const steps: StepRow[] = [];
    const h = () => rng.pick(HANDLERS);
    steps.push({ status: 2, at: received, handler: h(), title: "Cán bộ một cửa", content: "Tiếp nhận hồ sơ" });
    steps.push({
      status: 4,
      at: new Date(received.getTime() + Math.min(durationMs * 0.2, 8 * HOUR)),
      handler: h(),
      title: "Chuyên viên",
      content: "Chuyển xử lý",
    });
    let status = 4;
    let refusedAt: Date | null = null;
    let finishedAt: Date | null = null;
    let returnedAt: Date | null = null;
    const fate = rng.next();
    const end = new Date(received.getTime() + durationMs);
    if (fate < 0.02) {
      refusedAt = new Date(received.getTime() + 2 * HOUR);
      status = 3;
      steps.splice(1);
    } else if (fate < 0.03) {
      steps.push({
        status: 7,
        at: new Date(received.getTime() + durationMs / 2),
        handler: h(),
        content: "Công dân rút hồ sơ",
      });
      status = 7;
    } else if (end <= now) {
      if (rng.chance(0.12))
        steps.push({
          status: 5,
          at: new Date(received.getTime() + durationMs * 0.4),
          handler: h(),
          content: "Yêu cầu bổ sung",
        });
      steps.push({ status: 9, at: end, handler: h(), title: "Lãnh đạo", content: "Phê duyệt kết quả" });
      finishedAt = end;
      status = 9;
      if (rng.chance(0.85)) {
        returnedAt = new Date(end.getTime() + rng.int(1, 48) * HOUR);
        if (returnedAt <= now) {
          steps.push({ status: 10, at: returnedAt, handler: h(), content: "Trả kết quả" });
          status = 10;
        } else returnedAt = null;
      }
    }
    process?.apply(desk.unitCode, proc, steps, now);

    let receivedAt: Date | null = received;
    const defect = rng.next();
    if (defect < 0.015)
      receivedAt = null; // no NgayTiepNhan: start falls back to the first step
    else if (defect < 0.018) {
      receivedAt = null;
      steps.length = 0;
    } // nothing at all: overdue
    const unknownProcedure = rng.chance(0.004);
    if (rng.chance(0.008)) status = 1; // still "Mới đăng ký"

    const fee = proc.hasFee;
    const missingFee = fee && rng.chance(0.03);
    const feeLines =
      fee && !missingFee
        ? [{ TenPhiLePhi: "Lệ phí", MaPhiLePhi: "LP01", Gia: rng.pick([0, 20000, 50000, 100000, 200000]) }]
        : [];
    const positive = feeLines.some((l) => l.Gia > 0);
    let paid: number | null = null;
    if (positive && integrated.has(`${desk.unitCode}|${proc.code}`)) {
      const r = rng.next();
      paid = channel === 2 ? (r < 0.45 ? 1 : r < 0.6 ? 2 : null) : r < 0.05 ? 1 : null;
    }
    const syncDelay = rng.chance(0.9) ? rng.int(1, 30) * 60_000 : rng.int(1, 72) * HOUR;
    const syncedAt = new Date(Math.min(now.getTime(), received.getTime() + syncDelay));
    const procedureCode = unknownProcedure ? `9.99900${rng.int(1, 4)}` : proc.code;
    batch.push({
      code,
      procedureCode,
      unitCode: desk.unitCode,
      channel,
      source,
      status,
      submittedAt: new Date(received.getTime() - rng.int(0, 48) * HOUR),
      receivedAt,
      appointmentAt: null,
      returnedAt,
      finishedAt,
      refusedAt,
      paidOnline: paid,
      feeLines: feeLines.length,
      feePositive: positive,
      syncedAt,
      raw: {
        MaHoSo: code,
        MaTTHC: procedureCode,
        KenhThucHien: channel == null ? "" : String(channel),
        DanhSachLePhi: feeLines,
        ...record766(rng766, digital.get(desk.unitCode)!, channel === 2, status === 9 || status === 10),
      },
      steps,
    });
    if (batch.length >= chunk) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * The dossier fields METHOD-766 §6 reads (digitisation, reuse, national data, VNeID,
 * electronic results), at a desk's own level `d` of digital work: weak desks score low
 * on group 4 of the 766 index.
 */
function record766(rng: Rng, d: number, online: boolean, finished: boolean) {
  const citizen = rng.chance(0.8);
  const digitised = rng.chance(d);
  const fromNational = digitised && rng.chance(d * 0.6);
  const vneid = citizen && online && rng.chance(0.85);
  return {
    LoaiDoiTuong: citizen ? "1" : rng.pick(["2", "3", "4"]),
    HoSoCoThanhPhanSoHoa: digitised ? "1" : "0",
    TaiLieuNop: [
      {
        TenTaiLieu: "Tờ khai",
        DuocSoHoa: digitised ? "1" : "0",
        DuocTaiSuDung: digitised && rng.chance(d * 0.8) ? "1" : "0",
        DuocLayTuKhoDMQG: fromNational ? "1" : "0",
      },
    ],
    DSKetNoiCSDL: vneid && rng.chance(0.5) ? [{ MaCSDL: "CSDLQGDC" }] : [],
    TaiKhoanDuocXacThucVoiVNeID: vneid ? "1" : "0",
    DanhSachGiayToKetQua:
      finished && rng.chance(d)
        ? [{ TenGiayTo: "Kết quả", DuongDanTepTinKetQua: "https://dichvucong.thainguyen.gov.vn/ket-qua" }]
        : [],
  };
}

/** Twelve whole months: from the 1st of the month eleven months before `until`. */
export function firstDayOfData(until: LocalDate): LocalDate {
  const [y, m] = until.split("-").map(Number);
  const total = y * 12 + (m - 1) - 11;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

function processingMs(p: ProcedureRow, ratio: number, rng: Rng): number {
  const v = p.deadlineValue ?? 10;
  switch (p.deadlineUnit) {
    case "hour":
      return v * ratio * HOUR;
    case "month":
      return v * 30 * ratio * 24 * HOUR;
    case "year":
      return v * 365 * ratio * 24 * HOUR;
    case "day":
      return v * ratio * 24 * HOUR;
    default:
      // Working days: ~1.4 calendar days each; same-day procedures finish in hours.
      return v === 0 ? rng.int(1, 8) * HOUR * ratio * 1.5 : v * 1.4 * ratio * 24 * HOUR;
  }
}

/**
 * METHOD-766 §6's catalogue columns for the demo: most procedures announced in time and
 * made public within days, some late or not yet public, a few published incompletely;
 * four in ten have a paper result. From a stream of their own, like record766.
 */
export function demoCatalogue766(procedures: ProcedureRow[], until: LocalDate, seed = 766): ProcedureRow[] {
  const rng = prng(seed);
  const cal = new WorkCalendar(builtinExceptions(Number(until.slice(0, 4)) - 2, Number(until.slice(0, 4)) + 1));
  const first = firstDayOfData(until);
  const span = Math.max(
    1,
    Math.round((startOfLocalDay(until).getTime() - startOfLocalDay(first).getTime()) / 86_400_000),
  );
  return procedures.map((p) => {
    // Six in ten were announced during the year of data, the rest before it.
    const announced = addDays(first, rng.chance(0.6) ? rng.int(0, span) : -rng.int(30, 700));
    const lead = rng.chance(0.8) ? rng.int(6, 25) : rng.int(0, 5);
    const shown = rng.chance(0.9)
      ? cal.nthWorkingDayAfter(announced, rng.chance(0.85) ? rng.int(1, 5) : rng.int(6, 15))
      : null;
    return {
      ...p,
      i766: {
        NgayCongBo: announced,
        NgayHieuLuc: cal.nthWorkingDayAfter(announced, lead),
        NgayCongKhai: shown,
        DayDuBoPhan: rng.chance(0.88) ? "1" : "0",
        KetQuaGiay: rng.chance(0.4) ? "1" : "0",
      },
    };
  });
}

/**
 * Feedback (PAKN) for the year. With `dossiers` (some dossiers of each agency, code and
 * reception), the PAKN also carry METHOD-766 §6's handling columns, a third of them
 * naming one of their agency's dossiers received before them.
 */
export function demoFeedback(
  ref: DemoReference,
  opts: DemoOptions & { dossiers766?: Map<string, Array<{ code: string; at: number }>> },
): FeedbackRow[] {
  const rng = prng((opts.seed ?? 7) + 1);
  const first = startOfLocalDay(firstDayOfData(opts.until)).getTime();
  const span = Math.min((opts.now ?? new Date()).getTime(), startOfLocalDay(opts.until).getTime() + 86_400_000) - first;
  const n = Math.max(20, Math.round(opts.dossiers / 80));
  const rng766 = prng((opts.seed ?? 7) + 767);
  const until = opts.now ?? new Date();
  const cal = new WorkCalendar(builtinExceptions(until.getFullYear() - 2, until.getFullYear() + 1));
  // Some agencies answer their PAKN slowly and leave people unsatisfied.
  const slow = new Map(ref.desks.map((d) => [d.unitCode, rng766.chance(0.25)]));
  return Array.from({ length: n }, (_, i) => {
    const desk = rng.pick(ref.desks);
    const proc = rng.pick(desk.procedures);
    const receivedAt = new Date(first + rng.next() * span);
    const row: FeedbackRow = {
      code: `PAKN.${String(i + 1).padStart(6, "0")}`,
      receivedAt,
      kind: rng.chance(0.6) ? 1 : 2,
      unitCode: desk.unitCode,
      sector: proc.fieldName,
      field: proc.fieldCode,
    };
    if (!opts.dossiers766) return row;
    const isSlow = slow.get(desk.unitCode)!;
    const done = cal.nthWorkingDayAfter(localDate(receivedAt), isSlow ? rng766.int(5, 30) : rng766.int(1, 16));
    const earlier = (opts.dossiers766.get(desk.unitCode) ?? []).filter((d) => d.at < receivedAt.getTime());
    const likes = rng766.int(0, 6);
    row.i766 = {
      NgayXuLyXong: startOfLocalDay(done) <= until ? done : null,
      SoThich: String(likes),
      SoKhongThich: String(isSlow ? rng766.int(0, 8) : rng766.int(0, Math.max(0, likes - 1))),
      KhieuNaiLai: rng766.chance(isSlow ? 0.2 : 0.04) ? "1" : "0",
      MaHoSo: earlier.length && rng766.chance(0.3) ? rng766.pick(earlier).code : null,
    };
    return row;
  });
}

/** Reported totals per unit and month (§Đ): the national system and the unit's own report. */
export function demoReports(receivedByUnitMonth: Map<string, number>, until: LocalDate, seed = 9): ReportRow[] {
  const rng = prng(seed);
  const out: ReportRow[] = [];
  for (const [key, n] of receivedByUnitMonth) {
    const [unitCode, month] = key.split("|");
    const fromDay = `${month}-01`;
    const [y, m] = month.split("-").map(Number);
    const monthEnd = localDate(new Date(Date.UTC(y, m, 0, 12)));
    const toDay = monthEnd < until ? monthEnd : until; // the current month is reported to date
    if (rng.chance(0.01)) continue; // a unit that forgot to report
    out.push({ unitCode, fromDay, toDay, source: "bcqg", received: Math.round(n * (1.02 + rng.next() * 0.08)) });
    out.push({ unitCode, fromDay, toDay, source: "thongke", received: Math.round(n * (0.96 + rng.next() * 0.06)) });
  }
  return out;
}
