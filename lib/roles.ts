/**
 * Roles and what they may do, in one place (STYLE.md §9): code checks permissions,
 * never role strings.
 */
import { ROLES, type Role } from "@/db/schema";

export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị (Trung tâm Phục vụ hành chính công)",
  leader: "Lãnh đạo tỉnh",
  agency_manager: "Quản lý cơ quan",
  agency_staff: "Cán bộ cơ quan",
  viewer: "Xem số liệu công khai",
};

export const PERMISSIONS = {
  "scores:read": ["admin", "leader", "agency_manager", "agency_staff", "viewer"],
  "dossiers:read": ["admin", "leader", "agency_manager", "agency_staff"],
  // METHOD-STEPS S.4: officers' figures are personal data (staff see their own row only).
  "officers:read": ["admin", "leader", "agency_manager", "agency_staff"],
  "quarantine:read": ["admin", "agency_manager"],
  "quarantine:write": ["admin", "agency_manager"],
  "tokens:manage": ["admin", "agency_manager"],
  "users:manage": ["admin"],
  "calendar:write": ["admin"],
  "imports:write": ["admin"],
  "sync:write": ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** The permissions the administration pages (Quản trị) are made of. */
export const ADMIN_PERMISSIONS = [
  "users:manage",
  "tokens:manage",
  "imports:write",
  "calendar:write",
] as const satisfies readonly Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Admins, leaders and viewers see the whole province; agency roles their own subtree. */
export const isProvinceWide = (role: Role) => role === "admin" || role === "leader" || role === "viewer";
