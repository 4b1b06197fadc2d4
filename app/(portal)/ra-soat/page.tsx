import { fieldWord } from "@/lib/ui/words";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { qualityForCaller } from "@/lib/data/quality";
import { stepDataForCaller } from "@/lib/data/steps";
import { listQuarantine } from "@/lib/data/quarantine";
import { allowed, type Caller } from "@/lib/data/scope";
import type { Period } from "@/lib/method/period";
import { DEFECTS, DEFECT_KINDS } from "@/lib/method/defects";
import { officialClause } from "@/lib/ui/words";
import { formatCount, formatDateTime, formatRate } from "@/lib/format";
import { periodFromParams, periodLabel } from "@/lib/ui/period";
import { getDb } from "@/lib/data/db";
import { requirePage, textParams } from "@/lib/page";
import { ActionForm } from "../../_components/action-form";
import { Computing } from "../../_components/computing";
import { PeriodPicker } from "../../_components/period-picker";
import { discardAction, resendAction } from "./actions";

export const metadata: Metadata = { title: "Rà soát dữ liệu" };

/** The sync services as an official names what was sent. */
const SERVICE_WORDS: Record<string, string> = { DongBoHoSoMC: "Hồ sơ", CapNhatTienDoHoSoMC: "Tiến độ xử lý hồ sơ" };

export default async function QualityPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const period = periodFromParams(textParams(await searchParams));
  const { orm, caller } = await requirePage("dossiers:read");
  const quarantine = allowed(caller, "quarantine:read") ? await listQuarantine(orm, caller, { limit: 20 }) : null;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Rà soát dữ liệu</h1>
        <p className="text-sm text-gray-600">
          Các lỗi dữ liệu làm thay đổi điểm của đơn vị trong {periodLabel(period)} (hồ sơ được tính trong kỳ) — sửa ở hệ
          thống một cửa rồi đồng bộ lại.
        </p>
      </div>
      <PeriodPicker path="/ra-soat" period={period} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">Lỗi dữ liệu theo đơn vị</h2>
        {/* The review of every dossier of the period streams in; the quarantine below is at hand at once. */}
        <Suspense fallback={<Computing label="Đang rà soát dữ liệu của kỳ…" />}>
          <Defects caller={caller} period={period} />
        </Suspense>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Dữ liệu từng bước xử lý</h2>
        <p className="mb-2 text-sm text-gray-600">
          Bước thiếu phòng ban, thiếu hạn của bước hoặc có ngày bắt đầu sau ngày kết thúc làm trang Quy trình xử lý của
          đơn vị thiếu thông tin.
        </p>
        <Suspense fallback={<Computing label="Đang rà soát dữ liệu từng bước…" />}>
          <StepData caller={caller} period={period} />
        </Suspense>
      </section>
      {quarantine && (
        <section>
          <h2 className="mb-2 text-lg font-semibold">Bản ghi đồng bộ bị từ chối ({formatCount(quarantine.total)})</h2>
          {quarantine.items.length === 0 ? (
            <p className="text-sm text-gray-600">Không có bản ghi nào đang chờ sửa.</p>
          ) : (
            <ul className="space-y-3">
              {quarantine.items.map((q) => (
                <li
                  key={q.id}
                  className="rounded-lg border border-gray-200 bg-white p-3 text-sm"
                  data-quarantine={q.id}
                >
                  <p>
                    <strong>{q.dossierCode ?? "(không có mã hồ sơ)"}</strong> · {SERVICE_WORDS[q.service] ?? "Bản ghi"}{" "}
                    · nhận lúc {formatDateTime(q.receivedAt)} · đơn vị {q.unitCode ?? "—"}
                  </p>
                  <ul className="my-1 list-disc pl-5 text-red-700">
                    {(q.errors as Array<{ field: string; vi: string; en: string }>).map((e, i) => (
                      <li key={i}>
                        <strong>{fieldWord(e.field)}</strong>: {e.vi}
                      </li>
                    ))}
                  </ul>
                  <ActionForm action={resendAction} submit="Gửi lại" className="space-y-2">
                    <input type="hidden" name="id" value={q.id} />
                    <label className="block text-xs text-gray-600">
                      Sửa bản ghi (JSON) rồi gửi lại
                      <textarea
                        name="record"
                        rows={6}
                        defaultValue={JSON.stringify(q.payload, null, 2)}
                        className="mt-1 w-full rounded border border-gray-300 p-2 font-mono text-xs"
                      />
                    </label>
                  </ActionForm>
                  <ActionForm action={discardAction} submit="Loại bỏ" className="mt-2" confirm="Loại bỏ bản ghi này?">
                    <input type="hidden" name="id" value={q.id} />
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

async function StepData({ caller, period }: { caller: Caller; period: Period }) {
  const { orm } = await getDb(); // the page above has checked the caller
  const units = (await stepDataForCaller(orm, caller, period))
    .filter((u) => u.steps - u.department + (u.steps - u.due) + u.startAfterEnd > 0)
    .sort(
      (a, b) =>
        (b.steps - b.department + b.steps - b.due) / b.steps - (a.steps - a.department + a.steps - a.due) / a.steps ||
        a.name.localeCompare(b.name, "vi"),
    );
  if (units.length === 0)
    return <p className="text-sm text-gray-600">Mọi bước xử lý trong kỳ đều có phòng ban và hạn của bước.</p>;
  return (
    <div
      className="overflow-x-auto rounded-lg border border-gray-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Dữ liệu từng bước xử lý"
    >
      <table className="min-w-full text-sm" data-step-data>
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">Đơn vị</th>
            <th className="px-2 py-2">Bước trong kỳ</th>
            <th className="px-2 py-2">Thiếu phòng ban</th>
            <th className="px-2 py-2">Thiếu hạn của bước</th>
            <th className="px-2 py-2">Bắt đầu sau khi kết thúc</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unit} className="border-t border-gray-100" data-unit={u.unit}>
              <td className="px-2 py-2">
                <Link
                  className="text-blue-700 hover:underline"
                  href={`/quy-trinh?unit=${encodeURIComponent(u.unit)}&from=${period.from}&to=${period.to}`}
                >
                  {u.name}
                </Link>
              </td>
              <td className="px-2 py-2 tabular-nums">{formatCount(u.steps)}</td>
              <td className="px-2 py-2 tabular-nums">{formatCount(u.steps - u.department)}</td>
              <td className="px-2 py-2 tabular-nums">{formatCount(u.steps - u.due)}</td>
              <td className="px-2 py-2 tabular-nums">{formatCount(u.startAfterEnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function Defects({ caller, period }: { caller: Caller; period: Period }) {
  const { orm } = await getDb(); // the page above has checked the caller
  const { defects, whatIf } = await qualityForCaller(orm, caller, period);
  const withDefects = defects.filter((r) => DEFECT_KINDS.some((k) => r.counts[k] > 0));
  return (
    <>
      {withDefects.length === 0 ? (
        <p className="text-sm text-gray-600">Không phát hiện lỗi dữ liệu.</p>
      ) : (
        <div className="space-y-3">
          {withDefects.map((r) => {
            const w = whatIf.get(r.unitCode);
            return (
              <details
                key={r.unitCode}
                className="rounded-lg border border-gray-200 bg-white p-3"
                data-unit={r.unitCode}
              >
                <summary className="cursor-pointer">
                  <span className="font-medium">{r.unitName ?? r.unitCode}</span>
                  <span className="ml-2 text-sm text-gray-600">
                    {formatCount(DEFECT_KINDS.reduce((s, k) => s + r.counts[k], 0))} lỗi / {formatCount(r.dossiers)} hồ
                    sơ
                  </span>
                  {w && w.forced > 0 && (
                    <span className="ml-2 text-sm">
                      · Đúng hạn: {formatRate(w.rate)} → tối đa <strong>{formatRate(w.rateIfFixed)}</strong> nếu sửa dữ
                      liệu
                    </span>
                  )}
                </summary>
                <ul className="mt-2 space-y-2 text-sm">
                  {DEFECT_KINDS.filter((k) => r.counts[k] > 0).map((k) => (
                    <li key={k}>
                      <span className="font-medium tabular-nums">{formatCount(r.counts[k])}</span> — {DEFECTS[k].vi}{" "}
                      <span className="text-xs text-gray-500">({officialClause(DEFECTS[k].clause)})</span>
                      <div className="mt-0.5 flex flex-wrap gap-1">
                        {r.examples[k].map((c) => (
                          <Link
                            key={c}
                            className="text-xs text-blue-700 hover:underline"
                            href={`/ho-so/${encodeURIComponent(c)}`}
                          >
                            {c}
                          </Link>
                        ))}
                        {r.counts[k] > r.examples[k].length && (
                          <span className="text-xs text-gray-500">
                            … và {formatCount(r.counts[k] - r.examples[k].length)} hồ sơ khác
                          </span>
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </div>
      )}
    </>
  );
}
