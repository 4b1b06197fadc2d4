/**
 * Words for officials: the portal's screens cite the Government Office's appendix, not
 * this code base's METHOD file, and name fields as an official would. The API and the
 * CLI keep the METHOD citations; a page's "Cách tính" panel may show both.
 */

/** "METHOD §A.4 (ngày làm việc), §A.5 [decision]" → "Phụ lục Công văn 200/VPCP-KSTT, mục A.4 (ngày làm việc), A.5 — cổng áp dụng khi Phụ lục chưa quy định cụ thể". */
export function officialClause(clause: string): string {
  const decided = /\[(decision|quyết định)\]/.test(clause);
  const body = clause
    .replace(/\s*\[(decision|quyết định)\]/g, "")
    .replace(/^METHOD\s+/, "")
    .replace(/§/g, "")
    .replace(/,\s*/g, ", ");
  return `Phụ lục Công văn 200/VPCP-KSTT, mục ${body}${decided ? " — cổng áp dụng khi Phụ lục chưa quy định cụ thể" : ""}`;
}

/** DVCQG field names as an official says them. */
export const FIELD_WORDS: Record<string, string> = {
  MaHoSo: "mã hồ sơ",
  MaTTHC: "mã thủ tục",
  MaDonVi: "mã đơn vị",
  NgayTiepNhan: "ngày tiếp nhận",
  NgayHenTra: "ngày hẹn trả",
  NgayTuChoi: "ngày từ chối",
  KenhThucHien: "kênh nộp hồ sơ",
  DanhSachLePhi: "danh sách phí, lệ phí",
  QuaTrinhXuLy: "tiến trình xử lý",
  "QuaTrinhXuLy (bước đầu tiên)": "bước xử lý đầu tiên",
  TrangThaiHoSo: "trạng thái hồ sơ",
  DuocThanhToanTrucTuyen: "thanh toán trực tuyến",
};
export const fieldWord = (field: string) => FIELD_WORDS[field] ?? field;

/** Audit-log actions in words. */
export const ACTION_WORDS: Record<string, string> = {
  login: "Đăng nhập",
  "login.failed": "Đăng nhập không thành công",
  "login.refused": "Từ chối đăng nhập (tài khoản bị khoá)",
  "login.throttled": "Tạm chặn đăng nhập (sai nhiều lần)",
  "user.create": "Tạo tài khoản",
  "user.update": "Sửa tài khoản",
  "user.reset_password": "Đặt lại mật khẩu",
  "user.change_password": "Tự đổi mật khẩu",
  "token.create": "Cấp mã truy cập API",
  "token.revoke": "Thu hồi mã truy cập API",
  "calendar.change": "Sửa lịch ngày làm việc",
  "quarantine.resend": "Gửi lại bản ghi bị từ chối",
  "quarantine.discard": "Loại bỏ bản ghi bị từ chối",
};
export const actionWord = (action: string) =>
  ACTION_WORDS[action] ?? (action.startsWith("import.") ? `Nhập dữ liệu danh mục (${action.slice(7)})` : action);

const DETAIL_KEYS: Record<string, string> = {
  role: "vai trò",
  unitCode: "đơn vị",
  disabled: "khoá",
  name: "tên",
  username: "tên đăng nhập",
  kind: "loại",
  reevaluated: "hồ sơ được tính lại hạn",
  rows: "số dòng",
  inserted: "thêm mới",
  updated: "cập nhật",
  errors: "dòng lỗi",
  status: "kết quả",
  before: "trước",
  after: "sau",
};
const detailValue = (v: unknown): string =>
  v === true
    ? "có"
    : v === false
      ? "không"
      : v == null
        ? "—"
        : typeof v === "object"
          ? detailWords(v as Record<string, unknown>)
          : String(v);

/** An audit entry's details as "trước: vai trò …; sau: …", never raw JSON. */
export function detailWords(details: Record<string, unknown> | null | undefined): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([k, v]) => `${DETAIL_KEYS[k] ?? k}: ${detailValue(v)}`)
    .join("; ");
}

/** How long a dossier has before its due instant, or how long it is overdue, as an official says it. */
export function timeLeftWords(leftMs: number | null, leftWorkingDays: number | null): string {
  if (leftMs === null) return "Chưa xác định được hạn: tính là quá hạn";
  const minutes = Math.floor(Math.abs(leftMs) / 60_000);
  const hours = Math.floor(minutes / 60);
  const short = hours > 0 ? `${hours} giờ ${minutes % 60} phút` : `${minutes} phút`;
  const days = leftWorkingDays === null ? 0 : Math.abs(leftWorkingDays);
  if (leftMs >= 0) return hours < 24 || days === 0 ? `Còn ${short}` : `Còn ${days} ngày làm việc`;
  return hours < 24 || days === 0 ? `Quá hạn ${short}` : `Quá hạn ${days} ngày làm việc`;
}
