/**
 * METHOD-STEPS S.1–S.3 — where the time goes inside a dossier: each handling step with
 * who held it, from when to when, and whether it met its own deadline; then the figures
 * by department, officer or procedure step. Pure: the SQL twin (lib/engine/steps-sql.ts)
 * is held to these functions by a property test.
 */
import { CALENDAR_YEARS, type WorkCalendar } from "./calendar";
import { onTimeBand, type Band } from "./bands";
import type { Period } from "./period";
import { STATUS, STATUS_LABELS } from "./status";
import { endOfLocalDay, localDate, startOfLocalDay } from "./time";

/** S.1.2: a department or officer that cannot be named. */
export const UNNAMED = "Chưa xác định";

/** S.1.2: trimmed, spaces collapsed; compared without case. */
const tidy = (s: string | null | undefined) => (s ?? "").trim().replace(/\s+/g, " ");
const fold = (s: string) => s.toLocaleLowerCase("vi");
const STATUS_WORDS = new Set(Object.values(STATUS_LABELS).map(fold));

/** S.1.2: the key and the name shown; empty (or, for a department, a status word [decision]) → unnamed (key ""). */
export function who(raw: string | null | undefined, kind: "department" | "officer"): { key: string; name: string } {
  const name = tidy(raw);
  const key = fold(name);
  if (!name || (kind === "department" && STATUS_WORDS.has(key))) return { key: "", name: UNNAMED };
  return { key, name };
}

/** A process step as sent (DATA.md §1). */
export interface SentStep {
  status: number;
  at: Date; // ThoiDiemXuLy
  handler: string | null; // NguoiXuLy
  title: string | null; // ChucDanh
  department: string | null; // PhongBanXuLy
  startedAt: Date | null; // NgayBatDau
  stepDueAt: Date | null; // NgayKetThucTheoQuyDinh
}

/** A handling step as S.1 reads it. */
export interface HeldStep {
  status: number;
  department: { key: string; name: string };
  officer: { key: string; name: string };
  title: string | null;
  from: Date;
  to: Date;
  /** S.1.3: where `from` came from; `start_after_end` when NgayBatDau was later than the end. */
  fromSource: "sent" | "previous_step" | "dossier_start" | "start_after_end";
  /** S.1.4: working days held (METHOD §A.4's count; null outside the calendar's years) and the real duration. */
  days: number | null;
  hours: number;
  /** S.1.5: the step's own deadline (00:00:00 local = end of that day); null: không có hạn. */
  due: Date | null;
  late: boolean | null;
}

/** The calendar's span (METHOD §0.6): a day outside it has no working-day count. */
const inCalendar = (d: Date) => {
  const year = Number(localDate(d).slice(0, 4));
  return year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
};

/** S.1.5: NgayKetThucTheoQuyDinh at 00:00:00 local means the end of that day. */
export function stepDue(d: Date | null): Date | null {
  if (!d) return null;
  return startOfLocalDay(localDate(d)).getTime() === d.getTime() ? endOfLocalDay(localDate(d)) : d;
}

/**
 * S.1.1–S.1.5: a dossier's handling steps up to `asOf`, in order (ties: by status code,
 * [decision] the order received is not kept), status 1 left out. `dossierStart` is
 * METHOD §A.3's start (null when the dossier has none).
 */
export function heldSteps(
  sent: readonly SentStep[],
  dossierStart: Date | null,
  asOf: Date,
  cal: WorkCalendar,
): HeldStep[] {
  const steps = sent
    .filter((s) => s.at.getTime() <= asOf.getTime() && s.status !== STATUS.SUBMITTED)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.status - b.status);
  return steps.map((s, i) => {
    const sentOk = s.startedAt !== null && s.startedAt.getTime() <= s.at.getTime();
    const previous = i > 0 ? steps[i - 1].at : null;
    // [decision] A dossier start after the step's end (a step sent before NgayTiepNhan) holds it from its end: 0.
    const fallback = previous ?? dossierStart ?? s.at;
    const from = sentOk ? s.startedAt! : fallback.getTime() > s.at.getTime() ? s.at : fallback;
    const fromSource = sentOk
      ? "sent"
      : s.startedAt !== null
        ? "start_after_end"
        : previous
          ? "previous_step"
          : "dossier_start";
    const due = stepDue(s.stepDueAt);
    return {
      status: s.status,
      department: who(s.department, "department"),
      officer: who(s.handler, "officer"),
      title: tidy(s.title) || null,
      from,
      to: s.at,
      fromSource,
      days: inCalendar(from) && inCalendar(s.at) ? cal.workingDaysBetween(localDate(from), localDate(s.at)) : null,
      hours: (s.at.getTime() - from.getTime()) / 3_600_000,
      due,
      late: due === null ? null : s.at.getTime() > due.getTime(),
    };
  });
}

/** S.2.1: a step is in the period when its end lies in it (and on or before as-of). */
export const inPeriod = (s: HeldStep, p: Period) =>
  s.to.getTime() >= p.startAt.getTime() && s.to.getTime() <= p.asOf.getTime();

/**
 * S.3's procedure step is a step kind, named by what the step does (its TrangThai): the
 * words an official uses for a step, where DATA.md's labels name the dossier's state.
 */
export const STEP_LABELS: Record<number, string> = {
  2: "Tiếp nhận",
  3: "Từ chối tiếp nhận",
  4: "Xử lý",
  5: "Yêu cầu bổ sung",
  6: "Yêu cầu nghĩa vụ tài chính",
  7: "Rút hồ sơ",
  8: "Dừng xử lý",
  9: "Hoàn thành xử lý",
  10: "Trả kết quả",
};

export const STEP_GROUPINGS = ["department", "officer", "procedure-step"] as const;
export type StepGrouping = (typeof STEP_GROUPINGS)[number];

/**
 * Steps of the period as the figures read them, `count` alike: the database groups equal
 * ones (lib/engine/step-figures.ts), the pure path sends one per step (`factsOf`).
 */
export interface StepFact {
  unit: string;
  procedure: string;
  status: number;
  /** As sent: folded into keys by `who` (S.1.2). */
  department: string | null;
  handler: string | null;
  days: number | null;
  late: boolean | null;
  count: number;
  /** S.5: which of NgayBatDau (and whether it was after the end) and NgayKetThucTheoQuyDinh the sender filled. */
  sent: { start: boolean; startAfterEnd: boolean; due: boolean };
  /** S.3 lateDossiers: the dossiers, late under METHOD §A in the period, these steps (when late) belong to. */
  lateDossiers: string[];
}

/** A dossier's steps of the period as facts; `lateUnderMethod`: METHOD §A.5 late or overdue for the period. */
export function factsOf(
  d: { code: string; unit: string; procedure: string; lateUnderMethod: boolean },
  steps: readonly HeldStep[],
  period: Period,
): StepFact[] {
  return steps
    .filter((s) => inPeriod(s, period))
    .map((s) => ({
      unit: d.unit,
      procedure: d.procedure,
      status: s.status,
      department: s.department.name === UNNAMED ? null : s.department.name,
      handler: s.officer.name === UNNAMED ? null : s.officer.name,
      days: s.days,
      late: s.late,
      count: 1,
      sent: {
        start: s.fromSource === "sent" || s.fromSource === "start_after_end",
        startAfterEnd: s.fromSource === "start_after_end",
        due: s.due !== null,
      },
      lateDossiers: s.late && d.lateUnderMethod ? [d.code] : [],
    }));
}

export interface StepRow {
  key: string;
  name: string;
  unit: string;
  steps: number;
  judged: number;
  onTime: number;
  late: number;
  rate: number | null;
  band: Band;
  daysMedian: number | null;
  daysMean: number | null;
  lateDossiers: number;
}

/** A row of nothing: the totals when no step ended in the period. */
export const EMPTY_STEP_ROW: StepRow = {
  key: "",
  name: "",
  unit: "",
  steps: 0,
  judged: 0,
  onTime: 0,
  late: 0,
  rate: null,
  band: "white",
  daysMedian: null,
  daysMean: null,
  lateDossiers: 0,
};

/** S.3: the key of a fact under a grouping, and the name shown. Rows belong to the dossier's unit (S.1.2). */
function keyOf(by: StepGrouping | "all", f: StepFact): { key: string; name: string } {
  switch (by) {
    case "department":
      return who(f.department, "department");
    case "officer":
      return who(f.handler, "officer");
    case "procedure-step":
      return { key: `${f.procedure}|${f.status}`, name: `${f.procedure} — ${STEP_LABELS[f.status] ?? f.status}` };
    case "all":
      return { key: "", name: "" };
  }
}

/** S.3.1 median: the middle value, or the mean of the two middle values. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * S.3: the figures per (unit, key), in a stable order (unit, key); `all` gives the
 * totals of every fact in one row (unit ""), which the rows of any grouping add up to (S.3.1).
 */
export function stepFigures(facts: readonly StepFact[], by: StepGrouping | "all"): StepRow[] {
  const rows = new Map<string, { row: StepRow; days: number[]; lateDossiers: Set<string> }>();
  for (const f of facts) {
    const k = keyOf(by, f);
    const unit = by === "all" ? "" : f.unit;
    const id = `${unit}\u0000${k.key}`;
    let r = rows.get(id);
    if (!r) {
      r = {
        row: {
          key: k.key,
          name: k.name,
          unit,
          steps: 0,
          judged: 0,
          onTime: 0,
          late: 0,
          rate: null,
          band: "white",
          daysMedian: null,
          daysMean: null,
          lateDossiers: 0,
        },
        days: [],
        lateDossiers: new Set(),
      };
      rows.set(id, r);
    }
    r.row.steps += f.count;
    // The name shown for a key sent in several spellings: the first in code order (S.1.2).
    if (k.name < r.row.name) r.row.name = k.name;
    if (f.days !== null) for (let i = 0; i < f.count; i++) r.days.push(f.days);
    if (f.late !== null) {
      r.row.judged += f.count;
      if (f.late) r.row.late += f.count;
      else r.row.onTime += f.count;
    }
    for (const code of f.lateDossiers) r.lateDossiers.add(code);
  }
  return [...rows.values()]
    .map(({ row, days, lateDossiers }) => {
      const rate = row.judged === 0 ? null : (row.onTime / row.judged) * 100;
      return {
        ...row,
        rate,
        band: onTimeBand(rate),
        daysMedian: median(days),
        daysMean: mean(days),
        lateDossiers: lateDossiers.size,
      };
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * S.5: for each unit, the share of its steps in the period that carry each of the four
 * fields, and the data review's counts (a start after the end, no department, no deadline).
 */
export interface StepFields {
  unit: string;
  steps: number;
  department: number;
  officer: number;
  start: number;
  due: number;
  startAfterEnd: number;
}

export function stepFields(facts: readonly StepFact[]): StepFields[] {
  const out = new Map<string, StepFields>();
  for (const f of facts) {
    const u = out.get(f.unit) ?? {
      unit: f.unit,
      steps: 0,
      department: 0,
      officer: 0,
      start: 0,
      due: 0,
      startAfterEnd: 0,
    };
    out.set(f.unit, u);
    u.steps += f.count;
    if (who(f.department, "department").key) u.department += f.count;
    if (who(f.handler, "officer").key) u.officer += f.count;
    if (f.sent.start) u.start += f.count;
    if (f.sent.due) u.due += f.count;
    if (f.sent.startAfterEnd) u.startAfterEnd += f.count;
  }
  return [...out.values()].sort((a, b) => (a.unit < b.unit ? -1 : 1));
}

/** S.5: a unit whose sender fills neither departments nor step deadlines has no process view to show. */
export const sendsNoProcess = (f: StepFields) => f.steps > 0 && f.department === 0 && f.due === 0;

/**
 * A dossier's steps on a working-day axis (the dossier page's timeline): each step's
 * offset from the dossier's start and its length in working days, the due date's place,
 * and the step that pushed a late dossier past its due date. [decision] That is the step
 * that overran its own deadline the most (the time it took beyond what it was given);
 * when no step overran one (no step deadlines, or every step within its own), the step
 * still held when the due instant passed; null when every step ended before it (the
 * dossier went overdue waiting for its next step).
 */
export interface Timeline {
  steps: Array<HeldStep & { offset: number | null }>;
  dueOffset: number | null;
  span: number;
  pushedPastDue: number | null;
}

export function timeline(
  held: readonly HeldStep[],
  start: Date | null,
  dueAt: Date | null,
  late: boolean,
  cal: WorkCalendar,
): Timeline {
  const origin = start ?? held[0]?.from ?? null;
  const at = (d: Date) =>
    origin && inCalendar(origin) && inCalendar(d) ? cal.workingDaysBetween(localDate(origin), localDate(d)) : null;
  const steps = held.map((s) => ({ ...s, offset: s.from.getTime() < (origin?.getTime() ?? 0) ? 0 : at(s.from) }));
  const dueOffset = dueAt ? at(dueAt) : null;
  const span = Math.max(1, dueOffset ?? 0, ...steps.map((s) => (s.offset ?? 0) + (s.days ?? 0)));
  let i = -1;
  if (late) {
    const overrun = (s: HeldStep) => (s.late && s.due ? s.to.getTime() - s.due.getTime() : 0);
    held.forEach((s, k) => {
      if (overrun(s) > 0 && (i < 0 || overrun(s) > overrun(held[i]))) i = k;
    });
    if (i < 0 && dueAt) i = held.findIndex((s) => s.to.getTime() > dueAt.getTime());
  }
  return { steps, dueOffset, span, pushedPastDue: i < 0 ? null : i };
}
