/**
 * METHOD-766 §1–§5: the registry of what each indicator counts. Every count has one name,
 * the same from here to the SQL that computes it (lib/engine/verdict766-sql.ts
 * `DOSSIER_RULES_766`, scorecard-sql.ts) and the list of its records: "3.3" is
 * `g3_online` of `received`, wherever it is read. An indicator whose §6 columns are absent
 * is N/A with null counts (§0.2).
 */
import type { Counted } from "./score";
import { INDICATOR_IDS, type DossierIndicator766, type IndicatorId } from "./points";

/** A group's counts under this profile's rules, by the names the scorecard's SQL gives them. */
export const COUNT_NAMES_766 = [
  // §2.1, §5.4: the population (METHOD §A.2 under §2.1's end), of it on time or within the
  // deadline, and of it neither late, overdue, rated dissatisfied (HaiLong 0) nor named by a PAKN.
  "population",
  "timely",
  "g5_kept",
  // §3.1–3.5: procedures under authority, and the dossiers of §3's period rule.
  "procedures",
  "online_procedures",
  "services_with",
  "fee_procs",
  "paid_procs",
  "catalogue_fee_procs",
  "fee_data_procs",
  // §3.3: received, and online (KetQuaGiay 1: also finished with an electronic result).
  "received",
  "g3_online",
  // §3.6: METHOD §C.3's payable dossiers, and those paid online.
  "payable",
  "paid_online",
  // §1.4: the reported totals (its numerator is group 4's dossiers: NgayTiepNhan in the period, drafts out).
  "reported_national",
  "reported_portal",
  // §4: dossiers with NgayTiepNhan in the period, and their §6 flags.
  "g4",
  "g4_finished",
  "g4_eresult",
  "g4_digitised",
  "g4_reused",
  "g4_shared",
  "g4_citizen",
  "g4_population",
  // §1.1–1.3: procedures under authority whose row carried the columns, counted, on time.
  "p11_cols",
  "p11",
  "p11_on",
  "p12_cols",
  "p12",
  "p12_on",
  "p13",
  "p13_on",
  // §5.2–5.3: PAKN received in the period; of them, those whose row carried NgayXuLyXong,
  // those handled on time, those handled to satisfaction.
  "feedback",
  "f52",
  "f52_on",
  "f53_on",
] as const;
export type Count766 = (typeof COUNT_NAMES_766)[number];

export type Counts766 = Record<Count766, number> & {
  /** Whether any file of its kind ever carried each indicator's §6 columns (thutuc.csv, pakn.csv). */
  carried: { announced: boolean; madePublic: boolean; complete: boolean; handled: boolean };
};

/** §1.4's denominator: the larger of the two reported totals. */
type Derived = "reported";

/**
 * Each indicator's numerator and denominator. An indicator over records whose §6
 * columns are optional (§1.1–1.3 procedures, §5.2–5.3 PAKN) names them in `columns`.
 */
export interface CountedBy {
  num: Count766;
  den: Count766 | Derived;
  columns?: { records: Count766; cols: Count766; carried: keyof Counts766["carried"] };
}

export const COUNTED_BY = {
  "1.1": { num: "p11_on", den: "p11", columns: { records: "procedures", cols: "p11_cols", carried: "announced" } },
  "1.2": { num: "p12_on", den: "p12", columns: { records: "procedures", cols: "p12_cols", carried: "madePublic" } },
  "1.3": { num: "p13_on", den: "p13", columns: { records: "procedures", cols: "p13", carried: "complete" } },
  // §1.4: METHOD §Đ's rate (denominator the larger report), capped at 100 %.
  "1.4": { num: "g4", den: "reported" },
  "2.1": { num: "timely", den: "population" },
  "3.1": { num: "online_procedures", den: "procedures" },
  "3.2": { num: "services_with", den: "online_procedures" },
  // §3.3: the online share × min(1, the sync ratio; 1 when 1.4 does not apply).
  "3.3": { num: "g3_online", den: "received" },
  "3.4": { num: "paid_procs", den: "fee_procs" },
  "3.5": { num: "fee_data_procs", den: "catalogue_fee_procs" },
  "3.6": { num: "paid_online", den: "payable" },
  "4.1": { num: "g4_eresult", den: "g4_finished" },
  "4.2": { num: "g4_digitised", den: "g4" },
  "4.3": { num: "g4_reused", den: "g4" },
  "4.4": { num: "g4_shared", den: "g4_digitised" },
  "4.5": { num: "g4_population", den: "g4_citizen" },
  "5.2": { num: "f52_on", den: "f52", columns: { records: "feedback", cols: "f52", carried: "handled" } },
  "5.3": { num: "f53_on", den: "f52", columns: { records: "feedback", cols: "f52", carried: "handled" } },
  "5.4": { num: "g5_kept", den: "population" },
} as const satisfies Record<IndicatorId, CountedBy>;

/** The counts a dossier indicator's numerator or denominator names: each has one SQL rule. */
export type DossierCount766 = (typeof COUNTED_BY)[DossierIndicator766]["num" | "den"];

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
  const all: Record<Count766 | Derived, number> = { ...c, reported: Math.max(c.reported_national, c.reported_portal) };
  const counted = (by: CountedBy): Counted =>
    by.columns
      ? ofColumns(
          all[by.columns.records],
          all[by.columns.cols],
          c.carried[by.columns.carried],
          all[by.num],
          all[by.den],
        )
      : of(all[by.num], all[by.den]);
  const out = Object.fromEntries(INDICATOR_IDS.map((id) => [id, counted(COUNTED_BY[id])])) as Record<
    IndicatorId,
    Counted
  >;
  const sync = out["1.4"];
  const syncRatio = sync.denominator! > 0 ? Math.min(100, (sync.numerator! / sync.denominator!) * 100) : null;
  const online = out["3.3"];
  return {
    ...out,
    "1.4": { ...sync, ratio: syncRatio },
    "3.3": {
      ...online,
      ratio:
        online.denominator! > 0
          ? (online.numerator! / online.denominator!) * 100 * (syncRatio == null ? 1 : Math.min(1, syncRatio / 100))
          : null,
    },
  };
}
