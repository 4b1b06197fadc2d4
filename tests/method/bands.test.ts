import { describe, expect, it } from "vitest";
import { onlineBand, onTimeBand, paymentBand } from "@/lib/method/bands";
import { formatRate, rate } from "@/lib/method/rates";

describe("METHOD §0.3 rates", () => {
  it("is an exact fraction in percent and undefined (null) on a zero denominator", () => {
    expect(rate(1, 3)).toBeCloseTo(33.333333333333336, 12);
    expect(rate(0, 0)).toBeNull();
    expect(rate(0, 5)).toBe(0);
  });
  it("displays in vi-VN with a decimal comma, and '—' when undefined", () => {
    expect(formatRate(92.3456)).toBe("92,35\u00a0%"); // a no-break space: the "%" never wraps alone
    expect(formatRate(null)).toBe("—");
  });
});

describe("METHOD §0.4 colour bands", () => {
  it("on-time rate: ≥90 green, [80,90) yellow, [70,80) orange, <70 red, no data white", () => {
    expect(onTimeBand(90)).toBe("green");
    expect(onTimeBand(89.99999)).toBe("yellow");
    expect(onTimeBand(80)).toBe("yellow");
    expect(onTimeBand(79.9999)).toBe("orange");
    expect(onTimeBand(70)).toBe("orange");
    expect(onTimeBand(69.9999)).toBe("red");
    expect(onTimeBand(0)).toBe("red");
    expect(onTimeBand(null)).toBe("white");
  });
  it("decides on the exact value, not the rounded one", () => {
    // 89.996 displays as 90,00 % but is yellow.
    expect(formatRate(89.996)).toBe("90,00\u00a0%");
    expect(onTimeBand(89.996)).toBe("yellow");
  });
  it("DVCTT rate: >50 green, [40,50] yellow, [30,40) orange, <30 red; white with no level-3/4 service", () => {
    expect(onlineBand(50.0001, 1)).toBe("green");
    expect(onlineBand(50, 1)).toBe("yellow");
    expect(onlineBand(40, 1)).toBe("yellow");
    expect(onlineBand(39.999, 1)).toBe("orange");
    expect(onlineBand(30, 1)).toBe("orange");
    expect(onlineBand(29.999, 1)).toBe("red");
    expect(onlineBand(0, 0)).toBe("white");
    expect(onlineBand(null, 0)).toBe("white");
  });
  it("online payment rate: >25 green, [15,25] yellow, [5,15) orange, <5 red; white with no online payment at all", () => {
    expect(paymentBand(25.0001, 1)).toBe("green");
    expect(paymentBand(25, 1)).toBe("yellow");
    expect(paymentBand(15, 1)).toBe("yellow");
    expect(paymentBand(14.999, 1)).toBe("orange");
    expect(paymentBand(5, 1)).toBe("orange");
    expect(paymentBand(4.999, 1)).toBe("red");
    expect(paymentBand(0, 3)).toBe("red"); // paid only through the local gateway: not "no payment at all"
    expect(paymentBand(0, 0)).toBe("white");
    expect(paymentBand(null, 0)).toBe("white");
  });
  it("§0.4 [decision]: a group with a local-gateway payment outside the §C.3 denominator is red, not white", () => {
    // No payable dossier (rate undefined), but one dossier paid through the local gateway.
    expect(paymentBand(null, 1)).toBe("red");
  });
});
