import { formatCount, formatDateTime, formatPoints } from "@/lib/format";
import { STATUS_LABELS } from "@/lib/method/status";
import { STEP_LABELS, UNNAMED, type Timeline } from "@/lib/method/steps";

const when = (d: Date) => formatDateTime(d);

/**
 * The dossier's steps as bars on working days (METHOD-STEPS S.1): who held each, from
 * when to when, its own deadline, the late ones marked, the due date as a line, and the
 * step that pushed the dossier past its due date named in words.
 */
export function StepTimeline({ t }: { t: Timeline }) {
  if (t.steps.length === 0) return <p className="text-sm text-gray-600">Không có bước xử lý nào được đồng bộ.</p>;
  const pct = (days: number) => `${Math.min(100, (days / t.span) * 100)}%`;
  const pushed = t.pushedPastDue === null ? null : t.steps[t.pushedPastDue];
  return (
    <div className="space-y-3">
      {pushed && (
        <p className="rounded border border-red-300 bg-red-50 p-2 text-sm" data-pushed-past-due>
          Bước làm hồ sơ quá hạn: <strong>{STEP_LABELS[pushed.status] ?? STATUS_LABELS[pushed.status]}</strong> tại{" "}
          <strong>{pushed.department.name}</strong>
          {pushed.officer.name !== UNNAMED && <> ({pushed.officer.name})</>}, kết thúc {when(pushed.to)}
          {pushed.late && pushed.due ? (
            <>, trễ so với hạn của bước ({when(pushed.due)})</>
          ) : (
            <>, sau hạn giải quyết của hồ sơ</>
          )}
          .
        </p>
      )}
      <ol className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-timeline>
        {t.steps.map((s, i) => (
          <li key={i} data-step-late={s.late === null ? "none" : String(s.late)}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-medium">
                {STEP_LABELS[s.status] ?? s.status} — {s.department.name}
              </span>
              <span className="text-xs text-gray-600">
                {s.officer.name}
                {s.title ? `, ${s.title}` : ""}
              </span>
            </div>
            <div
              className="relative mt-1 h-3 w-full rounded bg-gray-100"
              role="img"
              aria-label={`${s.days === null ? "" : `${formatPoints(s.days)} ngày làm việc, `}${s.late === null ? "bước không có hạn" : s.late ? "trễ hạn của bước" : "đúng hạn của bước"}`}
            >
              {t.dueOffset !== null && (
                <div
                  className="absolute top-[-2px] h-4 w-0.5 bg-gray-800"
                  style={{ left: pct(t.dueOffset) }}
                  aria-hidden
                />
              )}
              <div
                className={`absolute h-3 rounded ${s.late ? "bg-red-600" : s.late === false ? "bg-green-700" : "bg-gray-400"}`}
                style={{ left: pct(s.offset ?? 0), width: `max(4px, ${pct(s.days ?? 0)})` }}
              />
            </div>
            <p className="mt-0.5 text-xs text-gray-600 tabular-nums">
              {when(s.from)} → {when(s.to)}
              {s.days !== null && <> · {s.days === 0 ? "trong ngày" : `${formatCount(s.days)} ngày làm việc`}</>}
              {s.due ? (
                <>
                  {" "}
                  · hạn của bước {when(s.due)}
                  {s.late && <strong className="text-red-700"> · trễ</strong>}
                </>
              ) : (
                <> · bước không có hạn</>
              )}
            </p>
          </li>
        ))}
      </ol>
      {t.dueOffset !== null && (
        <p className="text-xs text-gray-500">
          Vạch đứng: hạn giải quyết của hồ sơ. Màu xanh: bước xong trong hạn của bước; đỏ: bước trễ hạn; xám: bước không
          có hạn.
        </p>
      )}
    </div>
  );
}
