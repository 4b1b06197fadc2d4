/**
 * The quick periods of the picker (METHOD §0.2 periods; METHOD-766 §0.5's cadence: week,
 * month, quarter, half-year, year): this and the previous of each, so that a leader asking
 * for last quarter never types dates. Each is a whole calendar period.
 */
import { describe, expect, it } from "vitest";
import { presets } from "@/lib/ui/period";

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
