/** The words of an alert (issue #25), as the inbox, the e-mail and the webhook carry them. */
import type { AlertKind } from "@/lib/method/alerts";
import { formatDateTime } from "@/lib/format";

export const ALERT_LABELS: Record<AlertKind | "band_drop" | "digest", string> = {
  due_soon: "Hồ sơ sắp đến hạn",
  overdue: "Hồ sơ vừa quá hạn",
  late_receipt: "Hồ sơ trực tuyến chậm tiếp nhận",
  band_drop: "Chỉ số của đơn vị giảm",
  digest: "Tổng hợp tuần",
};

export function alertText(e: {
  kind: AlertKind;
  subject: string;
  unitName: string | null;
  procedureName: string | null;
  atMs: number;
}): { title: string; body: string } {
  const what = [e.procedureName ?? "Thủ tục chưa có trong danh mục", e.unitName].filter(Boolean).join(" — ");
  const at = formatDateTime(new Date(e.atMs));
  switch (e.kind) {
    case "due_soon":
      return { title: `Hồ sơ ${e.subject} sắp đến hạn`, body: `${what}. Hạn: ${at}.` };
    case "overdue":
      return { title: `Hồ sơ ${e.subject} đã quá hạn`, body: `${what}. Hạn: ${at}.` };
    case "late_receipt":
      return {
        title: `Hồ sơ trực tuyến ${e.subject} chưa được tiếp nhận`,
        body: `${what}. Phải tiếp nhận trước: ${at}.`,
      };
  }
}
