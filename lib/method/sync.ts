/** METHOD §Đ — dossier sync rate. */
import { rate } from "./rates";

export const SYNC_MESSAGES = {
  noReport: "Không có dữ liệu báo cáo tổng hợp",
  noSync: "Không có dữ liệu đồng bộ hồ sơ",
  inconsistent: "Cảnh báo dữ liệu báo cáo không chính xác",
} as const;

export interface SyncCounts {
  synced: number; // §Đ.1 numerator: synced dossiers with NgayTiepNhan in the period
  reportedNational: number; // bcqg
  reportedPortal: number; // thongke
}

/**
 * METHOD §Đ.1–Đ.3: denominator = max of the two reported totals; rate and not-synced
 * rate; messages checked in order (no report, no sync, numerator > denominator).
 * With no report the rate is not given.
 */
export function syncIndicator(c: SyncCounts) {
  const denominator = Math.max(c.reportedNational, c.reportedPortal);
  const r = rate(c.synced, denominator);
  let message: string | null = null;
  if (denominator === 0) message = SYNC_MESSAGES.noReport;
  else if (c.synced === 0) message = SYNC_MESSAGES.noSync;
  else if (c.synced > denominator) message = SYNC_MESSAGES.inconsistent;
  return {
    ...c,
    denominator,
    rate: r,
    // [decision] never below 0: a rate above 100 % carries the §Đ.3.3 warning instead.
    notSyncedRate: r === null ? null : Math.max(0, 100 - r),
    message,
  };
}
