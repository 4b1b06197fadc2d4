/** The administration forms (users, tokens, calendar); actions.ts makes them server actions. */
import { z } from "zod";
import { byIdForm, formSpec } from "@/lib/actions";
import { changeDayForCaller } from "@/lib/data/calendar";
import { createToken, revokeToken } from "@/lib/data/tokens";
import { createUser, resetPassword, updateUser, userInput } from "@/lib/data/user-admin";
import { ROLES } from "@/lib/roles";
import { isLocalDate } from "@/lib/method/time";

export const createUserForm = formSpec({
  need: "users:manage",
  schema: userInput,
  run: async ({ orm, caller, input }) => {
    const u = await createUser(orm, caller, input);
    return { ok: `Đã tạo tài khoản ${u.username}.` };
  },
  revalidate: "/quan-tri/nguoi-dung",
});

export const updateUserForm = formSpec({
  need: "users:manage",
  schema: z.object({
    id: z.coerce.number().int(),
    role: z.enum(ROLES),
    unitCode: z.string().trim().min(1),
    disabled: z.enum(["0", "1"]).transform((v) => v === "1"),
  }),
  run: async ({ orm, caller, input }) => {
    await updateUser(orm, caller, input.id, { role: input.role, unitCode: input.unitCode, disabled: input.disabled });
    return { ok: "Đã lưu." };
  },
  revalidate: "/quan-tri/nguoi-dung",
});

export const resetPasswordForm = formSpec({
  need: "users:manage",
  schema: byIdForm,
  run: async ({ orm, caller, input }) => {
    const { password } = await resetPassword(orm, caller, input.id);
    return { ok: "Đã đặt lại mật khẩu và mở khoá tài khoản.", secret: password };
  },
});

export const createTokenForm = formSpec({
  need: "tokens:manage",
  schema: z.object({
    name: z.string().trim().min(1, "Nhập tên gợi nhớ").max(200),
    unitCode: z.string().trim().min(1, "Chọn đơn vị"),
  }),
  run: async ({ orm, caller, input }) => {
    const t = await createToken(orm, caller, input);
    return { ok: "Đã tạo mã truy cập.", secret: t.token };
  },
  revalidate: "/quan-tri/ma-truy-cap",
});

export const revokeTokenForm = formSpec({
  need: "tokens:manage",
  schema: byIdForm,
  run: async ({ orm, caller, input }) => {
    await revokeToken(orm, caller, input.id);
    return { ok: "Đã thu hồi." };
  },
  revalidate: "/quan-tri/ma-truy-cap",
});

export const calendarForm = formSpec({
  need: "calendar:write",
  schema: z.object({
    day: z.string().refine(isLocalDate, "Ngày dạng YYYY-MM-DD"),
    kind: z.enum(["off", "makeup", "remove"]),
    name: z.string().trim().max(200).default(""),
    source: z.string().trim().max(300).default(""),
  }),
  run: async ({ orm, caller, input }) => {
    const n = await changeDayForCaller(orm, caller, {
      day: input.day,
      kind: input.kind === "remove" ? null : input.kind,
      name: input.name,
      source: input.source || null,
    });
    return { ok: `Đã cập nhật lịch; ${n} hồ sơ được tính lại hạn xử lý.` };
  },
  revalidate: "/quan-tri/lich",
  dataChanged: true,
});
