/**
 * The shape of `index766` in /api/v1/indicators (METHOD-766 §7), for the OpenAPI
 * document; tests parse the API's own output with it, so it cannot drift.
 */
import { z } from "zod";
import { int, localDay, localInstant } from "@/lib/json-schema";
import { GROUPS, INDICATORS, INDICATOR_IDS, type GroupId } from "@/lib/method/i766/points";
import { RANKED_KINDS, RATINGS, TIME_UNITS_766 } from "@/lib/method/i766/score";

const num = z.number().nullable();
const indicator = z.strictObject({
  ratio: num.describe("Tỷ lệ (%), không làm tròn; null khi không áp dụng"),
  numerator: num,
  denominator: num.describe("Có thể là số lẻ (chỉ số 1.4 khi dùng số báo cáo năm trước)"),
  score: num,
  max: z.number(),
  threshold: z.number().describe("Ngưỡng (%)"),
  applicable: z.boolean(),
});
const group = (g: GroupId) =>
  z.strictObject({
    score: num,
    max: z.number().describe(`Tổng điểm tối đa của các chỉ số được tính (tối đa ${GROUPS[g].max})`),
    indicators: z.strictObject(
      Object.fromEntries(
        INDICATOR_IDS.filter((id) => INDICATORS[id].group === g).map((id) => [
          id,
          indicator.describe(INDICATORS[id].name),
        ]),
      ),
    ),
  });

export const unitIndex766Schema = z
  .strictObject({
    total: num.describe("Tổng điểm trên thang 100; null khi không có chỉ số nào được tính"),
    rating: z.enum(RATINGS.map((r) => r.key) as [string, ...string[]]).nullable(),
    max: z.number().describe("Tổng điểm tối đa của các chỉ số được tính, trước khi quy về thang 100"),
    rank: z.strictObject({ position: int(1, 1_000_000), of: int(1, 1_000_000), tier: z.enum(RANKED_KINDS) }).nullable(),
    groups: z.strictObject(Object.fromEntries((Object.keys(GROUPS) as GroupId[]).map((g) => [g, group(g)]))),
    change: z
      .strictObject({
        previous: z
          .strictObject({
            from: localDay(),
            to: localDay(),
            asOf: localInstant()
              .optional()
              .describe("Khi kỳ này đang diễn ra: kỳ trước được tính đến cùng thời điểm tương ứng"),
          })
          .describe(
            "Kỳ trước cùng loại (tuần ISO, tháng, quý, nửa năm, năm; khoảng khác: cùng số ngày liền trước), tính đến hết kỳ hoặc, khi kỳ này đang diễn ra, đến cùng khoảng thời gian kể từ đầu kỳ",
          ),
        total: num.describe("Tổng điểm tăng (+) hoặc giảm (−) so với kỳ trước"),
        rank: int(-1_000_000, 1_000_000)
          .nullable()
          .describe("Số bậc xếp hạng tăng (+) hoặc giảm (−) so với kỳ trước, trong cùng nhóm đơn vị"),
        groups: z
          .strictObject(Object.fromEntries((Object.keys(GROUPS) as GroupId[]).map((g) => [g, num])))
          .describe("Điểm từng nhóm tăng hoặc giảm; null khi điểm tối đa áp dụng của nhóm khác nhau giữa hai kỳ"),
      })
      .nullable()
      .optional()
      .describe(
        "Thay đổi so với kỳ trước cùng loại (METHOD-766 §0.5); các số là null khi không so sánh được (kỳ trước không có hồ sơ nào được tính)",
      ),
  })
  .describe("Chỉ số 766 của một đơn vị (by = all, agency, area)");

export const procedureIndex766Schema = z
  .strictObject({
    averageTime: z.strictObject({
      value: num.describe("Thời gian giải quyết bình quân"),
      unit: z
        .enum(TIME_UNITS_766)
        .describe(
          "Đơn vị: hours (thời hạn tính bằng giờ), working_days (ngày làm việc), days (ngày: thời hạn tính bằng ngày, tháng, năm, hoặc không có)",
        ),
      dossiers: int(0, Number.MAX_SAFE_INTEGER),
    }),
  })
  .describe("Chỉ số 766 theo thủ tục (by = procedure): thời gian giải quyết bình quân (chỉ số 2.2)");

export const index766Schema = z.union([unitIndex766Schema, procedureIndex766Schema]);
