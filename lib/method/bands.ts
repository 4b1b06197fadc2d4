/**
 * METHOD §0.4 — colour bands, decided on the exact rate. White means "no data".
 * Boundaries go to the better band where the appendix's ranges overlap.
 */
export type Band = "green" | "yellow" | "orange" | "red" | "white";

/** METHOD §0.4, on-time rate (§A): ≥ 90 green, [80, 90) yellow, [70, 80) orange, < 70 red. */
export function onTimeBand(rate: number | null): Band {
  if (rate === null) return "white";
  if (rate >= 90) return "green";
  if (rate >= 80) return "yellow";
  if (rate >= 70) return "orange";
  return "red";
}

/**
 * METHOD §0.4, DVCTT level 3+4 rate (§B.1): > 50 green, [40, 50] yellow, [30, 40)
 * orange, < 30 red; white when no level-3/4 service is declared.
 */
export function onlineBand(rate: number | null, declared: number): Band {
  if (rate === null || declared === 0) return "white";
  if (rate > 50) return "green";
  if (rate >= 40) return "yellow";
  if (rate >= 30) return "orange";
  return "red";
}

/**
 * METHOD §0.4, online payment rate (§C.3): > 25 green, [15, 25] yellow, [5, 15)
 * orange, < 5 red. [decision] White ("chưa thực hiện thanh toán trực tuyến") only when
 * no dossier of the group received in the period was paid online by any route
 * (`paidAnyRoute`, in the §C.3 denominator or not); with such a payment an undefined
 * rate is red too.
 */
export function paymentBand(rate: number | null, paidAnyRoute: number): Band {
  if (paidAnyRoute === 0) return "white";
  if (rate === null) return "red";
  if (rate > 25) return "green";
  if (rate >= 15) return "yellow";
  if (rate >= 5) return "orange";
  return "red";
}

/**
 * METHOD §0.4 [decision]: a white cell says, in the seed's own words, why there is no
 * figure for its indicator (§Đ has the messages of §Đ.3 instead).
 */
export const WHITE_WORDS = {
  onTime: "Không có hồ sơ đồng bộ trên Cổng DVCQG",
  online: "Không có DVCTT tích hợp, cung cấp trên Cổng DVCQG",
  payment: "Chưa thực hiện thanh toán trực tuyến",
  // METHOD-STEPS S.3: the on-time bands applied to steps; white when no step had a deadline.
  steps: "Không có hạn của bước",
} as const;
export type BandedIndicator = keyof typeof WHITE_WORDS;

/** The word a cell shows for its band: the colour's name, or for white the indicator's own words (§0.4). */
export const bandWord = (band: Band, indicator: BandedIndicator) =>
  band === "white" ? WHITE_WORDS[indicator] : BAND_LABELS[band];

/** Vietnamese words for the bands, shown beside the colour (never colour alone). */
export const BAND_LABELS: Record<Band, string> = {
  green: "Xanh",
  yellow: "Vàng",
  orange: "Cam",
  red: "Đỏ",
  white: "Trắng",
};
