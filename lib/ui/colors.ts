/**
 * The colours of the portal's verdicts, one place for the whole UI (pages, map, Excel):
 * METHOD §0.4's bands and METHOD-766 §0.3's ratings. The method names the band or the
 * rating (lib/method); which shade shows it is presentation, and lives here.
 */
import type { Band } from "@/lib/method/bands";
import { RATINGS, type Rating } from "@/lib/method/i766/score";

/**
 * Each band's colour with the text colour that reads on it at WCAG AA (contrast ≥ 4.5:1):
 * white on green 5.5, dark on yellow 11, dark on orange 6.4, white on red 4.8, dark on white 10.
 * `bg`/`fg` are Tailwind classes for pages, `hex`/`text` the same colours for the map and Excel.
 */
export const BAND_COLORS: Record<Band, { bg: string; fg: string; hex: string; text: string }> = {
  green: { bg: "bg-emerald-700", fg: "text-white", hex: "#047857", text: "#ffffff" },
  yellow: { bg: "bg-yellow-400", fg: "text-gray-900", hex: "#facc15", text: "#111827" },
  orange: { bg: "bg-orange-500", fg: "text-gray-900", hex: "#f97316", text: "#111827" },
  red: { bg: "bg-red-600", fg: "text-white", hex: "#dc2626", text: "#ffffff" },
  white: { bg: "bg-white", fg: "text-gray-700", hex: "#ffffff", text: "#374151" },
};

/** The 766 ratings' colours as the national portal shows them, each with legible text on it. */
export const RATING_COLORS: Record<Rating, { hex: string; text: string }> = {
  xuat_sac: { hex: "#219653", text: "#000000" },
  tot: { hex: "#5CC488", text: "#111827" },
  kha: { hex: "#EAC344", text: "#111827" },
  trung_binh: { hex: "#F7942F", text: "#111827" },
  yeu: { hex: "#ED5050", text: "#111827" },
};

export interface RatingSwatch {
  key: Rating;
  label: string;
  /** The lowest total of the rating (§0.3). */
  from: number;
  hex: string;
  text: string;
}

/** A rating's word and colour for a legend or a cell (null without a rating). */
export function ratingSwatch(rating: Rating | null): RatingSwatch | null {
  const r = RATINGS.find((x) => x.key === rating);
  return r ? { key: r.key, label: r.label, from: r.from, ...RATING_COLORS[r.key] } : null;
}

/** Every rating's swatch, best first: the legend. */
export const RATING_SWATCHES: RatingSwatch[] = RATINGS.map((r) => ratingSwatch(r.key)!);
