/** METHOD §C — online payment, from counts the engine aggregates. */
import { paymentBand } from "./bands";
import { rate } from "./rates";

/** DanhSachLePhi summarised: how many lines, and whether some line has Gia > 0 (§C.4). */
export function feeStateOf(lines: Array<{ Gia?: unknown }> | null | undefined): { lines: number; positive: boolean } {
  const list = lines ?? [];
  return { lines: list.length, positive: list.some((l) => Number(l?.Gia) > 0) };
}

/**
 * METHOD §C.3 [decision]: a dossier of an integrated procedure is payable unless all
 * its fee lines are 0; a dossier with no fee line stays in.
 */
export function isPayable(paymentIntegrated: boolean, feeLines: number, feePositive: boolean): boolean {
  return paymentIntegrated && (feeLines === 0 || feePositive);
}

export interface PaymentCounts {
  proceduresWithPayments: number; // §C.1 numerator (within the denominator)
  proceduresWithFeeDossiers: number; // §C.1 denominator
  proceduresWithFeeData: number; // §C.2 numerator (within the denominator)
  proceduresWithCatalogueFee: number; // §C.2 denominator
  paidOnline: number; // §C.3 numerator: DuocThanhToanTrucTuyen = 1
  paidLocal: number; // shown beside it: DuocThanhToanTrucTuyen = 2
  payableDossiers: number; // §C.3 denominator
  paidAnyRoute: number; // §0.4 white: dossiers received in the period paid online by either route, in the denominator or not
}

/** METHOD §C.1–C.3 and the §0.4 band on the online payment rate. */
export function paymentIndicator(c: PaymentCounts) {
  const r = rate(c.paidOnline, c.payableDossiers);
  return {
    proceduresWithPayments: c.proceduresWithPayments,
    proceduresWithFeeDossiers: c.proceduresWithFeeDossiers,
    proceduresWithPaymentsRate: rate(c.proceduresWithPayments, c.proceduresWithFeeDossiers),
    proceduresWithFeeData: c.proceduresWithFeeData,
    proceduresWithCatalogueFee: c.proceduresWithCatalogueFee,
    feeIntegrationRate: rate(c.proceduresWithFeeData, c.proceduresWithCatalogueFee),
    paidOnline: c.paidOnline,
    paidLocal: c.paidLocal,
    payableDossiers: c.payableDossiers,
    paidAnyRoute: c.paidAnyRoute,
    rate: r,
    band: paymentBand(r, c.paidAnyRoute),
  };
}
