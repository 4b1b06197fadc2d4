/** Dossier status codes of DVCQG (DATA.md §1) and their roles in METHOD §A. */
export const STATUS = {
  SUBMITTED: 1, // Mới đăng ký — not yet received: outside §A.1
  RECEIVED: 2,
  REFUSED: 3, // terminal: Từ chối
  PROCESSING: 4,
  SUPPLEMENT: 5,
  FINANCIAL: 6,
  WITHDRAWN: 7, // terminal
  STOPPED: 8, // terminal
  DONE: 9, // terminal, takes precedence (§A.2)
  RETURNED: 10, // terminal
} as const;

export const STATUS_LABELS: Record<number, string> = {
  1: "Mới đăng ký",
  2: "Được tiếp nhận",
  3: "Không được tiếp nhận (từ chối)",
  4: "Đang xử lý",
  5: "Yêu cầu bổ sung giấy tờ",
  6: "Yêu cầu thực hiện nghĩa vụ tài chính",
  7: "Công dân yêu cầu rút hồ sơ",
  8: "Dừng xử lý",
  9: "Đã xử lý xong",
  10: "Đã trả kết quả",
};

/** METHOD §A.2: terminal statuses other than Đã xử lý xong. */
export const OTHER_TERMINAL: readonly number[] = [STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED, STATUS.RETURNED];

export const isStatusCode = (n: number) => Number.isInteger(n) && n >= 1 && n <= 10;
