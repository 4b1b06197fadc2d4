/** METHOD §B — online public service quality, from counts the engine aggregates. */
import { onlineBand } from "./bands";
import { rate } from "./rates";

/**
 * METHOD §B.1 [decision]: toàn trình counts as level 4, một phần as level 3; a
 * procedure declared at both counts as the higher (the max is taken over a group).
 */
export function onlineLevelOf(raw: string | number | null | undefined): 3 | 4 | null {
  const s = String(raw ?? "")
    .trim()
    .toLowerCase();
  if (s === "4" || s === "toàn trình") return 4;
  if (s === "3" || s === "một phần") return 3;
  return null;
}

/** KenhThucHien (DATA.md §1); METHOD §B.3: empty counts as direct. */
export const CHANNEL = { DIRECT: 1, ONLINE: 2, POSTAL: 3 } as const;

export interface OnlineCounts {
  procedures: number; // §B.1 distinct procedures under authority
  level4: number;
  level3: number;
  servicesWithDossiers: number; // §B.2 level-3/4 services with an online dossier in the period
  servicesWithDossiersDvcqg: number;
  servicesWithDossiersLocal: number;
  received: number; // §B.3 dossiers with NgayTiepNhan in the period
  online: number;
  direct: number; // KenhThucHien 1 or empty
  postal: number;
  onlineInProgress: number; // §B.4
  onlineWithinDeadline: number;
  onlineOverdue: number;
}

/** METHOD §B.1–B.4: rates and the §0.4 band on the level-3+4 rate. */
export function onlineIndicator(c: OnlineCounts) {
  const provided = c.level4 + c.level3;
  const level34Rate = rate(provided, c.procedures);
  return {
    procedures: c.procedures,
    level4: c.level4,
    level3: c.level3,
    level4Rate: rate(c.level4, c.procedures),
    level3Rate: rate(c.level3, c.procedures),
    notProvidedRate: rate(c.procedures - provided, c.procedures),
    level34Rate,
    band: onlineBand(level34Rate, provided),
    servicesWithDossiers: c.servicesWithDossiers,
    servicesWithDossiersRate: rate(c.servicesWithDossiers, provided),
    servicesWithDossiersBySource: { dvcqg: c.servicesWithDossiersDvcqg, local: c.servicesWithDossiersLocal },
    channels: {
      received: c.received,
      online: c.online,
      direct: c.direct,
      postal: c.postal,
      onlineRate: rate(c.online, c.received),
      directRate: rate(c.direct, c.received),
      postalRate: rate(c.postal, c.received),
    },
    onlineInProgress: {
      total: c.onlineInProgress,
      withinDeadline: c.onlineWithinDeadline,
      overdue: c.onlineOverdue,
      withinDeadlineRate: rate(c.onlineWithinDeadline, c.onlineInProgress),
      overdueRate: rate(c.onlineOverdue, c.onlineInProgress),
    },
  };
}
