/**
 * Each test starts as a fresh client: the per-caller rate buckets of lib/api/limits.ts are
 * emptied before it (a test that is about the limits spends them within itself).
 */
import { beforeEach } from "vitest";
import { resetLimits } from "@/lib/api/limits";

beforeEach(() => resetLimits());
