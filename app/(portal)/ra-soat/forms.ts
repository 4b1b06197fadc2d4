/** The quarantine forms (resend a corrected record, discard one); actions.ts makes them server actions. */
import { z } from "zod";
import { byIdForm, formSpec } from "@/lib/actions";
import { discardRecord, resendRecord } from "@/lib/data/quarantine";

export const resendForm = formSpec({
  need: "quarantine:write",
  schema: z.object({
    id: z.coerce.number().int(),
    record: z.string().transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "JSON không hợp lệ / Malformed JSON" });
        return z.NEVER;
      }
    }),
  }),
  run: async ({ orm, caller, input }) => {
    const r = await resendRecord(orm, caller, input.id, input.record);
    if (r.status !== "ok") {
      return {
        error: "Bản ghi vẫn chưa hợp lệ.",
        fieldErrors: Object.fromEntries((r.errors ?? []).map((e) => [e.field, `${e.vi} / ${e.en}`])),
      };
    }
    return { ok: "Đã gửi lại thành công; hồ sơ đã được ghi nhận." };
  },
  revalidate: "/ra-soat",
  dataChanged: true,
});

export const discardForm = formSpec({
  need: "quarantine:write",
  schema: byIdForm,
  run: async ({ orm, caller, input }) => {
    await discardRecord(orm, caller, input.id);
    return { ok: "Đã loại bỏ bản ghi." };
  },
  revalidate: "/ra-soat",
});
