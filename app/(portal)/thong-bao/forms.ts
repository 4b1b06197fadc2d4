/** The alert forms (issue #25): one's own settings, and marking notifications read; actions.ts makes them server actions. */
import { z } from "zod";
import { formSpec } from "@/lib/actions";
import { markRead, saveAlertSettings } from "@/lib/data/alerts";

const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

export const settingsForm = formSpec({
  need: "dossiers:read",
  schema: z.object({
    dueSoonHours: z.preprocess(
      blankToNull,
      z.coerce
        .number({ message: "Số giờ phải là số / Hours must be a number" })
        .int("Số giờ phải là số nguyên / Hours must be whole")
        .min(1, "Từ 1 đến 72 giờ làm việc / From 1 to 72 working hours")
        .max(72, "Từ 1 đến 72 giờ làm việc / From 1 to 72 working hours")
        .nullable(),
    ),
    dueSoon: checkbox,
    overdue: checkbox,
    lateReceipt: checkbox,
    bandDrop: checkbox,
    digest: checkbox,
    email: checkbox,
    webhookUrl: z.preprocess(
      blankToNull,
      z
        .string()
        .max(500)
        .url("Địa chỉ webhook không hợp lệ / Invalid webhook URL")
        .refine((u) => /^https?:\/\//.test(u), "Chỉ http hoặc https / Only http or https")
        .nullable(),
    ),
    webhookSecret: z.preprocess(
      blankToNull,
      z.string().min(16, "Khóa ký tối thiểu 16 ký tự / The signing key needs 16 characters").max(200).nullable(),
    ),
  }),
  run: async ({ orm, caller, input }) => {
    await saveAlertSettings(orm, caller, {
      dueSoonHours: input.dueSoon ? (input.dueSoonHours ?? 8) : null,
      overdue: input.overdue,
      lateReceipt: input.lateReceipt,
      bandDrop: input.bandDrop,
      digest: input.digest,
      email: input.email,
      webhookUrl: input.webhookUrl,
      webhookSecret: input.webhookSecret,
    });
    return { ok: "Đã lưu cài đặt thông báo." };
  },
  revalidate: "/thong-bao",
});

export const readForm = formSpec({
  need: "dossiers:read",
  schema: z.object({ id: z.preprocess(blankToNull, z.coerce.number().int().nullable()) }),
  run: async ({ orm, caller, input }) => {
    await markRead(orm, caller, input.id ?? undefined);
    return { ok: input.id ? "Đã đánh dấu đã đọc." : "Đã đánh dấu tất cả là đã đọc." };
  },
  revalidate: "/thong-bao",
});
