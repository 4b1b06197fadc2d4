/** A dossier row as the writes take it: every field empty but the code, unit and status, then the test's own. */
import type { DossierRow } from "@/lib/store/writes";

export function dossierRow(o: Partial<DossierRow> & Pick<DossierRow, "code">): DossierRow {
  return {
    procedureCode: null,
    unitCode: "T",
    channel: null,
    source: null,
    status: 4,
    submittedAt: null,
    receivedAt: null,
    appointmentAt: null,
    returnedAt: null,
    finishedAt: null,
    refusedAt: null,
    paidOnline: null,
    feeLines: 0,
    feePositive: false,
    syncedAt: o.receivedAt ?? null,
    raw: {},
    steps: [],
    ...o,
  };
}
