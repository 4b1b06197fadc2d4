/**
 * The quick periods of the picker (METHOD §0.2 periods; METHOD-766 §0.5's cadence: week,
 * month, quarter, half-year, year): this and the previous of each, so that a leader asking
 * for last quarter never types dates. Each is a whole calendar period.
 */
import { describe, expect, it } from "vitest";
import { presets } from "@/lib/ui/period";
import { isRunning, makePeriod } from "@/lib/method/period";

const at = (label: string, now: Date) => presets(now).find((p) => p.label === label);

describe("quick periods (METHOD §0.2, METHOD-766 §0.5)", () => {
  const now = new Date("2026-12-06T03:00:00Z"); // Sunday 6 December 2026, Vietnam time
  it("this week and last week run Monday to Sunday", () => {
    expect(at("Tuần này", now)).toMatchObject({ from: "2026-11-30", to: "2026-12-06" });
    expect(at("Tuần trước", now)).toMatchObject({ from: "2026-11-23", to: "2026-11-29" });
  });
  it("last month, last quarter, last year are the whole previous periods", () => {
    expect(at("Tháng trước", now)).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(at("Quý trước", now)).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    expect(at("Năm trước", now)).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(at("Quý trước", new Date("2026-02-10T03:00:00Z"))).toMatchObject({ from: "2025-10-01", to: "2025-12-31" });
  });
  it("the half-year is the national cadence's: 1 January – 30 June or 1 July – 31 December", () => {
    expect(at("6 tháng", now)).toMatchObject({ from: "2026-07-01", to: "2026-12-31" });
  });
});

describe("a running period (METHOD §0.2: judged as of now until its end)", () => {
  const now = new Date("2026-12-06T03:00:00Z");
  it("is running until its last instant, and a past period is not", () => {
    expect(isRunning(makePeriod("2026-12-01", "2026-12-31", now))).toBe(true);
    expect(isRunning(makePeriod("2026-07-01", "2026-09-30", now))).toBe(false);
    // The day ends at 23:59:59.999 Vietnam time: one millisecond before it, still running.
    expect(isRunning(makePeriod("2026-12-06", "2026-12-06", new Date("2026-12-06T16:59:59.998Z")))).toBe(true);
    expect(isRunning(makePeriod("2026-12-06", "2026-12-06", new Date("2026-12-06T17:00:00Z")))).toBe(false);
  });
});
