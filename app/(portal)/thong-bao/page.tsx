import type { Metadata } from "next";
import Link from "next/link";
import { alertSettingsFor, inboxFor } from "@/lib/data/alerts";
import { formatDateTime } from "@/lib/format";
import { ALERT_LABELS } from "@/lib/ui/alert-words";
import { requirePage } from "@/lib/page";
import { ActionForm } from "../../_components/action-form";
import { markReadAction, saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Thông báo" };

/** The inbox (always on) and one's own alert settings: what to be told, and where besides the portal. */
export default async function AlertsPage() {
  const { orm, caller } = await requirePage("dossiers:read");
  const [inbox, settings] = await Promise.all([inboxFor(orm, caller), alertSettingsFor(orm, caller)]);
  const field = "rounded border border-gray-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Thông báo</h1>
        <p className="text-sm text-gray-600">
          Hồ sơ sắp đến hạn, vừa quá hạn, hồ sơ trực tuyến chậm tiếp nhận trong phạm vi của bạn. Mỗi sự việc được báo
          một lần.
        </p>
      </div>
      <section data-inbox>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Hộp thư ({inbox.unread} chưa đọc)</h2>
          {inbox.unread > 0 && (
            <ActionForm action={markReadAction} submit="Đánh dấu tất cả đã đọc">
              <input type="hidden" name="id" value="" />
            </ActionForm>
          )}
        </div>
        {inbox.items.length === 0 ? (
          <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">
            Chưa có thông báo. Bật các loại thông báo ở phần cài đặt bên dưới.
          </p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {inbox.items.map((n) => (
              <li
                key={n.id}
                className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 ${n.readAt ? "" : "bg-yellow-50"}`}
                data-notification={n.subject}
                data-unread={n.readAt ? undefined : ""}
              >
                <span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs">
                  {ALERT_LABELS[n.kind as keyof typeof ALERT_LABELS] ?? "Thông báo"}
                </span>
                {n.href ? (
                  <Link className="font-medium text-blue-700 hover:underline" href={n.href}>
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
                <span className="whitespace-pre-line text-gray-600">{n.body}</span>
                <span className="ml-auto text-xs tabular-nums text-gray-500">{formatDateTime(n.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section id="cai-dat" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Cài đặt thông báo</h2>
        <ActionForm action={saveSettingsAction} submit="Lưu cài đặt" className="mt-3 space-y-3 text-sm">
          <fieldset className="space-y-2">
            <legend className="font-medium">Báo cho tôi khi</legend>
            <label className="flex flex-wrap items-center gap-2">
              <input type="checkbox" name="dueSoon" defaultChecked={settings.dueSoonHours !== null} />
              hồ sơ sẽ đến hạn trong
              <input
                type="number"
                name="dueSoonHours"
                min={1}
                max={72}
                defaultValue={settings.dueSoonHours ?? 8}
                className={`${field} w-20`}
                aria-label="Số giờ làm việc trước hạn"
              />
              giờ làm việc
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="overdue" defaultChecked={settings.overdue} />
              hồ sơ vừa quá hạn
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="lateReceipt" defaultChecked={settings.lateReceipt} />
              hồ sơ trực tuyến chưa được tiếp nhận đến cùng giờ ngày làm việc kế tiếp
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="bandDrop" defaultChecked={settings.bandDrop} />
              mức tỷ lệ đúng hạn hoặc xếp loại chỉ số 766 của đơn vị tôi giảm trong tháng
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="digest" defaultChecked={settings.digest} />
              bản tổng hợp sáng thứ Hai: xếp hạng, dự báo cuối tuần, hồ sơ cần ưu tiên, phòng ban chậm nhất
            </label>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="font-medium">Gửi thêm qua</legend>
            <label className="flex flex-wrap items-center gap-2">
              <input type="checkbox" name="email" defaultChecked={settings.email} disabled={!settings.address} />
              thư điện tử {settings.address ? `(${settings.address})` : "(tài khoản chưa có địa chỉ thư)"}
            </label>
            <label className="block">
              Webhook (Zalo OA, nhóm chat): địa chỉ nhận
              <input
                type="url"
                name="webhookUrl"
                defaultValue={settings.webhookUrl ?? ""}
                placeholder="https://"
                className={`${field} mt-1 block w-full`}
              />
            </label>
            <label className="block">
              Khóa ký (HMAC-SHA256, tối thiểu 16 ký tự){settings.hasWebhookSecret ? " — đã đặt; để trống để giữ" : ""}
              <input type="password" name="webhookSecret" autoComplete="off" className={`${field} mt-1 block w-full`} />
            </label>
          </fieldset>
        </ActionForm>
      </section>
    </div>
  );
}
