import Link from "next/link";
import type { Metadata } from "next";
import { explainForCaller, timelineForCaller } from "@/lib/data/dossiers";
import { StepTimeline } from "./timeline";
import { decodeSegment, formatCount } from "@/lib/format";
import { periodFromParams, periodLabel } from "@/lib/ui/period";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { fieldWord, officialClause } from "@/lib/ui/words";

export const metadata: Metadata = { title: "Giải thích hồ sơ" };

/** A wait in days and hours, as an official reads it. */
const waiting = (ms: number) => {
  if (ms <= 0) return "Không có";
  const hours = Math.round(ms / 3_600_000);
  return hours >= 24
    ? `${formatCount(Math.floor(hours / 24))} ngày ${hours % 24 ? `${hours % 24} giờ` : ""}`.trim()
    : `${formatCount(Math.max(1, hours))} giờ`;
};

const fmt = (iso: string | null | undefined) =>
  iso
    ? iso
        .replace("T", " ")
        .replace(/\.\d{3}\+07:00$/, "")
        .split(" ")
        .map((p, i) => (i === 0 ? p.split("-").reverse().join("/") : p))
        .join(" ")
    : "—";

/**
 * The due date as an official reads it: the N-th working day (never the Sunday after it),
 * and, when days off follow it, that a result given on them still counts as on time.
 */
function dueWords(e: { dueDate: string | null; dueAt: string | null; deadline: { unit: string } | null }): string {
  if (!e.deadline) return "Không xác định: thủ tục chưa có thời hạn trong danh mục";
  if (!e.dueDate || !e.dueAt) return "Không xác định: hồ sơ không có ngày bắt đầu xử lý";
  const day = e.dueDate.split("-").reverse().join("/");
  if (e.deadline?.unit === "hour") return fmt(e.dueAt);
  const graceUntil = e.dueAt.slice(0, 10);
  return graceUntil > e.dueDate
    ? `Hết ngày ${day}; trả kết quả trong các ngày nghỉ ngay sau đó (đến hết ${graceUntil.split("-").reverse().join("/")}) vẫn là đúng hạn`
    : `Hết ngày ${day}`;
}

export default async function DossierPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { code } = await params;
  const period = periodFromParams(textParams(await searchParams));
  const { orm, caller } = await requirePage("dossiers:read");
  const e = await orNotFound(explainForCaller(orm, caller, decodeSegment(code), period));
  const t = await timelineForCaller(orm, caller, decodeSegment(code), period);
  const rows: Array<[string, React.ReactNode]> = [
    ["Đơn vị", `${e.unit.name ?? ""} (${e.unit.code})`],
    ["Thủ tục", e.procedure.code ? `${e.procedure.name ?? "Không có trong danh mục"} (${e.procedure.code})` : "Trống"],
    ["Trạng thái hiện tại", e.status.label],
    ["Bắt đầu xử lý", `${fmt(e.start.at)}${e.start.field ? ` (theo ${fieldWord(e.start.field)})` : ""}`],
    ["Kết thúc xử lý", e.end ? `${fmt(e.end.at)} — ${e.end.statusLabel}` : "—"],
    [
      "Thời hạn giải quyết",
      !e.deadline
        ? "Không xác định"
        : e.deadline.value === 0 && e.deadline.unit === "working_day"
          ? "Trong ngày"
          : `${e.deadline.value} ${e.deadline.unitLabel}`,
    ],
    ["Hạn giải quyết (theo danh mục)", dueWords(e)],
    ["Thời gian xử lý", e.elapsed ? `${Math.round(e.elapsed.value * 100) / 100} ${e.elapsed.unitLabel}` : "—"],
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Hồ sơ {e.code}</h1>
        <p className="text-sm text-gray-600">
          {periodLabel(period)} · tính đến {fmt(e.period.asOf)}
        </p>
      </div>
      <section
        className={`rounded-lg border p-4 ${e.verdict === "on_time" || e.verdict === "within" ? "border-emerald-300 bg-emerald-50" : e.verdict ? "border-red-300 bg-red-50" : "border-gray-200 bg-white"}`}
        data-verdict={e.verdict ?? "none"}
      >
        <p className="text-lg font-semibold">{e.verdictLabel}</p>
        <p>{e.reason}</p>
        <p className="mt-1 text-sm text-gray-700">Căn cứ: {officialClause(e.clause)}</p>
        <p className="mt-1 text-xs">
          <Link href="/cach-tinh#han" className="text-blue-700 underline">
            Cách tính hạn và ngày làm việc
          </Link>
        </p>
      </section>
      <dl className="grid gap-x-4 gap-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-gray-600">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
      <section
        className="rounded-lg border border-gray-200 bg-white p-4 text-sm"
        data-verdict766={e.i766.verdict ?? "none"}
      >
        <h2 className="text-lg font-semibold">Theo Chỉ số 766 (Quyết định 766/QĐ-TTg)</h2>
        <p className="mt-1 text-base font-semibold">{e.i766.verdictLabel}</p>
        <p>{e.i766.ruleLabel}.</p>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {(
            [
              [
                "Kết thúc xử lý",
                e.i766.end
                  ? `${fmt(e.i766.end.at)} — ${e.i766.end.label}${e.i766.end.bySupplement ? " (yêu cầu bổ sung một lần, không có bước nào sau)" : ""}`
                  : "Chưa kết thúc",
              ],
              ["Số lần yêu cầu bổ sung", formatCount(e.i766.supplements)],
              ["Thời gian chờ bổ sung (được trừ)", waiting(e.i766.waitingMs)],
              ["Ngày hẹn trả", fmt(e.i766.appointmentAt)],
              ["Hạn dùng để so sánh", fmt(e.i766.due)],
            ] as Array<[string, string]>
          ).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-gray-600">{k}</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Tiến trình xử lý</h2>
        <StepTimeline t={t} />
      </section>
    </div>
  );
}
