/** METHOD §D.2 [decision]: the row of PAKN that name no field or sector (and of dossiers with no field). */
export const UNDETERMINED = "Chưa xác định";

/** METHOD §D — feedback and petitions (PAKN) by class. */
import { rate } from "./rates";

/** PhanLoai (DATA.md §2): 1 regulations, 2 conduct of officials. */

export interface FeedbackCounts {
  total: number;
  regulation: number;
  conduct: number;
}

/** METHOD §D.1: the share of each class among PAKN received in the period. */
export function feedbackIndicator(c: FeedbackCounts) {
  return { ...c, regulationRate: rate(c.regulation, c.total), conductRate: rate(c.conduct, c.total) };
}
