/**
 * METHOD §0.3 — rates are exact fractions in percent; a zero denominator makes the
 * rate undefined (null), never 0 and never NaN.
 */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (numerator / denominator) * 100;
}

/** METHOD §0.3: display with two decimals in vi-VN (`92,35 %`); undefined shows "—". */
export function formatRate(value: number | null, digits = 2): string {
  if (value === null) return "—";
  // A no-break space: "98,55 %" never wraps before its "%".
  return `${value.toLocaleString("vi-VN", { minimumFractionDigits: digits, maximumFractionDigits: digits })}\u00a0%`;
}
