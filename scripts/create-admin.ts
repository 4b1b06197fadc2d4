/**
 * `npm run admin:create -- --username U --name "Họ tên" --unit MA [--unit-name "UBND tỉnh …"]`:
 * the first administrator of a portal that starts empty (a real PostgreSQL: no demo,
 * no published password). One-time: refused once an administrator exists — later
 * accounts are made on the portal's users page. The password is random, printed once,
 * and must be changed at first sign-in.
 */
import { parseArgs } from "node:util";
import { count, eq } from "drizzle-orm";
import { units, users } from "@/db/schema";
import { hashPassword, randomPassword } from "@/lib/passwords";
import { openConfiguredStore } from "@/lib/store/open";
import { upsertUnits } from "@/lib/store/writes";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    unit: { type: "string" },
    "unit-name": { type: "string" },
  },
});
const fail = (vi: string, en: string): never => {
  console.error(`${vi} / ${en}`);
  process.exit(2);
};
if (!values.username || !/^[a-z0-9._-]{3,50}$/.test(values.username))
  fail("Cần --username (3–50 ký tự a-z, 0-9, . _ -)", "--username is required (3–50 of a-z 0-9 . _ -)");
if (!values.name) fail("Cần --name (họ tên)", "--name is required");
if (!values.unit) fail("Cần --unit (mã đơn vị cấp tỉnh, MaDonVi)", "--unit (the province's MaDonVi) is required");

const db = await openConfiguredStore();
try {
  const [{ n }] = await db.orm.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  if (n > 0)
    fail(
      "Đã có quản trị viên; tạo thêm tài khoản trong trang Quản trị → Người dùng",
      "An administrator exists; add accounts on the users page",
    );
  const [unit] = await db.orm.select().from(units).where(eq(units.code, values.unit!)).limit(1);
  if (unit?.parentCode) fail(`Đơn vị ${values.unit} không phải cấp tỉnh`, `Unit ${values.unit} is not a province`);
  if (!unit) {
    if (!values["unit-name"])
      fail(
        `Chưa có đơn vị ${values.unit}: thêm --unit-name để tạo`,
        `Unit ${values.unit} does not exist: add --unit-name to create it`,
      );
    await upsertUnits(db.orm, [
      { code: values.unit!, name: values["unit-name"]!, kind: "tinh", parentCode: null, areaCode: null },
    ]);
  }
  const password = randomPassword();
  await db.orm.insert(users).values({
    username: values.username!,
    name: values.name!,
    role: "admin",
    unitCode: values.unit!,
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
  });
  console.log(
    `Đã tạo quản trị viên ${values.username}. Mật khẩu tạm (chỉ hiện một lần, phải đổi khi đăng nhập lần đầu): ${password}`,
  );
} finally {
  await db.close();
}
