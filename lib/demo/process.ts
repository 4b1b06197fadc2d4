/**
 * The demo's process inside each agency (METHOD-STEPS): every unit gets 3–6 departments
 * with named officers, and each dossier a realistic chain — received and forwarded by
 * the one-stop desk, examined and put up for signature by a specialist department,
 * approved by the leadership, returned by the desk — each step with its own deadline
 * (NgayKetThucTheoQuyDinh, a share of the procedure's) and, mostly, its NgayBatDau.
 * A few departments and officers are slow; one commune's system sends none of the four
 * fields, another sends a status word as its department (S.5), so the pages have
 * something true to show. From a stream of its own: the step instants METHOD and the
 * 766 index read are the generator's, unchanged; only steps between the forwarding and
 * the next event are added, and those change neither index.
 */
import type { ProcedureRow, StepRow } from "@/lib/store/writes";
import type { UnitKind } from "@/db/schema";
import { prng, type Rng } from "./generate";

const HOUR = 3_600_000;

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Quốc", "Thanh", "Ngọc", "Hữu", "Hồng"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dung",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hoa",
  "Huy",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Ngân",
  "Phong",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vân",
  "Yến",
];
const SPECIALISTS_SO = [
  "Phòng Nghiệp vụ",
  "Phòng Quản lý chuyên ngành",
  "Phòng Pháp chế – Tổng hợp",
  "Phòng Kế hoạch – Tài chính",
  "Phòng Cấp phép",
];
const SPECIALISTS_XA = [
  "Công chức Tư pháp – Hộ tịch",
  "Công chức Địa chính – Xây dựng",
  "Công chức Văn hóa – Xã hội",
  "Công chức Tài chính – Kế toán",
];

interface Office {
  name: string;
  officers: Array<{ name: string; slow: boolean }>;
  slow: boolean;
}
interface UnitProcess {
  desk: Office;
  specialists: Office[];
  office: Office | null;
  leaders: Office;
  sends: "all" | "none" | "status_word";
}

const person = (rng: Rng) => `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
const office = (rng: Rng, name: string, slowChance: number): Office => {
  const officers = Array.from({ length: rng.int(2, 3) }, () => ({ name: person(rng), slow: rng.chance(0.12) }));
  return { name, officers, slow: rng.chance(slowChance) };
};

/** A unit's departments and officers, the same on every run (seeded by the unit's code). */
function unitProcess(code: string, kind: UnitKind, index: number): UnitProcess {
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const rng = prng(h >>> 0);
  const xa = kind === "xa";
  const pool = [...(xa ? SPECIALISTS_XA : SPECIALISTS_SO)];
  const specialists = Array.from({ length: rng.int(1, xa ? 2 : 3) }, () =>
    office(rng, pool.splice(rng.int(0, pool.length - 1), 1)[0], 0.25),
  );
  return {
    desk: office(rng, "Bộ phận Một cửa", 0.05),
    specialists,
    office: xa ? null : office(rng, "Văn phòng", 0.1),
    leaders: office(rng, xa ? "Lãnh đạo UBND" : "Ban Giám đốc", 0.1),
    // S.5: the first commune's system fills none of the four fields; the second puts a status word in PhongBanXuLy.
    sends: xa && index === 0 ? "none" : xa && index === 1 ? "status_word" : "all",
  };
}

/** The procedure's whole deadline as a duration, for the steps' shares of it. */
function nominalMs(p: ProcedureRow): number {
  const v = p.deadlineValue ?? 10;
  switch (p.deadlineUnit) {
    case "hour":
      return v * HOUR;
    case "day":
      return v * 24 * HOUR;
    case "month":
      return v * 30 * 24 * HOUR;
    case "year":
      return v * 365 * 24 * HOUR;
    default:
      return v === 0 ? 8 * HOUR : v * 1.4 * 24 * HOUR;
  }
}

/** Each step's share of the procedure's deadline, by what the step is. */
const SHARE = {
  receive: 0.05,
  forward: 0.05,
  examine: 0.5,
  sign: 0.15,
  supplement: 0.3,
  approve: 0.2,
  withdraw: 0.3,
  return: 0.05,
} as const;

export interface DemoProcess {
  /** Gives the dossier's steps their departments, officers, starts and deadlines, adding the specialist's steps. */
  apply(unitCode: string, proc: ProcedureRow, steps: StepRow[], now: Date): void;
}

export function demoProcess(units: Array<{ code: string; kind: UnitKind }>, seed = 2424): DemoProcess {
  const rng = prng(seed);
  let communes = 0;
  const byUnit = new Map(units.map((u) => [u.code, unitProcess(u.code, u.kind, u.kind === "xa" ? communes++ : -1)]));
  return {
    apply(unitCode, proc, steps, now) {
      const up = byUnit.get(unitCode);
      if (!up || steps.length === 0) return;
      const specialist = rng.pick(up.specialists);
      const examiner = rng.pick(specialist.officers);
      // The specialist's steps, between the forwarding and the next event (or now, when none).
      if (steps[0].status === 2 && steps[1]?.status === 4) {
        const from = steps[1].at.getTime();
        const next = Math.min(steps[2]?.at.getTime() ?? now.getTime(), now.getTime());
        // The specialist holds most of the span (more when slow), the office a part of the rest, the leadership the remainder.
        const slow = (specialist.slow ? 0.2 : 0) + (examiner.slow ? 0.1 : 0);
        const t1 = from + (next - from) * Math.min(0.9, 0.5 + rng.next() * 0.2 + slow);
        const t2 = t1 + (next - t1) * (0.5 + rng.next() * 0.3);
        const added: StepRow[] = [];
        if (t1 > from + 60_000 && t1 < next)
          added.push({ status: 4, at: new Date(Math.round(t1)), content: "Thẩm định hồ sơ" });
        if (added.length && t2 > t1 + 60_000 && t2 < next)
          added.push({ status: 4, at: new Date(Math.round(t2)), content: "Trình ký" });
        steps.splice(2, 0, ...added);
      }
      const budget = nominalMs(proc);
      let previous: Date | null = null;
      for (const s of steps) {
        const role =
          s.status === 2
            ? "receive"
            : s.status === 5
              ? "supplement"
              : s.status === 9
                ? "approve"
                : s.status === 10
                  ? "return"
                  : s.status === 7
                    ? "withdraw"
                    : s.content === "Thẩm định hồ sơ"
                      ? "examine"
                      : s.content === "Trình ký"
                        ? "sign"
                        : "forward";
        const who =
          role === "examine" || role === "supplement"
            ? specialist
            : role === "sign"
              ? (up.office ?? specialist)
              : role === "approve"
                ? up.leaders
                : up.desk;
        const officer = role === "examine" || role === "supplement" ? examiner : rng.pick(who.officers);
        const start = previous ?? s.at;
        s.handler = officer.name;
        s.title = who === up.leaders ? "Lãnh đạo" : who === up.desk ? "Cán bộ một cửa" : "Chuyên viên";
        if (up.sends === "all") {
          s.department = who.name;
          s.startedAt = rng.chance(0.85) ? start : null;
          s.stepDueAt = new Date(start.getTime() + Math.max(HOUR, budget * SHARE[role]));
        } else {
          s.department = up.sends === "status_word" ? "Đang xử lý" : null;
          s.startedAt = null;
          s.stepDueAt = null;
        }
        previous = s.at;
      }
    },
  };
}
