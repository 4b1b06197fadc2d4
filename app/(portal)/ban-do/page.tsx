import type { Metadata } from "next";
import Link from "next/link";
import { getIndicators } from "@/lib/data/indicators";
import { resolveUnit } from "@/lib/data/tree";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { formatRate } from "@/lib/format";
import { BAND_COLORS, BAND_LABELS, bandWord, type Band, type BandedIndicator } from "@/lib/method/bands";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { PeriodPicker } from "../../_components/period-picker";
import { ARCHIPELAGOS, tileOf } from "@/lib/ui/vn-provinces";
import { requirePage, orNotFound } from "@/lib/page";

export const metadata: Metadata = { title: "Bản đồ" };

const INDICATORS: Record<string, { label: string; rate: (r: ScorecardRow) => number | null; band: (r: ScorecardRow) => Band; indicator: BandedIndicator }> = {
  A: { label: "A. Tỷ lệ đúng hạn", rate: (r) => r.onTime.rate, band: (r) => r.onTime.band, indicator: "onTime" },
  B: { label: "B. DVCTT toàn trình + một phần", rate: (r) => r.online.level34Rate, band: (r) => r.online.band, indicator: "online" },
  C: { label: "C. Thanh toán trực tuyến", rate: (r) => r.payment.rate, band: (r) => r.payment.band, indicator: "payment" },
};

/**
 * The national view: the 34 provinces on a tile grid that keeps their geography, with
 * the Hoàng Sa and Trường Sa archipelagos (no geodata package on npm both shows them and
 * has a licence a state portal can use; see docs/scale.md).
 */
function NationalTiles({ rows, spec, period }: { rows: ScorecardRow[]; spec: (typeof INDICATORS)[string]; period: { from: string; to: string } }) {
  const placed = rows.map((r) => ({ r, tile: tileOf(r.name) })).filter((x) => x.tile);
  return (
    <div className="overflow-x-auto">
      <div className="relative grid gap-1" style={{ gridTemplateColumns: "repeat(7, minmax(5.5rem, 1fr))", gridTemplateRows: "repeat(17, 3.5rem)" }} data-national>
        {placed.map(({ r, tile }) => {
          const band = spec.band(r);
          return (
            <Link key={r.key} href={`/tong-quan${qs({ from: period.from, to: period.to, unit: r.key })}`} data-band={band}
              style={{ gridColumn: tile!.col + 1, gridRow: tile!.row + 1 }}
              className={`flex flex-col justify-between rounded border border-gray-300 p-1 text-[11px] leading-tight ${BAND_COLORS[band].bg} ${BAND_COLORS[band].fg}`}>
              <span className="font-medium">{tile!.name}</span>
              <span className="tabular-nums">{band === "white" ? "Trắng" : formatRate(spec.rate(r))}</span>
            </Link>
          );
        })}
        {ARCHIPELAGOS.map((a) => (
          <div key={a.name} style={{ gridColumn: a.col + 1, gridRow: `${a.row + 1} / span 2` }}
            className="flex items-center justify-center rounded border border-dashed border-blue-400 p-1 text-center text-[11px] text-blue-800">
            {a.name}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A coloured tile per unit (departments, communes/wards) inside the scope, by band. */
export default async function MapPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string; unit?: string; i?: string }> }) {
  const sp = await searchParams;
  const period = periodFromParams(sp);
  const ind = INDICATORS[sp.i ?? "A"] ? (sp.i ?? "A") : "A";
  const spec = INDICATORS[ind];
  const { orm, caller } = await requirePage();
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const card = await getIndicators(orm, caller, { period, by: "agency", filter: unit ? { parent: unit.code } : { topLevel: true } });
  const rows = [...card.rows].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Bản đồ — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">{spec.label}, {periodLabel(period)}. Mỗi ô là một đơn vị trực thuộc; màu theo quy ước của Văn phòng Chính phủ.</p>
      </div>
      <PeriodPicker path="/ban-do" period={period} keep={{ unit: sp.unit, i: ind }} />
      <div className="no-print flex gap-2 text-sm">
        {Object.entries(INDICATORS).map(([k, v]) => (
          <Link key={k} href={`/ban-do${qs({ from: period.from, to: period.to, unit: sp.unit, i: k })}`} className={`rounded px-3 py-1 ${k === ind ? "bg-red-700 text-white" : "border border-gray-300 bg-white"}`}>{v.label}</Link>
        ))}
      </div>
      <ul className="flex flex-wrap gap-3 text-xs" aria-label="Chú giải">
        {(Object.keys(BAND_LABELS) as Band[]).map((b) => (
          <li key={b} className="flex items-center gap-1"><span className="inline-block h-3 w-5 rounded border border-gray-400" style={{ background: BAND_COLORS[b].hex }} />{b === "white" ? "Trắng: không có số liệu để đánh giá" : BAND_LABELS[b]}</li>
        ))}
      </ul>
      {!unit && <NationalTiles rows={rows} spec={spec} period={period} />}
      <ul className={`grid grid-cols-2 gap-1.5 sm:grid-cols-4 lg:grid-cols-6 ${unit ? "" : "hidden"}`} data-tiles>
        {rows.map((r) => {
          const band = spec.band(r);
          return (
            <li key={r.key}>
              <Link href={`/tong-quan${qs({ from: period.from, to: period.to, unit: r.key })}`} data-band={band}
                className={`flex h-20 flex-col justify-between rounded border border-gray-300 p-1.5 text-xs ${BAND_COLORS[band].bg} ${BAND_COLORS[band].fg}`}>
                <span className="line-clamp-2 font-medium">{r.name.replace(/^UBND /, "")}</span>
                <span className="tabular-nums">{band === "white" ? bandWord(band, spec.indicator) : `${formatRate(spec.rate(r))} · ${BAND_LABELS[band]}`}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
