/**
 * Who is asking, and which units they may see. Every read of dossiers, scores,
 * explanations, exports or the quarantine takes a Caller and filters by
 * `scopeOf(caller)` in SQL (STYLE.md §8).
 */
import "server-only";
import { can, isProvinceWide, type Permission, type Role } from "@/lib/roles";
import { EVERY_UNIT, subtreeOf, type Scope } from "@/lib/engine/sql-util";

export type { Scope };

export type Caller =
  | { kind: "user"; userId: number; name: string; role: Role; unitCode: string; mustChangePassword?: boolean }
  | { kind: "token"; tokenId: number; name: string; unitCode: string }
  /** Anyone, for the public province-wide figures (no dossier-level data). */
  | { kind: "public" }
  /** The server itself (CLI, seed, jobs). */
  | { kind: "system" };

/** The units the caller may see: a subtree, or every unit (province-wide roles, the public figures, the system). */
export function scopeOf(caller: Caller): Scope {
  switch (caller.kind) {
    case "user":
      return isProvinceWide(caller.role) ? EVERY_UNIT : subtreeOf(caller.unitCode);
    case "token":
      return subtreeOf(caller.unitCode);
    case "public":
    case "system":
      return EVERY_UNIT;
  }
}

/** May the caller do this? Tokens read scores and dossiers of their subtree and sync data into it. */
export function allowed(caller: Caller, permission: Permission): boolean {
  switch (caller.kind) {
    case "user":
      return can(caller.role, permission);
    case "token":
      return permission === "scores:read" || permission === "dossiers:read" || permission === "sync:write";
    case "public":
      return permission === "scores:read";
    case "system":
      return true;
  }
}
