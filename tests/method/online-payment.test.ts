import { describe, expect, it } from "vitest";
import { onlineIndicator, onlineLevelOf } from "@/lib/method/online";
import { feeStateOf, isPayable, paymentIndicator } from "@/lib/method/payment";

describe("METHOD §B.1 online levels", () => {
  it("[decision] toàn trình counts as level 4, một phần as level 3; anything else is not provided", () => {
    expect(onlineLevelOf("4")).toBe(4);
    expect(onlineLevelOf("Toàn trình")).toBe(4);
    expect(onlineLevelOf(3)).toBe(3);
    expect(onlineLevelOf(" một phần ")).toBe(3);
    expect(onlineLevelOf("")).toBeNull();
    expect(onlineLevelOf("2")).toBeNull();
  });
  it("rates over the procedures under authority, banded on level 3 + 4; channels add up to 100 %", () => {
    const r = onlineIndicator({
      procedures: 40,
      level4: 12,
      level3: 8,
      servicesWithDossiers: 11,
      servicesWithDossiersDvcqg: 9,
      servicesWithDossiersLocal: 4,
      received: 95,
      online: 38,
      direct: 52,
      postal: 5,
      onlineInProgress: 12,
      onlineWithinDeadline: 9,
      onlineOverdue: 3,
    });
    expect(r).toMatchObject({ level4Rate: 30, level3Rate: 20, notProvidedRate: 50, level34Rate: 50, band: "yellow" });
    expect(r.servicesWithDossiersRate).toBeCloseTo(55, 12); // 11 of the 20 level-3/4 services (§B.2)
    expect(r.channels.onlineRate! + r.channels.directRate! + r.channels.postalRate!).toBeCloseTo(100, 10);
    expect(r.onlineInProgress).toMatchObject({ withinDeadlineRate: 75, overdueRate: 25 });
  });
});

describe("METHOD §C online payment", () => {
  it("§C.4: a dossier carries a fee when some DanhSachLePhi line has Gia > 0", () => {
    expect(feeStateOf([{ Gia: 0 }, { Gia: "50000" }])).toEqual({ lines: 2, positive: true });
    expect(feeStateOf([{ Gia: 0 }, {}])).toEqual({ lines: 2, positive: false });
    expect(feeStateOf(undefined)).toEqual({ lines: 0, positive: false });
  });
  it("§C.3 [decision]: all-zero fee lines leave the denominator, no fee line at all stays in", () => {
    expect(isPayable(true, 1, true)).toBe(true);
    expect(isPayable(true, 2, false)).toBe(false);
    expect(isPayable(true, 0, false)).toBe(true);
    expect(isPayable(false, 1, true)).toBe(false);
  });
  it("§C.1–C.3 rates, the local gateway beside the rate, not in it", () => {
    const r = paymentIndicator({
      proceduresWithPayments: 3,
      proceduresWithFeeDossiers: 5,
      proceduresWithFeeData: 5,
      proceduresWithCatalogueFee: 8,
      paidOnline: 20,
      paidLocal: 7,
      payableDossiers: 100,
      paidAnyRoute: 27,
    });
    expect(r).toMatchObject({
      proceduresWithPaymentsRate: 60,
      feeIntegrationRate: 62.5,
      rate: 20,
      band: "yellow",
      paidLocal: 7,
    });
  });
});
