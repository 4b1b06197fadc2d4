/**
 * Who is asking, and which units they may see. Every read of dossiers, scores,
 * explanations, exports or the quarantine takes a Caller and filters by
 * `scopeOf(caller)` in SQL (STYLE.md §8).
 */
import "server-only";
import { can, isProvinceWide, type Permission, type Role } from "@/lib/roles";

export type Caller =
  | { kind: "user"; userId: number; name: string; role: Role; unitCode: string; mustChangePassword?: boolean }
  | { kind: "token"; tokenId: number; name: string; unitCode: string }
  /** Anyone, for the public province-wide figures (no dossier-level data). */
  | { kind: "public" }
  /** The server itself (CLI, seed, jobs). */
  | { kind: "system" };

/** The unit whose subtree the caller may see, or null for everything. */
export function scopeOf(caller: Caller): string | null {
  switch (caller.kind) {
    case "user":
      return isProvinceWide(caller.role) ? null : caller.unitCode;
    case "token":
      return caller.unitCode;
    case "public":
    case "system":
      return null;
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

