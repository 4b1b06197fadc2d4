/** A small province for route tests: T ⊃ {A ⊃ A1, B}, two procedures, one token and user per role. */
import bcrypt from "bcryptjs";
import { afterAll, beforeAll } from "vitest";
import { users } from "@/db/schema";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { callerFromUserId } from "@/lib/data/users";
import { setDatabase } from "@/lib/data/db";
import { createToken } from "@/lib/data/tokens";
import type { Role } from "@/lib/roles";
import { buildProvince } from "./build";
import { testDatabase } from "./db";

export async function smallProvince(db: Database) {
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh T", "tinh"],
      ["A", "Sở A", "so_nganh", "T"],
      ["A1", "Chi cục A1", "so_nganh", "A"],
      ["B", "UBND xã B", "xa", "T"],
    ],
    procedures: [
      ["P1", 5, "working_day", true, ["F", "Lĩnh vực"]],
      ["P2", 8, "hour", false, ["F", "Lĩnh vực"]],
    ],
    authorities: [
      ["A", "P1", 4, true],
      ["B", "P2", 3, false],
    ],
  });
  const tok = async (unitCode: string) =>
    (await createToken(db.orm, { kind: "system" }, { name: unitCode, unitCode })).token;
  const tokens = { T: await tok("T"), A: await tok("A"), A1: await tok("A1"), B: await tok("B") };
  const hash = await bcrypt.hash("x", 4);
  const user = async (username: string, role: Role, unitCode: string) =>
    (
      await db.orm
        .insert(users)
        .values({ username, name: username, role, unitCode, passwordHash: hash })
        .returning({ id: users.id })
    )[0].id;
  const userIds = {
    admin: await user("admin", "admin", "T"),
    leader: await user("leader", "leader", "T"),
    viewer: await user("viewer", "viewer", "T"),
    managerA: await user("managerA", "agency_manager", "A"),
    staffA: await user("staffA", "agency_staff", "A"),
    managerB: await user("managerB", "agency_manager", "B"),
  };
  return { tokens, users: userIds };
}

/** A valid DongBoHoSoMC record as real senders write it: every scalar a string. */
export function record(code: string, o: Record<string, unknown> = {}) {
  return {
    MaHoSo: code,
    MaTTHC: "P1",
    MaDonVi: "A",
    KenhThucHien: "2",
    NguonNop: "DVCQG",
    TrangThaiHoSo: "4",
    NgayNopHoSo: "20250303080000",
    NgayTiepNhan: "20250303090000",
    NgayHenTra: "",
    NgayTra: "",
    NgayKetThucXuLy: "",
    NgayTuChoi: "",
    DuocThanhToanTrucTuyen: "",
    ChuHoSo: "Nguyễn Văn A",
    LoaiDoiTuong: "1",
    DanhSachLePhi: [{ TenPhiLePhi: "Lệ phí", MaPhiLePhi: "LP", Gia: "50000" }],
    TaiLieuNop: [],
    QuaTrinhXuLy: [{ TrangThai: "2", ThoiDiemXuLy: "20250303090000", NguoiXuLy: "Cán bộ" }],
    ...o,
  };
}

export type ProvinceContext = { db: Database } & Awaited<ReturnType<typeof smallProvince>>;

/**
 * A test file's database with the small province, used by the routes under test; filled
 * in before the file's tests run, closed after. `then` adds data of the file's own.
 */
export function withSmallProvince(then?: (ctx: ProvinceContext) => Promise<void>): ProvinceContext {
  const ctx = {} as ProvinceContext;
  beforeAll(async () => {
    ctx.db = await testDatabase();
    setDatabase(ctx.db);
    Object.assign(ctx, await smallProvince(ctx.db));
    await then?.(ctx);
  });
  afterAll(() => ctx.db?.close());
  return ctx;
}

/** The caller a user is after signing in now (their current session version). */
export async function signedIn(db: Database, userId: number) {
  const [u] = await rows<{ sv: number }>(db.orm, sql`select session_version as sv from users where id = ${userId}`);
  return callerFromUserId(db.orm, userId, u?.sv ?? 0);
}

/** A form as a browser sends it: every value a string. */
export function formOf(o: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
}

/** One of the small province's users, signed in. */
export const userOf = async (province: ProvinceContext, who: keyof ProvinceContext["users"]) =>
  (await signedIn(province.db, province.users[who]))!;
