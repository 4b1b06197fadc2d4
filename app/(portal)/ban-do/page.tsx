import type { Metadata } from "next";
import Link from "next/link";
import { getIndicators } from "@/lib/data/indicators";
import { resolveUnit } from "@/lib/data/tree";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { formatPoints, formatRate } from "@/lib/format";
import { BAND_LABELS, bandWord, type Band, type BandedIndicator } from "@/lib/method/bands";
import { unitIndex } from "@/lib/method/i766/score";
import { BAND_COLORS, RATING_SWATCHES, ratingSwatch } from "@/lib/ui/colors";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { PeriodPicker } from "../../_components/period-picker";
import { ARCHIPELAGOS, tileOf } from "@/lib/ui/vn-provinces";
import { requirePage, orNotFound, textParams } from "@/lib/page";

export const metadata: Metadata = { title: "Bản đồ" };

/** What a tile shows: its colour, the word for the colour and the figure. */
interface Tile {
  hex: string;
  text: string;
  label: string;
  figure: string;
  key: string;
}

/** A METHOD §0.4 band as a tile. */
const bandTile =
  (rate: (r: ScorecardRow) => number | null, band: (r: ScorecardRow) => Band, indicator: BandedIndicator) =>
  (r: ScorecardRow): Tile => {
    const b = band(r);
    return {
      ...BAND_COLORS[b],
      label: BAND_LABELS[b],
      key: b,
      figure: b === "white" ? bandWord(b, indicator) : `${formatRate(rate(r))} · ${BAND_LABELS[b]}`,
    };
  };

/** METHOD-766 §0.3: the rating of the total, in the national map's colours (white without a total). */
const ratingTile = (r: ScorecardRow): Tile => {
  const x = unitIndex(r.index766);
  const rating = ratingSwatch(x?.rating ?? null);
  if (!rating || !x) return { ...BAND_COLORS.white, label: "Chưa có dữ liệu", key: "none", figure: "Chưa có dữ liệu" };
  return {
    hex: rating.hex,
    text: rating.text,
    label: rating.label,
    key: rating.key,
    figure: `${formatPoints(x.total)} điểm · ${rating.label}`,
  };
};

const INDICATORS: Record<string, { label: string; tile: (r: ScorecardRow) => Tile; profile?: "766" }> = {
  A: {
    label: "A. Tỷ lệ đúng hạn",
    tile: bandTile(
      (r) => r.onTime.rate,
      (r) => r.onTime.band,
      "onTime",
    ),
  },
  B: {
    label: "B. DVCTT toàn trình + một phần",
    tile: bandTile(
      (r) => r.online.level34Rate,
      (r) => r.online.band,
      "online",
    ),
  },
  C: {
    label: "C. Thanh toán trực tuyến",
    tile: bandTile(
      (r) => r.payment.rate,
      (r) => r.payment.band,
      "payment",
    ),
  },
  "766": { label: "Chỉ số 766 (100 điểm)", tile: ratingTile, profile: "766" },
};

const LEGENDS = {
  bands: (Object.keys(BAND_LABELS) as Band[]).map((b) => ({
    hex: BAND_COLORS[b].hex,
    label: b === "white" ? "Trắng: không có số liệu để đánh giá" : BAND_LABELS[b],
  })),
  ratings: RATING_SWATCHES.map((r) => ({
    hex: r.hex,
    label: `${r.label}${r.from > 0 ? ` (từ ${r.from} điểm)` : " (dưới 50 điểm)"}`,
  })),
};

/**
 * The national view: the 34 provinces on a tile grid that keeps their geography, with
 * the Hoàng Sa and Trường Sa archipelagos (no geodata package on npm both shows them and
 * has a licence a state portal can use; see docs/scale.md).
 */
function NationalTiles({
  rows,
  spec,
  period,
}: {
  rows: ScorecardRow[];
  spec: (typeof INDICATORS)[string];
  period: { from: string; to: string };
}) {
  const placed = rows.map((r) => ({ r, tile: tileOf(r.name) })).filter((x) => x.tile);
  return (
    <div className="overflow-x-auto">
      <div
        className="relative grid gap-1"
        style={{ gridTemplateColumns: "repeat(7, minmax(5.5rem, 1fr))", gridTemplateRows: "repeat(17, 3.5rem)" }}
        data-national
      >
        {placed.map(({ r, tile }) => {
          const t = spec.tile(r);
          return (
            <Link
              key={r.key}
              href={`/tong-quan${qs({ from: period.from, to: period.to, unit: r.key })}`}
              data-band={t.key}
              style={{ gridColumn: tile!.col + 1, gridRow: tile!.row + 1, background: t.hex, color: t.text }}
              className="flex flex-col justify-between rounded border border-gray-300 p-1 text-[11px] leading-tight"
            >
              <span className="font-medium">{tile!.name}</span>
              <span className="tabular-nums">{t.figure.split(" · ")[0]}</span>
            </Link>
          );
        })}
        {ARCHIPELAGOS.map((a) => (
          <div
            key={a.name}
            style={{ gridColumn: a.col + 1, gridRow: `${a.row + 1} / span 2` }}
            className="flex items-center justify-center rounded border border-dashed border-blue-400 p-1 text-center text-[11px] text-blue-800"
          >
            {a.name}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A coloured tile per unit (departments, communes/wards) inside the scope, by band. */
export default async function MapPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string; unit?: string; i?: string }>;
}) {
  const sp = textParams(await searchParams);
  const period = periodFromParams(sp);
  // Own keys only: ?i=constructor names no indicator.
  const ind = Object.hasOwn(INDICATORS, sp.i ?? "A") ? (sp.i ?? "A") : "A";
  const spec = INDICATORS[ind];
  const { orm, caller } = await requirePage();
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const card = await getIndicators(orm, caller, {
    period,
    by: "agency",
    filter: unit ? { parent: unit.code } : { topLevel: true },
    profile: spec.profile,
  });
  const rows = [...card.rows].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Bản đồ — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">
          {spec.label}, {periodLabel(period)}. Mỗi ô là một đơn vị trực thuộc; màu theo quy ước của Văn phòng Chính phủ.
        </p>
      </div>
      <PeriodPicker path="/ban-do" period={period} keep={{ unit: sp.unit, i: ind }} />
      <div className="no-print flex gap-2 text-sm">
        {Object.entries(INDICATORS).map(([k, v]) => (
          <Link
            key={k}
            href={`/ban-do${qs({ from: period.from, to: period.to, unit: sp.unit, i: k })}`}
            className={`rounded px-3 py-1 ${k === ind ? "bg-red-700 text-white" : "border border-gray-300 bg-white"}`}
          >
            {v.label}
          </Link>
        ))}
      </div>
      <ul className="flex flex-wrap gap-3 text-xs" aria-label="Chú giải">
        {LEGENDS[spec.profile ? "ratings" : "bands"].map((l) => (
          <li key={l.label} className="flex items-center gap-1">
            <span className="inline-block h-3 w-5 rounded border border-gray-400" style={{ background: l.hex }} />
            {l.label}
          </li>
        ))}
      </ul>
      {!unit && <NationalTiles rows={rows} spec={spec} period={period} />}
      <ul className={`grid grid-cols-2 gap-1.5 sm:grid-cols-4 lg:grid-cols-6 ${unit ? "" : "hidden"}`} data-tiles>
        {rows.map((r) => {
          const t = spec.tile(r);
          return (
            <li key={r.key}>
              <Link
                href={`${spec.profile ? "/chi-so-766" : "/tong-quan"}${qs({ from: period.from, to: period.to, unit: r.key })}`}
                data-band={t.key}
                style={{ background: t.hex, color: t.text }}
                className="flex h-20 flex-col justify-between rounded border border-gray-300 p-1.5 text-xs"
              >
                <span className="line-clamp-2 font-medium">{r.name.replace(/^UBND /, "")}</span>
                <span className="tabular-nums">{t.figure}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
