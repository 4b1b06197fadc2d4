import Link from "next/link";
import { Card } from "@tremor/react";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { WHITE_WORDS, type Band, type BandedIndicator } from "@/lib/method/bands";
import { formatCount, formatRate } from "@/lib/format";
import { BandBadge } from "./band-badge";

interface CardSpec {
  id: string;
  group: string;
  title: string;
  rate: number | null;
  previous?: number | null;
  band: Band | null;
  indicator?: BandedIndicator;
  lines: Array<[string, string, string?]>;
}

/** The change against the previous period, in percentage points. */
function Delta({ now, before }: { now: number | null; before: number | null | undefined }) {
  if (now === null || before === null || before === undefined) return null;
  const d = now - before;
  const text = `${d >= 0 ? "+" : "−"}${Math.abs(d).toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} điểm %`;
  return (
    <span className={`text-xs ${d >= 0 ? "text-emerald-700" : "text-red-700"}`} title="So với kỳ trước">
      {text} so với kỳ trước
    </span>
  );
}

/** The five indicator groups of METHOD (A–Đ) as cards: headline rate, band, the counts behind it. */
export function IndicatorCards({
  row,
  previous,
  dossierHref,
}: {
  row: ScorecardRow;
  previous?: ScorecardRow;
  dossierHref?: (q: Record<string, string>) => string;
}) {
  const { onTime, online, payment, feedback, sync } = row;
  const link = (q: Record<string, string>) => dossierHref?.(q);
  const cards: CardSpec[] = [
    {
      id: "A",
      group: "A",
      title: "Tỷ lệ hồ sơ đúng hạn",
      rate: onTime.rate,
      previous: previous?.onTime.rate,
      band: onTime.band,
      indicator: "onTime",
      lines: [
        ["Hồ sơ tiếp nhận và xử lý", formatCount(onTime.population), link({})],
        ["Đã xử lý đúng hạn", formatCount(onTime.onTime), link({ verdict: "on_time" })],
        ["Đã xử lý quá hạn", formatCount(onTime.late), link({ verdict: "late" })],
        ["Đang xử lý trong hạn", formatCount(onTime.withinDeadline), link({ verdict: "within" })],
        ["Đang xử lý quá hạn", formatCount(onTime.overdue), link({ verdict: "overdue" })],
      ],
    },
    {
      id: "B",
      group: "B",
      title: "Dịch vụ công trực tuyến (toàn trình + một phần)",
      rate: online.level34Rate,
      previous: previous?.online.level34Rate,
      band: online.band,
      indicator: "online",
      lines: [
        ["TTHC thuộc thẩm quyền", formatCount(online.procedures)],
        ["Toàn trình (mức 4)", formatCount(online.level4)],
        ["Một phần (mức 3)", formatCount(online.level3)],
        ["Hồ sơ nộp trực tuyến", formatRate(online.channels.onlineRate), link({ set: "received", channel: "2" })],
        ["DVCTT có phát sinh hồ sơ", formatRate(online.servicesWithDossiersRate)],
      ],
    },
    {
      id: "C",
      group: "C",
      title: "Thanh toán trực tuyến qua Cổng DVCQG",
      rate: payment.rate,
      previous: previous?.payment.rate,
      band: payment.band,
      indicator: "payment",
      lines: [
        ["Hồ sơ đã thanh toán trực tuyến", formatCount(payment.paidOnline)],
        ["Hồ sơ thuộc TTHC đã tích hợp thanh toán", formatCount(payment.payableDossiers)],
        ["Thanh toán qua cổng địa phương", formatCount(payment.paidLocal)],
        ["TTHC có giao dịch thanh toán", formatRate(payment.proceduresWithPaymentsRate)],
      ],
    },
    {
      id: "D",
      group: "D",
      title: "Phản ánh, kiến nghị",
      rate: null,
      band: null,
      lines: [
        ["Tổng số PAKN", formatCount(feedback.total)],
        ["Về quy định hành chính", `${formatCount(feedback.regulation)} (${formatRate(feedback.regulationRate)})`],
        ["Về hành vi cán bộ", `${formatCount(feedback.conduct)} (${formatRate(feedback.conductRate)})`],
      ],
    },
    {
      id: "Đ",
      group: "Đ",
      title: "Tỷ lệ hồ sơ đồng bộ",
      rate: sync.rate,
      previous: previous?.sync.rate,
      band: null,
      lines: [
        ["Hồ sơ đã đồng bộ", formatCount(sync.synced), link({ set: "received" })],
        ["Báo cáo quốc gia", formatCount(sync.reportedNational)],
        ["Báo cáo thống kê của đơn vị", formatCount(sync.reportedPortal)],
      ],
    },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((c) => (
        <Card key={c.id} data-indicator={c.id} className="p-4">
          <div className="flex items-start justify-between gap-2">
            <p className="text-sm text-gray-600">
              <span className="mr-1 font-semibold text-gray-900">{c.group}.</span>
              {c.title}
            </p>
            {c.band && c.indicator && c.band !== "white" && <BandBadge band={c.band} indicator={c.indicator} />}
          </div>
          {/* A white cell says why there is no figure (§0.4), never a rate beside "no data". */}
          {c.band === "white" && c.indicator ? (
            <p className="mt-2 text-base font-medium text-gray-700" data-white>
              {WHITE_WORDS[c.indicator]}
            </p>
          ) : (
            c.id !== "D" && (
              <>
                <p className="mt-2 text-3xl font-semibold tabular-nums" data-rate>
                  {formatRate(c.rate)}
                </p>
                <Delta now={c.rate} before={c.previous} />
              </>
            )
          )}
          {c.id === "Đ" && sync.message && (
            <p className={`mt-1 text-sm ${sync.message.startsWith("Cảnh báo") ? "text-orange-700" : "text-red-700"}`}>
              {sync.message}
            </p>
          )}
          <dl className="mt-3 space-y-1 text-sm">
            {c.lines.map(([k, v, href]) => (
              <div key={k} className="flex justify-between gap-2">
                <dt className="text-gray-600">{k}</dt>
                <dd className="tabular-nums font-medium">
                  {href ? (
                    <Link href={href} className="text-blue-700 hover:underline">
                      {v}
                    </Link>
                  ) : (
                    v
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      ))}
    </div>
  );
}
