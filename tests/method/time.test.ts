/**
 * DATA.md §1 dates (METHOD §0.1 local time): the pattern the API document states for a
 * date is exactly what `parseInstant` accepts, so a sender who follows the document is
 * never refused and the document promises nothing the parser refuses.
 */
import { describe, expect, it } from "vitest";
import { INSTANT_PATTERN, parseInstant } from "@/lib/method/time";

const documented = new RegExp(INSTANT_PATTERN, "u");
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

describe("INSTANT_PATTERN = parseInstant (DATA.md §1, METHOD §0.1)", () => {
  it("agrees on every calendar day of 1899–2101 (leap days, 31st of short months, year bounds)", () => {
    const disagree: string[] = [];
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          for (const s of [
            `${pad(y, 4)}${pad(m)}${pad(d)}235959`,
            `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
            `${pad(y, 4)}-${pad(m)}-${pad(d)}T08:30+07:00`,
          ]) {
            if (documented.test(s) !== (parseInstant(s) !== undefined)) disagree.push(s);
          }
        }
      }
    }
    expect(disagree).toEqual([]);
  });

  it("agrees on times, fractions, offsets and the odd forms senders write", () => {
    const cases = [
      "20260105240000",
      "20260105236000",
      "20260105235960",
      "2026-01-05T24:00",
      "2026-01-05T23:59:59.123456789Z",
      "2026-01-05T23:59:59.1234567890Z",
      "2026-01-05T08:00Z",
      "2026-01-05T08:00:00-0500",
      "2026-01-05T08:00:00+07",
      "2026-01-05 08:00:00",
      "2026-01-05 08:00:00Z",
      "2026-01-05T08",
      "2026-1-5",
      "2026010508000",
      "202601050800000",
      "2026-01-05t08:00:00Z",
      "+2026-01-05",
      "２０２６-01-05",
      "2026-01-05T08:00:00.Z",
      "2026-01-05T08:00:00.5",
    ];
    expect(cases.filter((s) => documented.test(s) !== (parseInstant(s) !== undefined))).toEqual([]);
  });
});
