/**
 * The data defects that cost an agency points, as the data-quality review names them:
 * each with the METHOD clause it affects. The SQL that finds them is lib/engine/data-defects.ts.
 */
export const DEFECTS = {
  no_reception: { vi: "Thiếu ngày tiếp nhận", en: "No NgayTiepNhan", clause: "METHOD §A.3, §B.3, §Đ.1" },
  no_step: { vi: "Không có tiến trình xử lý", en: "No process step", clause: "METHOD §A.2–A.3" },
  terminal_without_step: {
    vi: "Trạng thái đã kết thúc nhưng tiến trình không có bước kết thúc",
    en: "Terminal status without a terminal step",
    clause: "METHOD §A.2",
  },
  unknown_procedure: { vi: "Mã TTHC không có trong danh mục", en: "Unknown MaTTHC", clause: "METHOD §A.4 [decision]" },
  no_deadline: {
    vi: "Thủ tục chưa có thời hạn giải quyết",
    en: "Procedure without a deadline",
    clause: "METHOD §A.4 [decision]",
  },
  no_channel: {
    vi: "Thiếu kênh nộp hồ sơ, được tính là nộp trực tiếp",
    en: "Empty KenhThucHien (counted as direct)",
    clause: "METHOD §B.3",
  },
  missing_fee: {
    vi: "Thiếu dòng phí, lệ phí (thủ tục có phí hoặc đã tích hợp thanh toán)",
    en: "No fee line although the procedure has a fee or integrated payment",
    clause: "METHOD §C.2–C.3",
  },
  appointment_mismatch: {
    vi: "Ngày hẹn trả khác hạn xử lý tính theo danh mục",
    en: "NgayHenTra disagrees with the computed due date",
    clause: "METHOD §A.6",
  },
  step_before_reception: {
    vi: "Có bước xử lý trước ngày tiếp nhận",
    en: "A step dated before reception",
    clause: "METHOD §A.3",
  },
} as const satisfies Record<string, { vi: string; en: string; clause: string }>;
export type DefectKind = keyof typeof DEFECTS;
export const DEFECT_KINDS = Object.keys(DEFECTS) as DefectKind[];
