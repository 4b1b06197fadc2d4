/**
 * METHOD-766 §1–§5: every indicator of the 766 index with its maximum M and threshold T
 * (%), in one table. The five groups add up to 100 points.
 */
export const GROUPS = {
  "1": { name: "Công khai, minh bạch", max: 18 },
  "2": { name: "Tiến độ, kết quả giải quyết", max: 20 },
  "3": { name: "Cung cấp dịch vụ trực tuyến", max: 22 },
  "4": { name: "Số hóa hồ sơ", max: 22 },
  "5": { name: "Mức độ hài lòng", max: 18 },
} as const;
export type GroupId = keyof typeof GROUPS;

export const INDICATORS = {
  // §1 Công khai, minh bạch (1.1 and 1.3's M are [decision]s of METHOD-766).
  "1.1": { group: "1", max: 4, threshold: 100, name: "Công bố thủ tục đúng hạn" },
  "1.2": { group: "1", max: 4, threshold: 100, name: "Công khai thủ tục đúng hạn" },
  "1.3": { group: "1", max: 4, threshold: 100, name: "Công khai đầy đủ các bộ phận của thủ tục" },
  "1.4": { group: "1", max: 6, threshold: 100, name: "Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia" },
  // §2 Tiến độ, kết quả giải quyết.
  "2.1": { group: "2", max: 20, threshold: 100, name: "Giải quyết hồ sơ đúng hạn" },
  // §3 Cung cấp dịch vụ trực tuyến (3.6's threshold is a [decision]).
  "3.1": { group: "3", max: 2, threshold: 80, name: "Thủ tục cung cấp dịch vụ công trực tuyến" },
  "3.2": { group: "3", max: 4, threshold: 100, name: "Dịch vụ trực tuyến có phát sinh hồ sơ" },
  "3.3": { group: "3", max: 6, threshold: 50, name: "Hồ sơ nộp trực tuyến" },
  "3.4": { group: "3", max: 2, threshold: 100, name: "Thủ tục có thanh toán trực tuyến" },
  "3.5": { group: "3", max: 2, threshold: 80, name: "Thủ tục có phí, lệ phí có dữ liệu" },
  "3.6": { group: "3", max: 6, threshold: 30, name: "Hồ sơ thanh toán trực tuyến" },
  // §4 Số hóa hồ sơ (4.4 and 4.5 are [decision]s).
  "4.1": { group: "4", max: 6, threshold: 100, name: "Cấp kết quả điện tử" },
  "4.2": { group: "4", max: 4, threshold: 80, name: "Số hóa hồ sơ" },
  "4.3": { group: "4", max: 2, threshold: 80, name: "Tái sử dụng dữ liệu số hóa" },
  "4.4": { group: "4", max: 5, threshold: 100, name: "Khai thác dữ liệu từ cơ sở dữ liệu quốc gia" },
  "4.5": { group: "4", max: 5, threshold: 100, name: "Sử dụng dữ liệu dân cư" },
  // §5 Mức độ hài lòng (5.1 has no points; 5.2 and 5.3 are [decision]s).
  "5.2": { group: "5", max: 6, threshold: 100, name: "Xử lý phản ánh, kiến nghị đúng hạn" },
  "5.3": { group: "5", max: 6, threshold: 100, name: "Phản ánh, kiến nghị được xử lý hài lòng" },
  "5.4": { group: "5", max: 6, threshold: 90, name: "Hồ sơ giải quyết không phát sinh phản ánh" },
} as const;
export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

/**
 * The records each indicator counts, which the portal lists behind its figure: dossiers,
 * procedures under authority, or PAKN (3.6 counts dossiers of integrated procedures; not listed).
 */
export const DOSSIER_INDICATORS = [
  "2.1",
  "3.3",
  "3.6",
  "4.1",
  "4.2",
  "4.3",
  "4.4",
  "4.5",
  "5.4",
] as const satisfies readonly IndicatorId[];
export const PROCEDURE_INDICATORS = [
  "1.1",
  "1.2",
  "1.3",
  "3.1",
  "3.2",
  "3.4",
  "3.5",
] as const satisfies readonly IndicatorId[];
export const FEEDBACK_INDICATORS = ["5.2", "5.3"] as const satisfies readonly IndicatorId[];
export type DossierIndicator766 = (typeof DOSSIER_INDICATORS)[number];
export type ProcedureIndicator766 = (typeof PROCEDURE_INDICATORS)[number];
export type FeedbackIndicator766 = (typeof FEEDBACK_INDICATORS)[number];
const among =
  <T extends string>(list: readonly T[]) =>
  (id: string): id is T =>
    (list as readonly string[]).includes(id);
export const isDossierIndicator766 = among(DOSSIER_INDICATORS);
export const isProcedureIndicator766 = among(PROCEDURE_INDICATORS);
export const isFeedbackIndicator766 = among(FEEDBACK_INDICATORS);
