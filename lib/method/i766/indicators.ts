/**
 * METHOD-766 §1–§5: each indicator's numerator and denominator from a group's counts
 * (the scorecard's, computed under this profile's rules). An indicator whose §6 columns
 * are absent is N/A with null counts (§0.2).
 */
import type { Counted } from "./score";
import type { IndicatorId } from "./points";

export interface Counts766 {
  population: number;
  onTime: number;
  withinDeadline: number;
  procedures: number;
  onlineProcedures: number;
  servicesWithDossiers: number;
  received: number;
  online: number;
  feeProcedures: number;
  paidProcedures: number;
  catalogueFeeProcedures: number;
  feeDataProcedures: number;
  payable: number;
  paidOnline: number;
  synced: number;
  reportedNational: number;
  reportedPortal: number;
  g4: number;
  g4Finished: number;
  g4EResult: number;
  g4Digitised: number;
  g4Reused: number;
  g4Shared: number;
  g4Citizen: number;
  g4Population: number;
  /** §5.4: of the population, neither late, overdue, rated dissatisfied (HaiLong 0) nor named by a PAKN. */
  kept: number;
  /** §3.3's online dossiers (KetQuaGiay 1: also finished with an electronic result). */
  online766: number;
  /** §1.1–1.3: procedures under authority whose row carried the columns, counted, on time. */
  announcedCols: number;
  announced: number;
  announcedOnTime: number;
  madePublicCols: number;
  madePublic: number;
  madePublicOnTime: number;
  completeCols: number;
  complete: number;
  /** §5.2–5.3: PAKN received in the period; of them, those whose row carried NgayXuLyXong, those on time, those handled to satisfaction. */
  feedback: number;
  handled: number;
  handledOnTime: number;
  handledWell: number;
  /** Whether any file of its kind ever carried each indicator's §6 columns (thutuc.csv, pakn.csv). */
  carried: { announced: boolean; madePublic: boolean; complete: boolean; handled: boolean };
}

const of = (numerator: number, denominator: number): Counted => ({ numerator, denominator });
/**
 * An indicator over `records` records (procedures under authority, PAKN) whose §6 columns
 * `cols` of them carried (§0.2): some did ⇒ counted; none did ⇒ absent, N/A with null
 * counts — except a group with no record at all whose kind of file has carried the
 * columns (`carried`): nothing to count, 0 of 0.
 */
const ofColumns = (records: number, cols: number, carried: boolean, numerator: number, denominator: number): Counted =>
  cols > 0 || (records === 0 && carried)
    ? of(numerator, denominator)
    : { numerator: null, denominator: null, present: false };

export function counted766(c: Counts766): Partial<Record<IndicatorId, Counted>> {
  // §1.4: METHOD §Đ's rate (denominator the larger report), capped at 100 %.
  const reported = Math.max(c.reportedNational, c.reportedPortal);
  const sync: Counted = {
    numerator: c.synced,
    denominator: reported,
    ratio: reported > 0 ? Math.min(100, (c.synced / reported) * 100) : null,
  };
  // §2.1 / §5.4: on time or within the deadline, of the population.
  const timely = c.onTime + c.withinDeadline;
  return {
    "1.1": ofColumns(c.procedures, c.announcedCols, c.carried.announced, c.announcedOnTime, c.announced),
    "1.2": ofColumns(c.procedures, c.madePublicCols, c.carried.madePublic, c.madePublicOnTime, c.madePublic),
    "1.3": ofColumns(c.procedures, c.completeCols, c.carried.complete, c.complete, c.completeCols),
    "1.4": sync,
    "2.1": of(timely, c.population),
    "3.1": of(c.onlineProcedures, c.procedures),
    "3.2": of(c.servicesWithDossiers, c.onlineProcedures),
    // §3.3: the online share × min(1, the sync ratio; 1 when 1.4 does not apply).
    "3.3": {
      numerator: c.online766,
      denominator: c.received,
      ratio:
        c.received > 0
          ? (c.online766 / c.received) * 100 * (sync.ratio == null ? 1 : Math.min(1, sync.ratio / 100))
          : null,
    },
    "3.4": of(c.paidProcedures, c.feeProcedures),
    "3.5": of(c.feeDataProcedures, c.catalogueFeeProcedures),
    "3.6": of(c.paidOnline, c.payable),
    "4.1": of(c.g4EResult, c.g4Finished),
    "4.2": of(c.g4Digitised, c.g4),
    "4.3": of(c.g4Reused, c.g4),
    "4.4": of(c.g4Shared, c.g4Digitised),
    "4.5": of(c.g4Population, c.g4Citizen),
    "5.2": ofColumns(c.feedback, c.handled, c.carried.handled, c.handledOnTime, c.handled),
    "5.3": ofColumns(c.feedback, c.handled, c.carried.handled, c.handledWell, c.handled),
    "5.4": of(c.kept, c.population),
  };
}
