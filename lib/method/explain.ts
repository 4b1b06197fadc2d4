/**
 * The explanation of one dossier's §A verdict for a period: where its start came
 * from, what ended it, its deadline, the elapsed time in the deadline's unit, the
 * verdict and the METHOD clause that decided it.
 */
import type { WorkCalendar } from "./calendar";
import type { Period } from "./period";
import {
  DEADLINE_UNIT_LABELS,
  derive,
  dueDate,
  dueInstant,
  elapsed,
  endOf,
  inPopulation,
  verdictOf,
  VERDICT_LABELS,
  type Deadline,
  type DossierFacts,
  type Verdict,
} from "./ontime";
import { STATUS, STATUS_LABELS } from "./status";
import { formatLocalInstant } from "./time";

export interface Explanation {
  inPopulation: boolean;
  start: { at: string | null; source: "received" | "first_step" | null; field: string | null };
  end: { at: string; status: number | null; statusLabel: string; source: "event" | "asOf" } | null;
  deadline: { value: number; unit: Deadline["unit"]; unitLabel: string } | null;
  dueAt: string | null;
  /** The due date as people read it (§A.4 [decision], §A.6): the N-th working day, never a day off after it. */
  dueDate: string | null;
  elapsed: { value: number; unitLabel: string } | null;
  verdict: Verdict | null;
  verdictLabel: string;
  clause: string;
  reason: string;
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toLocaleString("vi-VN", { maximumFractionDigits: 2 }));

export function explain(
  f: DossierFacts,
  deadline: Deadline | null,
  period: Period,
  cal: WorkCalendar,
  procedureKnown: boolean,
): Explanation {
  const d = derive(f);
  const pop = inPopulation(d, period);
  const end = endOf(d, period.asOf);
  const verdict = verdictOf(d, deadline, period, cal);
  const start = {
    at: d.startAt ? formatLocalInstant(d.startAt) : null,
    source: d.startSource,
    field:
      d.startSource === "received"
        ? "NgayTiepNhan"
        : d.startSource === "first_step"
          ? "QuaTrinhXuLy (bước đầu tiên)"
          : null,
  };
  const endJson = end
    ? {
        at: formatLocalInstant(end.at),
        status: end.status,
        statusLabel: STATUS_LABELS[end.status],
        source: "event" as const,
      }
    : {
        at: formatLocalInstant(period.asOf),
        status: null,
        statusLabel: "Chưa kết thúc, tính đến cuối kỳ",
        source: "asOf" as const,
      };
  const deadlineJson = deadline
    ? { value: deadline.value, unit: deadline.unit, unitLabel: DEADLINE_UNIT_LABELS[deadline.unit] }
    : null;
  const base = {
    inPopulation: pop,
    start,
    end: pop ? endJson : null,
    deadline: deadlineJson,
    dueAt: d.startAt && deadline ? formatLocalInstant(dueInstant(d.startAt, deadline, cal)) : null,
    dueDate: d.startAt && deadline ? dueDate(d.startAt, deadline, cal) : null,
    elapsed: null as Explanation["elapsed"],
    verdict,
    verdictLabel: verdict ? VERDICT_LABELS[verdict] : "Không thuộc kỳ",
  };

  if (!pop) {
    let clause = "METHOD §A.1";
    let reason: string;
    if (f.status === STATUS.SUBMITTED) reason = "Hồ sơ còn ở trạng thái Mới đăng ký (chưa được tiếp nhận).";
    else if (!d.startAt) reason = "Hồ sơ không có thời điểm bắt đầu và được đồng bộ ngoài kỳ này.";
    else if (d.startAt > period.asOf) reason = "Hồ sơ bắt đầu xử lý sau thời điểm tính của kỳ.";
    else {
      clause = "METHOD §A.1, §A.2";
      reason = "Hồ sơ đã kết thúc xử lý trước khi kỳ bắt đầu.";
    }
    return { ...base, clause, reason };
  }
  if (!d.startAt) {
    return {
      ...base,
      clause: "METHOD §A.3",
      reason: "Không có ngày tiếp nhận và không có tiến trình xử lý: tính là quá hạn.",
    };
  }
  if (!deadline) {
    return {
      ...base,
      clause: "METHOD §A.4 [quyết định]",
      reason: procedureKnown
        ? "Thủ tục chưa công bố thời hạn giải quyết: hồ sơ không được tính là đúng hạn."
        : "Mã thủ tục không có trong danh mục: hồ sơ không được tính là đúng hạn.",
    };
  }
  const endAt = end?.at ?? period.asOf;
  const value = elapsed(d.startAt, endAt, deadline.unit, cal);
  const unitLabel = DEADLINE_UNIT_LABELS[deadline.unit];
  const ok = verdict === "on_time" || verdict === "within";
  const clause = `METHOD §A.4 (${unitLabel}), §A.5`;
  const measure =
    deadline.unit === "month" || deadline.unit === "year"
      ? `ngày kết thúc ${ok ? "không sau" : "sau"} ngày bắt đầu cộng ${num(deadline.value)} ${unitLabel}`
      : `thời gian xử lý ${num(Math.round(value * 100) / 100)} ${unitLabel} ${ok ? "≤" : ">"} thời hạn ${num(deadline.value)} ${unitLabel}`;
  return {
    ...base,
    elapsed: { value, unitLabel },
    clause,
    reason: `${end ? "Đã kết thúc" : "Đang xử lý tại thời điểm cuối kỳ"}: ${measure}.`,
  };
}
