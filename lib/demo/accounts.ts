import { PROVINCE } from "./thai-nguyen";

/** The demo's accounts (their usernames tell a demo database from one with real users: guard.ts). */
export const DEMO_ACCOUNTS = [
  { username: "admin", role: "admin", agency: PROVINCE.code, name: "Quản trị Trung tâm PVHCC" },
  { username: "lanhdao", role: "leader", agency: PROVINCE.code, name: "Lãnh đạo UBND tỉnh" },
  { username: "congkhai", role: "viewer", agency: PROVINCE.code, name: "Người xem công khai" },
  { username: "stp.quanly", role: "agency_manager", agency: "000.03.00.H56", name: "Quản lý Sở Tư pháp" },
  { username: "stp.canbo", role: "agency_staff", agency: "000.03.00.H56", name: "Cán bộ Sở Tư pháp" },
  {
    username: "pdp.quanly",
    role: "agency_manager",
    agency: "X001.PHAN.H56",
    name: "Quản lý UBND phường Phan Đình Phùng",
  },
  { username: "pdp.canbo", role: "agency_staff", agency: "X001.PHAN.H56", name: "Cán bộ UBND phường Phan Đình Phùng" },
] as const;
