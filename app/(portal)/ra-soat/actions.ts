"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { discardRecord, resendRecord } from "@/lib/data/quarantine";

const resendInput = z.object({
  id: z.coerce.number().int(),
  record: z.string().transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "JSON không hợp lệ / Malformed JSON" });
      return z.NEVER;
    }
  }),
});

export const resendAction = formAction(resendInput, async ({ orm, caller, input }) => {
  const r = await resendRecord(orm, caller, input.id, input.record);
  if (r.status !== "ok") {
    return { error: "Bản ghi vẫn chưa hợp lệ.", fieldErrors: Object.fromEntries((r.errors ?? []).map((e) => [e.field, `${e.vi} / ${e.en}`])) };
  }
  return { ok: "Đã gửi lại thành công; hồ sơ đã được ghi nhận." };
}, { revalidate: "/ra-soat", dataChanged: true });

export const discardAction = formAction(z.object({ id: z.coerce.number().int() }), async ({ orm, caller, input }) => {
  await discardRecord(orm, caller, input.id);
  return { ok: "Đã loại bỏ bản ghi." };
}, { revalidate: "/ra-soat" });
