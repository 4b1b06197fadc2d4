/** Changing one's own password (actions.ts makes it a server action). */
import { formSpec } from "@/lib/actions";
import { changeOwnPassword, passwordChange } from "@/lib/data/users";

export const changePasswordForm = formSpec({
  need: "signed-in",
  whileMustChange: true,
  schema: passwordChange,
  run: async ({ orm, caller, input }) => {
    await changeOwnPassword(orm, caller, input);
    return { ok: "Đã đổi mật khẩu. Hãy đăng nhập lại bằng mật khẩu mới." };
  },
});
