import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getProcessView } from "@/lib/data/steps";
import { breadcrumb, resolveUnit } from "@/lib/data/tree";
import type { Caller } from "@/lib/data/scope";
import { getDb } from "@/lib/data/db";
import { formatCount, formatDateTime, formatPoints, formatRate } from "@/lib/format";
import type { Period } from "@/lib/method/period";
import { sendsNoProcess, STEP_LABELS, type StepRow } from "@/lib/method/steps";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { BandBadge } from "../../_components/band-badge";
import { Breadcrumb } from "../../_components/breadcrumb";
import { Computing } from "../../_components/computing";
import { LiveRefresh } from "../../_components/live-refresh";
import { PeriodPicker } from "../../_components/period-picker";

export const metadata: Metadata = { title: "Quy trình xử lý" };

type Search = Promise<{ from?: string; to?: string; unit?: string; dept?: string; deptUnit?: string; all?: string }>;

/** Rows shown before "Xem tất cả": a province has hundreds of departments. */
const FIRST_ROWS = 25;
/** A procedure step ranks among the slowest only on enough steps with a deadline to mean something. */
const MIN_JUDGED = 5;

/** Working days held: whole days as such ("6"), a median between two ("2,5"). */
const days = (v: number | null) =>
  v === null ? "—" : Number.isInteger(v) ? formatCount(v) : formatPoints(v).replace(/0$/, "");

/**
 * Where the time goes inside the process (METHOD-STEPS): the departments of a unit,
 * slowest first; the procedure steps slow across it; its officers where S.4 allows;
 * a department opens its steps and the late dossiers they belong to.
 */
export default async function ProcessPage({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage("scores:read");
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  // A department of a unit outside the caller's scope is "not found", as the unit itself is.
  if (sp.deptUnit) await orNotFound(resolveUnit(orm, caller, sp.deptUnit));
  const trail = unit ? await breadcrumb(orm, caller, unit.code) : [];
  const base = { from: period.from, to: period.to };
  return (
    <div className="space-y-5">
      <div>
        {trail.length > 1 && <Breadcrumb trail={trail} href={(code) => `/quy-trinh${qs({ ...base, unit: code })}`} />}
        <h1 className="text-2xl font-semibold">Quy trình xử lý — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">Thời gian hồ sơ nằm ở từng phòng ban, từng bước · {periodLabel(period)}</p>
        <LiveRefresh asOf={formatDateTime(period.asOf)} />
      </div>
      <PeriodPicker path="/quy-trinh" period={period} keep={{ unit: sp.unit }} />
      <Suspense
        key={`${period.from}|${period.to}|${unit?.code}|${sp.dept}|${sp.deptUnit}`}
        fallback={<Computing label="Đang tính thời gian từng bước…" />}
      >
        <ProcessBody
          caller={caller}
          period={period}
          unit={unit?.code}
          all={sp.all === "1"}
          dept={sp.dept && sp.deptUnit ? { key: sp.dept, unit: sp.deptUnit } : undefined}
        />
      </Suspense>
      <p className="text-xs text-gray-500">
        Mỗi bước tính từ ngày bắt đầu do hệ thống một cửa gửi (hoặc từ khi bước trước kết thúc) đến khi bước kết thúc;
        đúng hạn khi kết thúc không muộn hơn hạn của bước (hạn ghi 00:00 là hết ngày đó). Số ngày là ngày làm việc đã
        qua (một bước trễ vài giờ trong cùng ngày giữ 0 ngày). Bước không có hạn không được đánh giá.
      </p>
    </div>
  );
}

async function ProcessBody({
  caller,
  period,
  unit,
  dept,
  all,
}: {
  caller: Caller;
  period: Period;
  unit?: string;
  dept?: { unit: string; key: string };
  all: boolean;
}) {
  const { orm } = await getDb(); // the page above has checked the caller
  const v = await getProcessView(orm, caller, { period, unit, department: dept });
  const base = { from: period.from, to: period.to, unit };
  const share = (n: number) => (v.fields.steps === 0 ? "—" : formatRate((n / v.fields.steps) * 100));
  if (v.totals.steps === 0) {
    return (
      <p className="rounded border border-gray-200 bg-white p-4 text-gray-600" data-process-empty>
        Không có bước xử lý nào kết thúc trong kỳ.
      </p>
    );
  }
  const unitName = (code: string) => v.unitNames[code] ?? code;
  const stepName = (r: StepRow) => {
    const [proc, status] = r.key.split("|");
    return (
      <>
        {v.procedureNames[proc] ?? (proc || "Không rõ thủ tục")} — {STEP_LABELS[Number(status)] ?? status}
        {!unit || r.unit !== unit ? <span className="ml-1 text-xs text-gray-500">{unitName(r.unit)}</span> : null}
      </>
    );
  };
  const slowSteps = v.procedureSteps.filter((r) => r.judged >= MIN_JUDGED).slice(0, 15);
  const shownDepartments = all ? v.departments : v.departments.slice(0, FIRST_ROWS);
  return (
    <div className="space-y-5">
      <section className="grid gap-3 sm:grid-cols-4" aria-label="Tổng số bước">
        <Figure label="Bước xử lý kết thúc trong kỳ" value={formatCount(v.totals.steps)} />
        <Figure label="Bước có hạn" value={formatCount(v.totals.judged)} />
        <Figure
          label="Bước đúng hạn"
          value={v.totals.rate === null ? "Không có hạn của bước" : formatRate(v.totals.rate)}
          data="rate"
        />
        <Figure label="Hồ sơ quá hạn có bước trễ" value={formatCount(v.totals.lateDossiers)} />
      </section>

      <section className="rounded-lg border border-gray-200 bg-white p-4 text-sm" data-fields>
        <h2 className="font-semibold">Dữ liệu hệ thống một cửa gửi cho từng bước</h2>
        {sendsNoProcess(v.fields) && (
          <p className="mt-1 rounded bg-amber-50 p-2 text-amber-900" data-no-process>
            Hệ thống một cửa của đơn vị chưa gửi phòng ban / hạn của từng bước.
          </p>
        )}
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
          <div>
            <dt className="text-gray-600">Phòng ban xử lý</dt>
            <dd className="font-medium tabular-nums">{share(v.fields.department)}</dd>
          </div>
          <div>
            <dt className="text-gray-600">Người xử lý</dt>
            <dd className="font-medium tabular-nums">{share(v.fields.officer)}</dd>
          </div>
          <div>
            <dt className="text-gray-600">Ngày bắt đầu bước</dt>
            <dd className="font-medium tabular-nums">{share(v.fields.start)}</dd>
          </div>
          <div>
            <dt className="text-gray-600">Hạn của bước</dt>
            <dd className="font-medium tabular-nums">{share(v.fields.due)}</dd>
          </div>
        </dl>
      </section>

      {v.department && (
        <section className="space-y-2 rounded-lg border border-blue-200 bg-blue-50 p-4" data-department-detail>
          <h2 className="text-lg font-semibold">
            {v.department.name}{" "}
            <span className="text-sm font-normal text-gray-600">({unitName(v.department.unit)})</span>
          </h2>
          <Rows rows={v.department.steps} heading="Bước của thủ tục" name={stepName} data="department-steps" />
          <h3 className="font-semibold">
            Hồ sơ quá hạn có bước trễ tại phòng ban này ({formatCount(v.department.lateCount)})
          </h3>
          {v.department.lateCount === 0 ? (
            <p className="text-sm text-gray-600">Không có.</p>
          ) : v.department.lateDossiers.length > 0 ? (
            <ul className="flex flex-wrap gap-2 text-sm" data-late-dossiers>
              {v.department.lateDossiers.slice(0, 200).map((code) => (
                <li key={code}>
                  <Link
                    className="text-blue-700 underline"
                    href={`/ho-so/${encodeURIComponent(code)}${qs({ from: base.from, to: base.to })}`}
                  >
                    {code}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-gray-600">Danh sách hồ sơ dành cho cán bộ có quyền xem hồ sơ.</p>
          )}
          <Link className="text-sm text-blue-700 underline" href={`/quy-trinh${qs(base)}`}>
            ‹ Tất cả phòng ban
          </Link>
        </section>
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Phòng ban, chậm nhất trước</h2>
        <Rows
          rows={shownDepartments}
          heading="Phòng ban"
          data="departments"
          name={(r) => {
            const label = (
              <>
                {r.name}
                {!unit || r.unit !== unit ? (
                  <span className="ml-1 text-xs text-gray-500">{unitName(r.unit)}</span>
                ) : null}
              </>
            );
            // Steps without a department are one row, not a department to open.
            return r.key ? (
              <Link
                className="text-blue-700 hover:underline"
                href={`/quy-trinh${qs({ ...base, dept: r.key, deptUnit: r.unit })}`}
              >
                {label}
              </Link>
            ) : (
              label
            );
          }}
        />
        {!all && v.departments.length > FIRST_ROWS && (
          <Link className="text-sm text-blue-700 underline" href={`/quy-trinh${qs({ ...base, all: "1" })}`}>
            Xem tất cả {formatCount(v.departments.length)} phòng ban
          </Link>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Bước của thủ tục chậm nhất</h2>
        <p className="text-xs text-gray-600">Các bước có từ {MIN_JUDGED} lần có hạn trở lên trong kỳ.</p>
        <Rows rows={slowSteps} heading="Thủ tục — bước" name={stepName} data="procedure-steps" />
      </section>

      {v.officers && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Cán bộ xử lý</h2>
          <p className="text-xs text-gray-600">
            Thông tin cá nhân: chỉ hiển thị cho người có thẩm quyền; mỗi lần xem được ghi nhật ký.
          </p>
          <Rows
            rows={v.officers.slice(0, 50)}
            heading="Cán bộ"
            data="officers"
            name={(r) => (
              <>
                {r.name}
                {!unit || r.unit !== unit ? (
                  <span className="ml-1 text-xs text-gray-500">{unitName(r.unit)}</span>
                ) : null}
              </>
            )}
          />
        </section>
      )}
    </div>
  );
}

function Figure({ label, value, data }: { label: string; value: string; data?: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-3">
      <p className="text-sm text-gray-600">{label}</p>
      <p className="text-2xl font-semibold tabular-nums" data-figure={data}>
        {value}
      </p>
    </div>
  );
}

/** A table of step rows; on a phone the same figures as cards. */
function Rows({
  rows,
  heading,
  name,
  data,
}: {
  rows: StepRow[];
  heading: string;
  name: (r: StepRow) => React.ReactNode;
  data?: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-gray-600">Không có.</p>;
  return (
    <div
      className="overflow-x-auto rounded-lg border border-gray-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={heading}
    >
      <table className="min-w-full text-sm" data-steps={data}>
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">{heading}</th>
            <th className="px-2 py-2">Đúng hạn</th>
            <th className="px-2 py-2">Bước (có hạn)</th>
            <th className="px-2 py-2">Ngày giữ (trung vị)</th>
            <th className="px-2 py-2">Hồ sơ quá hạn</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.unit}|${r.key}`} className="border-t border-gray-100 align-top" data-row={r.key}>
              <td className="px-2 py-2">{name(r)}</td>
              <td className="px-2 py-2 tabular-nums">
                <div className="flex flex-col items-start gap-0.5">
                  {r.rate !== null && <span>{formatRate(r.rate)}</span>}
                  <BandBadge band={r.band} indicator="steps" />
                </div>
              </td>
              <td className="px-2 py-2 tabular-nums">
                {formatCount(r.steps)} ({formatCount(r.judged)})
              </td>
              <td className="px-2 py-2 tabular-nums">{days(r.daysMedian)}</td>
              <td className="px-2 py-2 tabular-nums">{formatCount(r.lateDossiers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
